// What each email template is given. Deliberately thin: patient initials and the case number identify the case;
// names, dates of birth, member ids, diagnoses and drugs stay behind sign-in.
export interface EmailBase {
  organizationName: string;
  recipientName: string;
  caseNumber: string;
  patientInitials: string;
  /** The case in the app (sign-in required). */
  caseUrl: string;
}

export type RenewalBand = 30 | 14 | 7 | "units";

export interface RenewalAlertProps extends EmailBase {
  band: RenewalBand;
  /** Last day the current authorization covers (ISO date). */
  effectiveTo: string;
  authorizedUnits?: number;
  remainingUnits?: number;
  /** Signed link to attest continued therapy and enter the current weight. */
  actionUrl: string;
}

export interface RenewalAlertCoordinatorProps extends EmailBase {
  band: RenewalBand;
  effectiveTo: string;
  remainingUnits?: number;
}

export interface InformationRequestProps extends EmailBase {
  items: string[];
  dueOn: string;
  /** Signed link to upload the requested document. */
  actionUrl: string;
}

export interface InformationOverdueProps extends EmailBase {
  items: string[];
  dueOn: string;
}

export interface P2PCallWindowsProps extends EmailBase {
  /** When the payer's peer-to-peer window closes (ISO instant), when known. */
  deadline?: string;
  /** Signed link to pick call windows. */
  actionUrl: string;
}

export type DeadlineNoticeTemplate = "decision-overdue" | "p2p-window-closed" | "appeal-window-closed" | "site-of-care-transition-due";

export interface DeadlineNoticeProps extends EmailBase {
  template: DeadlineNoticeTemplate;
  dueAt: string;
}

export interface DigestItem {
  caseNumber: string;
  patientInitials: string;
  /** When it is due (ISO instant). */
  dueAt: string;
  /** What is due, in a coordinator's words ("Payer decision due"). */
  what: string;
}

export interface CoordinatorDigestProps {
  organizationName: string;
  recipientName: string;
  /** The day the digest is for (ISO date). */
  day: string;
  /** Cases due by the end of that day, most overdue first. */
  items: DigestItem[];
  queueUrl: string;
}

/** Every template the outbox can ask for, with its props. */
export type EmailMessage =
  | ({ template: "renewal-alert" } & RenewalAlertProps)
  | ({ template: "renewal-alert-coordinator" } & RenewalAlertCoordinatorProps)
  | ({ template: "information-request" } & InformationRequestProps)
  | ({ template: "information-reminder" } & InformationRequestProps)
  | ({ template: "information-overdue" } & InformationOverdueProps)
  | ({ template: "p2p-call-windows" } & P2PCallWindowsProps)
  | DeadlineNoticeProps
  | ({ template: "coordinator-digest" } & CoordinatorDigestProps);

export type EmailTemplateName = EmailMessage["template"];

export const emailTemplateNames = [
  "renewal-alert",
  "renewal-alert-coordinator",
  "information-request",
  "information-reminder",
  "information-overdue",
  "p2p-call-windows",
  "decision-overdue",
  "p2p-window-closed",
  "appeal-window-closed",
  "site-of-care-transition-due",
  "coordinator-digest",
] as const satisfies readonly EmailTemplateName[];

/** "2026-07-14" → "Jul 14, 2026"; dates are shown as the payer wrote them, without a time zone shift. */
export function formatDay(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return isoDate;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

export function bandLabel(band: RenewalBand): string {
  return band === "units" ? "units for the next doses are running out" : `${band} days before the authorization ends`;
}
