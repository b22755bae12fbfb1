// To a coordinator, each morning: the cases due by the end of the day (theirs and the unassigned ones), by case
// number and patient initials only.
import { Column, Row, Section, Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { formatDay, type CoordinatorDigestProps } from "./types";

export function coordinatorDigestSubject(p: CoordinatorDigestProps): string {
  return `Due today (${formatDay(p.day)}): ${p.items.length === 1 ? "1 case" : `${p.items.length} cases`}`;
}

const time = (iso: string, timeZone = "UTC") => new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone, timeZoneName: "short" });

export default function CoordinatorDigest(p: CoordinatorDigestProps) {
  return (
    <EmailLayout base={p} preview={coordinatorDigestSubject(p)} heading={`Your due-today list for ${formatDay(p.day)}`} action={{ label: "Open the queues", url: p.queueUrl }}>
      {p.items.length === 0 ? (
        <Text>Nothing is due today. Well done.</Text>
      ) : (
        <Section>
          {p.items.map((item) => (
            <Row key={`${item.caseNumber}-${item.what}`}>
              <Column>
                <Text style={{ margin: "4px 0" }}>{`${item.caseNumber} · ${item.patientInitials} — ${item.what}, due ${time(item.dueAt, p.timeZone)}`}</Text>
              </Column>
            </Row>
          ))}
        </Section>
      )}
    </EmailLayout>
  );
}
