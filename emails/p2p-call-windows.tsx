// To the ordering provider: a peer-to-peer review was requested; offer call windows before the deadline.
import { Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { formatDay, type P2PCallWindowsProps } from "./types";

export function p2pCallWindowsSubject(p: P2PCallWindowsProps): string {
  return `Peer-to-peer review: pick call windows${p.deadline ? ` by ${formatDay(p.deadline)}` : ""} (case ${p.caseNumber})`;
}

export default function P2PCallWindows(p: P2PCallWindowsProps) {
  return (
    <EmailLayout base={p} preview={p2pCallWindowsSubject(p)} heading="Schedule a peer-to-peer review" action={{ label: "Pick call windows", url: p.actionUrl }}>
      <Text>
        The payer&apos;s medical director will discuss this request with you by phone.
        {p.deadline ? (
          <>
            {" "}
            The call must happen by <strong>{formatDay(p.deadline)}</strong>.
          </>
        ) : null}{" "}
        Tell us when you can take it and we will book it with the payer.
      </Text>
    </EmailLayout>
  );
}
