// Handlers for the payer's decision and what follows a denial: peer-to-peer review and appeals at each level.
import type { Approval, CommandOf } from "./commands";
import type { CaseState } from "./case-state";
import { appealFilingDeadline, caseScope, nextAppealLevels, p2pRequestDeadline } from "./deadlines";
import { type DecideContext, type MakeEvent, shortDate, today } from "./decide-support";
import { type Decision, type DomainError, accept, domainError, reject } from "./errors";
import type { CaseEvent } from "./events";
import { type AppealLevel, resolveRule } from "./payer-rules";
import { evaluateChecklist } from "./site-of-care";

type Result = Decision<CaseEvent>;

/** Checks an approval against the request: known lines, and "approved" only when nothing was cut. */
function checkApproval(state: CaseState, approval: Approval, field: string): DomainError | undefined {
  for (const [i, granted] of approval.lines.entries()) {
    if (!state.lines.some((l) => l.lineNumber === granted.lineNumber)) {
      const known = state.lines.map((l) => `${l.lineNumber} (${l.hcpcs})`).join(", ");
      return domainError("UNKNOWN_LINE", `Line ${granted.lineNumber} is not on this request; the lines are ${known}.`, { field: `${field}lines[${i}].lineNumber` });
    }
  }
  if (approval.outcome !== "approved") return undefined;
  for (const line of state.lines) {
    const granted = approval.lines.find((l) => l.lineNumber === line.lineNumber);
    const cutUnits = granted?.authorizedUnits !== undefined && granted.authorizedUnits < line.requestedUnits;
    const cutVisits = granted?.authorizedVisits !== undefined && granted.authorizedVisits < line.requestedVisits;
    if (!granted || cutUnits || cutVisits) {
      const what = !granted ? "nothing" : cutUnits ? `${granted.authorizedUnits} of ${line.requestedUnits} units` : `${granted.authorizedVisits} of ${line.requestedVisits} visits`;
      return domainError("OUTCOME_MISMATCH", `The payer authorized ${what} on line ${line.lineNumber} (${line.hcpcs}); record the decision as partially approved.`, { field: `${field}outcome` });
    }
  }
  return undefined;
}

/** The payer's decision time: as given (not in the future), else now. */
function decisionTime(decidedAt: string | undefined, context: DecideContext): string | DomainError {
  if (decidedAt === undefined) return context.now.toISOString();
  if (new Date(decidedAt).getTime() > context.now.getTime()) return domainError("INVALID_COMMAND", "The decision date is in the future; enter the date on the payer's letter.", { field: "decidedAt" });
  return decidedAt;
}

export function recordDecision(state: CaseState, command: CommandOf<"record-decision">, context: DecideContext, event: MakeEvent): Result {
  const decidedAt = decisionTime(command.decidedAt, context);
  if (typeof decidedAt !== "string") return reject(decidedAt);
  if (command.outcome === "approved" || command.outcome === "partially_approved" || command.outcome === "modified") {
    const problem = checkApproval(state, command.approval, "");
    if (problem) return reject(problem);
    return accept([event("decision-recorded", { outcome: command.outcome, decidedAt, approval: command.approval, ...(command.reason ? { reason: command.reason } : {}) })]);
  }
  if (command.outcome === "denied") {
    return accept([event("decision-recorded", { outcome: "denied", decidedAt, reason: command.reason ?? "", denialCategory: command.denialCategory })]);
  }
  return accept([event("decision-recorded", { outcome: command.outcome, decidedAt, ...(command.reason ? { reason: command.reason } : {}) })]);
}

export function requestP2P(state: CaseState, command: CommandOf<"request-p2p">, context: DecideContext, event: MakeEvent): Result {
  if (state.peerToPeer) {
    return reject(domainError("P2P_ALREADY_HELD", `A peer-to-peer review was already held on this case (${state.peerToPeer.stage}); file an appeal instead.`));
  }
  if (state.appeals.length > 0) return reject(domainError("P2P_AFTER_APPEAL", "A peer-to-peer review must come before any appeal; this case is already in the appeal process."));
  const window = p2pRequestDeadline(state, context.rules);
  if (window && context.now.getTime() >= window.at.getTime()) {
    const closedOn = shortDate(new Date(window.at.getTime() - 1), state.facility.timeZone);
    return reject(domainError("P2P_WINDOW_CLOSED", `The peer-to-peer window closed after ${closedOn} (${window.rule}); file an appeal instead.`));
  }
  return accept([event("p2p-requested", { callWindows: command.callWindows, ...(command.note ? { note: command.note } : {}) })]);
}

export function scheduleP2P(state: CaseState, command: CommandOf<"schedule-p2p">, event: MakeEvent): Result {
  return accept([event("p2p-scheduled", { scheduledFor: command.scheduledFor, ...(command.reviewer ? { reviewer: command.reviewer } : {}) })]);
}

export function recordP2POutcome(state: CaseState, command: CommandOf<"record-p2p-outcome">, context: DecideContext, event: MakeEvent): Result {
  const decidedAt = decisionTime(command.decidedAt, context);
  if (typeof decidedAt !== "string") return reject(decidedAt);
  if (state.peerToPeer?.stage !== "scheduled") return reject(domainError("P2P_NOT_SCHEDULED", "Schedule the peer-to-peer call before recording its outcome."));
  if (command.approval) {
    const problem = checkApproval(state, command.approval, "approval.");
    if (problem) return reject(problem);
  }
  return accept([
    event("p2p-outcome-recorded", { outcome: command.outcome, decidedAt, ...(command.approval ? { approval: command.approval } : {}), ...(command.reason ? { reason: command.reason } : {}) }),
  ]);
}

function levelName(level: AppealLevel): string {
  return level === "external" ? "external review" : `level ${level} appeal`;
}

export function fileAppeal(state: CaseState, command: CommandOf<"file-appeal">, context: DecideContext, event: MakeEvent): Result {
  const levels = nextAppealLevels(state);
  if (!levels.includes(command.level)) {
    const message =
      levels.length === 0
        ? "Every appeal level has been used on this case."
        : `A ${levelName(command.level)} cannot be filed now; the next step is the ${levels.map(levelName).join(" or the ")}.`;
    return reject(domainError("APPEAL_LEVEL_OUT_OF_ORDER", message, { field: "level" }));
  }
  const window = appealFilingDeadline(state, context.rules, command.level);
  if (window && context.now.getTime() >= window.at.getTime()) {
    const closedOn = shortDate(new Date(window.at.getTime() - 1), state.facility.timeZone);
    return reject(domainError("APPEAL_WINDOW_CLOSED", `The ${levelName(command.level)} window closed after ${closedOn} (${window.rule}).`));
  }
  const data = { level: command.level, kind: command.kind, documentIds: command.documentIds };
  if (command.siteOfCare) {
    const rule = resolveRule(context.rules, "site-of-care", caseScope(state, today(state, context.now)));
    const { requestedSite, checklist } = command.siteOfCare;
    const siteOfCare = { requestedSite, checklist, evaluation: evaluateChecklist(checklist, rule?.value.exceptionCriteria) };
    return accept([event("appeal-filed", { ...data, siteOfCare }, { channel: command.channel, proofReference: command.proofReference })]);
  }
  return accept([event("appeal-filed", data, { channel: command.channel, proofReference: command.proofReference })]);
}

export function recordAppealDecision(state: CaseState, command: CommandOf<"record-appeal-decision">, context: DecideContext, event: MakeEvent): Result {
  const decidedAt = decisionTime(command.decidedAt, context);
  if (typeof decidedAt !== "string") return reject(decidedAt);
  const pending = state.appeals.find((a) => !a.outcome);
  if (!pending || pending.level !== command.level) {
    const message = pending ? `No ${levelName(command.level)} is pending; the pending appeal is the ${levelName(pending.level)}.` : "No appeal is pending on this case; file one first.";
    return reject(domainError("NO_APPEAL_PENDING", message, { field: "level" }));
  }
  if (command.approval) {
    const problem = checkApproval(state, command.approval, "approval.");
    if (problem) return reject(problem);
  }
  return accept([
    event("appeal-decided", {
      level: command.level,
      outcome: command.outcome,
      decidedAt,
      ...(command.approval ? { approval: command.approval } : {}),
      ...(command.reason ? { reason: command.reason } : {}),
    }),
  ]);
}
