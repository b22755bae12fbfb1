// To the ordering provider: the payer asked for more information; what, by when, and a link to upload it.
import { Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { formatDay, type InformationRequestProps } from "./types";

export function informationRequestSubject(p: InformationRequestProps): string {
  return `The payer needs information by ${formatDay(p.dueOn)} (case ${p.caseNumber})`;
}

export function RequestedItems({ items, dueOn }: { items: string[]; dueOn: string }) {
  return (
    <>
      <Text>The payer asked for:</Text>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <Text>
        Due by <strong>{formatDay(dueOn)}</strong>.
      </Text>
    </>
  );
}

export default function InformationRequest(p: InformationRequestProps) {
  return (
    <EmailLayout base={p} preview={informationRequestSubject(p)} heading="The payer asked for more information" action={{ label: "Upload the requested document", url: p.actionUrl }}>
      <RequestedItems items={p.items} dueOn={p.dueOn} />
    </EmailLayout>
  );
}
