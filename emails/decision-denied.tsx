// To the ordering provider (and the assignee when someone else recorded it): the payer denied the request, or a
// peer-to-peer or appeal upheld the denial — the payer's specific reason, and the deadlines that now run (the
// peer-to-peer request window and the next appeal's filing window), each with the rule that set it.
import { Link, Text } from "@react-email/components";
import { appealWords } from "./decision-approved";
import { EmailLayout } from "./email-layout";
import { formatDeadlineDay, type DecisionDeniedProps } from "./types";

const categoryWords: Record<string, string> = {
  medical_necessity: "medical necessity",
  site_of_care: "site of care",
  step_therapy: "step therapy",
  administrative: "administrative",
  not_covered: "not a covered benefit",
  other: "other",
};

export function decisionDeniedSubject(p: DecisionDeniedProps): string {
  const first = p.deadlines[0];
  const by = first ? ` — ${first.kind === "p2p-request" ? "peer-to-peer" : "appeal"} by ${formatDeadlineDay(first.at, p.timeZone).replace(/ \(.*$/, "")}` : "";
  const lead = p.stage === "initial" ? "Denied" : p.stage === "peer-to-peer" ? "Peer-to-peer upheld the denial" : `${appealWords(p.appealLevel).replace(/^the /, "").replace(/^./, (c) => c.toUpperCase())} upheld the denial`;
  return `${lead}: case ${p.caseNumber}${by}`;
}

const deadlineLabel = (kind: DecisionDeniedProps["deadlines"][number]["kind"]) => (kind === "p2p-request" ? "Request a peer-to-peer review by" : "File the appeal by");

export default function DecisionDenied(p: DecisionDeniedProps) {
  const heading = p.stage === "initial" ? "The payer denied this request" : p.stage === "peer-to-peer" ? "The peer-to-peer review upheld the denial" : `${appealWords(p.appealLevel).replace(/^./, (c) => c.toUpperCase())} upheld the denial`;
  return (
    <EmailLayout base={p} preview={decisionDeniedSubject(p)} heading={heading} action={{ label: "Open the case", url: p.caseUrl }}>
      <Text>
        The payer&apos;s reason{p.denialCategory ? ` (${categoryWords[p.denialCategory] ?? p.denialCategory})` : ""}:{" "}
        <strong>{p.reason?.trim() ? p.reason : "the payer gave no specific reason; the PA team will ask for it"}</strong>
      </Text>
      {p.deadlines.length ? (
        <>
          <Text>What can be done, and by when:</Text>
          <ul>
            {p.deadlines.map((d) => (
              <li key={d.kind}>
                <strong>{`${deadlineLabel(d.kind)} ${formatDeadlineDay(d.at, p.timeZone)}`}</strong>
                {` — ${d.description}. Rule: ${d.rule} (${d.source}).`}
              </li>
            ))}
          </ul>
          {p.deadlines.some((d) => d.kind === "p2p-request") ? (
            <Text>A peer-to-peer review comes before any appeal. If you want one, the PA team requests it and you will get an email to offer call windows.</Text>
          ) : null}
        </>
      ) : (
        <Text>No further review is open for this decision under the payer&apos;s rules.</Text>
      )}
      <Text>
        Details are in the app: <Link href={p.caseUrl}>open case {p.caseNumber}</Link>.
      </Text>
    </EmailLayout>
  );
}
