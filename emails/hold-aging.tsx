// To the organization's billers: a held claim has waited past an aging threshold. Claim number, patient initials
// and the reason only; the message, the fix and the case are behind sign-in in the holds queue.
import { Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import type { HoldAgingProps } from "./types";

export function holdAgingSubject(p: HoldAgingProps): string {
  return `Claim ${p.claimNumber} held ${p.thresholdDays}+ days: ${p.reason}`;
}

export default function HoldAging(p: HoldAgingProps) {
  return (
    <EmailLayout
      base={p}
      preview={holdAgingSubject(p)}
      heading={`A claim has been held for ${p.thresholdDays} days`}
      action={{ label: "Open the holds queue", url: p.claimsUrl }}
    >
      <Text>{`Claim ${p.claimNumber} (patient ${p.patientInitials}) is still held: ${p.reason}. Nothing is billed until the hold clears; the holds queue shows the fix and the case that would clear it.`}</Text>
    </EmailLayout>
  );
}
