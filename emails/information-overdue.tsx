// To the case's coordinator: an information request passed its due date unanswered.
import { Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { RequestedItems } from "./information-request";
import type { InformationOverdueProps } from "./types";

export function informationOverdueSubject(p: InformationOverdueProps): string {
  return `Information request overdue on case ${p.caseNumber}`;
}

export default function InformationOverdue(p: InformationOverdueProps) {
  return (
    <EmailLayout base={p} preview={informationOverdueSubject(p)} heading="An information request is overdue" action={{ label: "Open the case", url: p.caseUrl }}>
      <RequestedItems items={p.items} dueOn={p.dueOn} />
      <Text>The ordering provider was reminded. Send what you have, or call the payer for more time.</Text>
    </EmailLayout>
  );
}
