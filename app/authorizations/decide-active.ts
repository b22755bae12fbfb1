// Handlers for a live authorization: renewal, supersession, regimen change and the unit ledger.
import type { CommandOf } from "./commands";
import type { CaseState } from "./case-state";
import type { MakeEvent } from "./decide-support";
import { type Decision, accept, domainError, reject } from "./errors";
import type { CaseEvent } from "./events";
import { evolve } from "./evolve";
import { isExhausted, lineRemaining } from "./ledger";
import { regimenChangeImpact } from "./regimen-change";
import { isActive } from "./vocabulary";

type Result = Decision<CaseEvent>;

export function startRenewal(state: CaseState, command: CommandOf<"start-renewal">, event: MakeEvent): Result {
  if (command.successorCaseId === state.caseId) return reject(domainError("SELF_REFERENCE", "A case cannot renew itself; open the renewal as a new case.", { field: "successorCaseId" }));
  if (state.links.successorCaseId === command.successorCaseId) return accept([]);
  if (state.links.successorCaseId) {
    return reject(domainError("INVALID_TRANSITION", "A renewal is already open for this authorization; cancel it before starting another.", { field: "successorCaseId" }));
  }
  return accept([event("renewal-started", { successorCaseId: command.successorCaseId })]);
}

export function supersede(state: CaseState, command: CommandOf<"supersede">, event: MakeEvent): Result {
  if (command.successorCaseId === state.caseId) return reject(domainError("SELF_REFERENCE", "A case cannot supersede itself.", { field: "successorCaseId" }));
  return accept([event("superseded", { successorCaseId: command.successorCaseId, from: command.from, reason: command.reason })]);
}

export function recordRegimenChange(state: CaseState, command: CommandOf<"record-regimen-change">, event: MakeEvent): Result {
  if (!state.lines.some((l) => l.lineNumber === command.newRegimen.lineNumber)) {
    return reject(domainError("UNKNOWN_LINE", `Line ${command.newRegimen.lineNumber} is not on this authorization.`, { field: "newRegimen.lineNumber" }));
  }
  if (command.revisedCaseId === state.caseId) return reject(domainError("SELF_REFERENCE", "The revised request needs its own case id.", { field: "revisedCaseId" }));
  const impact = regimenChangeImpact(state, command.newRegimen, { ...(command.revisedCaseId ? { revisedCaseId: command.revisedCaseId } : {}), affected: command.affected });
  return accept([
    event("regimen-changed", {
      newRegimen: command.newRegimen,
      changes: impact.changes,
      covered: impact.covered,
      ...(impact.revisedRequest && command.revisedCaseId ? { revisedCaseId: command.revisedCaseId, revisedRequest: impact.revisedRequest } : {}),
      holds: impact.holds,
      onHold: impact.onHold,
    }),
  ]);
}

export function syncLedger(state: CaseState, command: CommandOf<"sync-ledger">, event: MakeEvent): Result {
  for (const [i, line] of command.lines.entries()) {
    if (!state.lines.some((l) => l.lineNumber === line.lineNumber)) {
      return reject(domainError("UNKNOWN_LINE", `Line ${line.lineNumber} is not on this authorization.`, { field: `lines[${i}].lineNumber` }));
    }
  }
  const synced = event("ledger-synced", { lines: command.lines, upcoming: command.upcoming });
  const after = evolve(state, synced);
  if (!isActive(state.status) || !isExhausted(after)) return accept([synced]);
  const left = state.lines.map((l) => lineRemaining(after, l.lineNumber));
  return accept([
    synced,
    event("units-exhausted", { remainingUnits: left.reduce((s, l) => s + l.remainingUnits, 0), remainingVisits: left.reduce((s, l) => s + l.remainingVisits, 0) }),
  ]);
}
