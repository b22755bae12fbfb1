// To the ordering provider: the authorization is ending (30/14/7 days) or its units are running out; what the payer
// will want for the renewal, and a link to attest continued therapy and enter the current weight.
import { Link, Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { bandLabel, formatDay, type RenewalAlertProps } from "./types";

export function renewalAlertSubject(p: RenewalAlertProps): string {
  return p.band === "units" ? `Renewal needed: units running out on case ${p.caseNumber}` : `Renewal needed: authorization ends ${formatDay(p.effectiveTo)} (case ${p.caseNumber})`;
}

export default function RenewalAlert(p: RenewalAlertProps) {
  return (
    <EmailLayout base={p} preview={renewalAlertSubject(p)} heading="Time to renew this authorization" action={{ label: "Attest continued therapy", url: p.actionUrl }}>
      <Text>
        This alert was raised {bandLabel(p.band)}. The current authorization ends on <strong>{formatDay(p.effectiveTo)}</strong>
        {p.authorizedUnits !== undefined ? (
          <>
            {" "}
            and covers <strong>{`${p.authorizedUnits} units`}</strong>
          </>
        ) : null}
        {p.remainingUnits !== undefined ? (
          <>
            ; <strong>{`${p.remainingUnits} units`}</strong> remain
          </>
        ) : null}
        .
      </Text>
      <Text>For the renewal the payer will want:</Text>
      <ul>
        <li>a response-to-therapy note (your attestation that therapy continues and is working),</li>
        <li>recent labs,</li>
        <li>the current weight.</li>
      </ul>
      <Text>
        One click below opens a short form for the attestation and the weight. The full case is in the app: <Link href={p.caseUrl}>open case {p.caseNumber}</Link>.
      </Text>
    </EmailLayout>
  );
}
