// Renders an outbox email (HTML and plain text) from its template name and props: the one place that maps
// template names to React Email components, used by the deliverer and the in-app mail viewer alike.
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import CoordinatorDigest, {
  coordinatorDigestSubject,
} from "./coordinator-digest";
import DeadlineNotice, { deadlineNoticeSubject } from "./deadline-notice";
import DecisionApproved, { decisionApprovedSubject } from "./decision-approved";
import DecisionDenied, { decisionDeniedSubject } from "./decision-denied";
import HoldAging, { holdAgingSubject } from "./hold-aging";
import InformationOverdue, {
  informationOverdueSubject,
} from "./information-overdue";
import InformationReminder, {
  informationReminderSubject,
} from "./information-reminder";
import InformationRequest, {
  informationRequestSubject,
} from "./information-request";
import P2PCallWindows, { p2pCallWindowsSubject } from "./p2p-call-windows";
import RenewalAlert, { renewalAlertSubject } from "./renewal-alert";
import RenewalAlertCoordinator, {
  renewalAlertCoordinatorSubject,
} from "./renewal-alert-coordinator";
import SignInLink, { signInLinkSubject } from "./sign-in-link";
import type { EmailMessage } from "./types";

export * from "./types";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

function compose(message: EmailMessage): {
  subject: string;
  element: ReactElement;
} {
  switch (message.template) {
    case "renewal-alert":
      return {
        subject: renewalAlertSubject(message),
        element: <RenewalAlert {...message} />,
      };
    case "renewal-alert-coordinator":
      return {
        subject: renewalAlertCoordinatorSubject(message),
        element: <RenewalAlertCoordinator {...message} />,
      };
    case "information-request":
      return {
        subject: informationRequestSubject(message),
        element: <InformationRequest {...message} />,
      };
    case "information-reminder":
      return {
        subject: informationReminderSubject(message),
        element: <InformationReminder {...message} />,
      };
    case "information-overdue":
      return {
        subject: informationOverdueSubject(message),
        element: <InformationOverdue {...message} />,
      };
    case "p2p-call-windows":
      return {
        subject: p2pCallWindowsSubject(message),
        element: <P2PCallWindows {...message} />,
      };
    case "decision-overdue":
    case "p2p-window-closed":
    case "appeal-window-closed":
    case "site-of-care-transition-due":
      return {
        subject: deadlineNoticeSubject(message),
        element: <DeadlineNotice {...message} />,
      };
    case "decision-approved":
      return {
        subject: decisionApprovedSubject(message),
        element: <DecisionApproved {...message} />,
      };
    case "decision-denied":
      return {
        subject: decisionDeniedSubject(message),
        element: <DecisionDenied {...message} />,
      };
    case "coordinator-digest":
      return {
        subject: coordinatorDigestSubject(message),
        element: <CoordinatorDigest {...message} />,
      };
    case "sign-in-link":
      return {
        subject: signInLinkSubject(message),
        element: <SignInLink {...message} />,
      };
    case "hold-aging":
      return {
        subject: holdAgingSubject(message),
        element: <HoldAging {...message} />,
      };
  }
}

export async function renderEmail(
  message: EmailMessage,
): Promise<RenderedEmail> {
  const { subject, element } = compose(message);
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true }),
  ]);
  return { subject, html, text };
}
