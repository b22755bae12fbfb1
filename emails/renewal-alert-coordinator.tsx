// To the case's coordinator: the same renewal alert, as a work item for the queue.
import { Link, Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { bandLabel, formatDay, type RenewalAlertCoordinatorProps } from "./types";

export function renewalAlertCoordinatorSubject(p: RenewalAlertCoordinatorProps): string {
  return `Start the renewal for case ${p.caseNumber} (${p.band === "units" ? "units running out" : `${p.band} days left`})`;
}

export default function RenewalAlertCoordinator(p: RenewalAlertCoordinatorProps) {
  return (
    <EmailLayout base={p} preview={renewalAlertCoordinatorSubject(p)} heading="A renewal is due" action={{ label: "Open the case", url: p.caseUrl }}>
      <Text>
        Renewal alert raised {bandLabel(p.band)}: the authorization ends on <strong>{formatDay(p.effectiveTo)}</strong>
        {p.remainingUnits !== undefined ? <>{`, with ${p.remainingUnits} units left`}</> : null}. The ordering provider was asked to attest continued therapy and
        enter the current weight; their answer lands on the case timeline.
      </Text>
      <Text>
        <Link href={p.caseUrl}>Open case {p.caseNumber}</Link> to start the renewal request.
      </Text>
    </EmailLayout>
  );
}
