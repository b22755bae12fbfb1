// To the ordering provider (and the assignee when someone else recorded it): the payer approved the request — at
// first review, after a peer-to-peer or on appeal — with the authorization number, the dates and what it covers.
import { Link, Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { formatDay, type DecisionApprovedProps, type DecisionStage, type NoticeAppealLevel } from "./types";

const outcomeWords: Record<DecisionApprovedProps["outcome"], string> = {
  approved: "approved",
  partially_approved: "partially approved",
  modified: "approved with changes",
};

export function appealWords(level: NoticeAppealLevel | undefined): string {
  return level === "external" ? "the external review" : level ? `the level ${level} appeal` : "the appeal";
}

function howWords(stage: DecisionStage, level: NoticeAppealLevel | undefined): string {
  return stage === "initial" ? "" : stage === "peer-to-peer" ? " after the peer-to-peer review overturned the denial" : ` after ${appealWords(level)} overturned the denial`;
}

export function decisionApprovedSubject(p: DecisionApprovedProps): string {
  const lead = p.stage === "initial" ? "Approved" : p.stage === "peer-to-peer" ? "Denial overturned at peer-to-peer" : "Denial overturned on appeal";
  return `${lead}: authorization ${p.authorizationNumber}, ${formatDay(p.effectiveFrom)} – ${formatDay(p.effectiveTo)} (case ${p.caseNumber})`;
}

const quantity = (n: number, unitType: DecisionApprovedProps["unitType"]) => `${n} ${unitType === "visits" ? (n === 1 ? "visit" : "visits") : n === 1 ? "unit" : "units"}`;

export default function DecisionApproved(p: DecisionApprovedProps) {
  const cut = p.lines.some((l) => l.authorized < l.requested);
  return (
    <EmailLayout base={p} preview={decisionApprovedSubject(p)} heading={p.stage === "initial" ? "The payer approved this request" : "The denial was overturned"} action={{ label: "Open the case", url: p.caseUrl }}>
      <Text>
        The payer {outcomeWords[p.outcome]} the request{howWords(p.stage, p.appealLevel)}. Authorization number <strong>{p.authorizationNumber}</strong>, valid from{" "}
        <strong>{formatDay(p.effectiveFrom)}</strong> through <strong>{formatDay(p.effectiveTo)}</strong>.
      </Text>
      <Text>What it covers:</Text>
      <ul>
        {p.lines.map((line) => (
          <li key={line.lineNumber}>
            {`Line ${line.lineNumber}: ${quantity(line.authorized, p.unitType)} authorized${line.authorized < line.requested ? ` (${quantity(line.requested, p.unitType)} requested)` : ""}`}
          </li>
        ))}
      </ul>
      {cut ? <Text>The payer authorized less than was requested; the PA team will tell you whether to ask for more before the last covered dose.</Text> : null}
      <Text>
        Doses scheduled after {formatDay(p.effectiveTo)} need a renewal; you will get an alert before then. Details are in the app: <Link href={p.caseUrl}>open case {p.caseNumber}</Link>.
      </Text>
    </EmailLayout>
  );
}
