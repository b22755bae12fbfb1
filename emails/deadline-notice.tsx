// To the case's coordinator: a payer deadline passed (decision overdue, P2P or appeal window closed, site-of-care
// transition due). One template for the four notices; they differ only in wording.
import { Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { formatDay, type DeadlineNoticeProps, type DeadlineNoticeTemplate } from "./types";

const wording: Record<DeadlineNoticeTemplate, { heading: string; body: string }> = {
  "decision-overdue": { heading: "The payer's decision is overdue", body: "The payer has not decided within its timeframe. Follow up with the payer and record what they say." },
  "p2p-window-closed": { heading: "The peer-to-peer window closed", body: "No peer-to-peer review happened in the payer's window. Consider an appeal before its deadline." },
  "appeal-window-closed": { heading: "The appeal window closed", body: "The window to file the next appeal has passed. Record what was decided with the care team." },
  "site-of-care-transition-due": { heading: "Site-of-care transition due", body: "The payer expects treatment to move to the preferred site of care. Plan the transition or request an exception." },
};

export function deadlineNoticeSubject(p: DeadlineNoticeProps): string {
  return `${wording[p.template].heading} (case ${p.caseNumber})`;
}

export default function DeadlineNotice(p: DeadlineNoticeProps) {
  const words = wording[p.template];
  return (
    <EmailLayout base={p} preview={deadlineNoticeSubject(p)} heading={words.heading} action={{ label: "Open the case", url: p.caseUrl }}>
      <Text>
        Due {formatDay(p.dueAt)}. {words.body}
      </Text>
    </EmailLayout>
  );
}
