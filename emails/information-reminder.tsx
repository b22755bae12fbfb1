// To the ordering provider: the payer's information request is past due; the same upload link, more urgently.
import { Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { RequestedItems } from "./information-request";
import type { InformationRequestProps } from "./types";

export function informationReminderSubject(p: InformationRequestProps): string {
  return `Overdue: the payer is still waiting for information (case ${p.caseNumber})`;
}

export default function InformationReminder(p: InformationRequestProps) {
  return (
    <EmailLayout base={p} preview={informationReminderSubject(p)} heading="Reminder: the payer is still waiting" action={{ label: "Upload the requested document", url: p.actionUrl }}>
      <RequestedItems items={p.items} dueOn={p.dueOn} />
      <Text>Without it the payer may deny the request.</Text>
    </EmailLayout>
  );
}
