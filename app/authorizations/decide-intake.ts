// Handlers from intake to the payer's first answer, plus the housekeeping commands (cancel, void, assign, notes).
import { addDays, daysBetween, minDate } from "./calendar";
import type { CommandOf } from "./commands";
import type { CaseLine, CaseState } from "./case-state";
import { caseScope } from "./deadlines";
import { type DecideContext, type MakeEvent, shortDate, today } from "./decide-support";
import { type Decision, accept, domainError, reject } from "./errors";
import type { CaseEvent } from "./events";
import { resolveRule, resolveRuleOrDefault } from "./payer-rules";

type Result = Decision<CaseEvent>;

export function createCase(command: CommandOf<"create-case">, context: DecideContext, event: MakeEvent): Result {
  const hcpcs = command.lines.map((l) => l.hcpcs);
  const scope = { payerId: command.coverage.payerId, planId: command.coverage.planId, lineOfBusiness: command.coverage.lineOfBusiness, hcpcs, on: command.requestedFrom };
  const unitTypeRule = command.unitType ? undefined : resolveRule(context.rules, "unit-type", scope);
  const unitType = command.unitType ?? unitTypeRule?.value.unitType ?? "units";
  const lines: CaseLine[] = command.lines.map((line, i) => ({ ...line, lineNumber: i + 1, mappedHcpcs: [] }));
  return accept([
    event("case-created", {
      ...(command.caseNumber ? { caseNumber: command.caseNumber } : {}),
      ...(command.regimenId ? { regimenId: command.regimenId } : {}),
      patient: command.patient,
      coverage: command.coverage,
      orderingProvider: command.orderingProvider,
      ...(command.renderingNpi ? { renderingNpi: command.renderingNpi } : {}),
      facility: command.facility,
      lines,
      requestedFrom: command.requestedFrom,
      requestedTo: command.requestedTo,
      requestedSiteOfCare: command.requestedSiteOfCare ?? command.facility.siteOfCare,
      diagnoses: [...new Set(command.diagnoses)],
      urgency: command.urgency,
      certificationType: command.certificationType,
      unitType,
      ...(unitTypeRule ? { unitTypeRule: unitTypeRule.label } : {}),
      ...(command.predecessorCaseId ? { predecessorCaseId: command.predecessorCaseId } : {}),
      tags: command.tags,
    }),
  ]);
}

export function submit(state: CaseState, command: CommandOf<"submit">, context: DecideContext, event: MakeEvent): Result {
  const submittedAt = command.submittedAt ?? context.now.toISOString();
  if (new Date(submittedAt).getTime() > context.now.getTime()) {
    return reject(domainError("INVALID_COMMAND", "The submission time is in the future; enter when the request actually went to the payer.", { field: "submittedAt" }));
  }
  const submittedOn = shortDate(submittedAt, state.facility.timeZone);
  const retro = resolveRule(context.rules, "retro-window", caseScope(state, submittedOn));
  const daysBack = daysBetween(state.requested.from, submittedOn);
  if (retro && daysBack > retro.value.days) {
    const allowance = retro.value.days === 0 ? "accepts no retro requests" : `accepts retro requests up to ${retro.value.days} days back`;
    return reject(
      domainError(
        "RETRO_WINDOW_EXCEEDED",
        `This payer ${allowance} (${retro.label}); the first requested date, ${state.requested.from}, is ${daysBack} days before submission. Move the start date or ask the payer for an exception.`,
        { field: "requestedFrom" },
      ),
    );
  }
  return accept([event("submitted", { submittedAt }, { channel: command.channel, proofReference: command.proofReference })]);
}

export function acknowledge(state: CaseState, command: CommandOf<"record-payer-acknowledgement">, event: MakeEvent): Result {
  const fresh = command.references.filter((r) => !state.payerReferences.some((p) => p.kind === r.kind && p.value === r.value));
  // Re-recording the same numbers is a no-op, so a retried form never duplicates them.
  return accept(fresh.length === 0 ? [] : [event("payer-acknowledged", { references: fresh })]);
}

export function pendForInformation(state: CaseState, command: CommandOf<"pend-for-information">, context: DecideContext, event: MakeEvent): Result {
  const on = today(state, context.now);
  const rule = resolveRuleOrDefault(context.rules, "rfi-due", caseScope(state, on));
  const ruleDue = addDays(on, rule.value.days);
  // The payer's own date stands unless a payer rule is stricter; the rule book fallback never overrides it.
  const useRule = !command.dueOn || (rule.ruleId !== undefined && ruleDue < command.dueOn);
  const dueOn = command.dueOn ? (useRule ? minDate(ruleDue, command.dueOn) : command.dueOn) : ruleDue;
  if (dueOn < on) return reject(domainError("INVALID_COMMAND", `The due date ${dueOn} is already past; enter the date the payer gave.`, { field: "dueOn" }));
  return accept([
    event("information-requested", {
      requestId: `rfi-${state.informationRequests.length + 1}`,
      items: command.items,
      dueOn,
      dueRule: useRule ? rule.label : `payer-request@${command.dueOn ?? dueOn}`,
      ...(command.note ? { note: command.note } : {}),
    }),
  ]);
}

export function sendInformation(state: CaseState, command: CommandOf<"send-information">, event: MakeEvent): Result {
  const open = state.informationRequests.filter((r) => !r.answeredAt);
  const request = command.requestId ? open.find((r) => r.requestId === command.requestId) : open[open.length - 1];
  if (!request) {
    const which = command.requestId ? `information request ${command.requestId}` : "information request";
    return reject(domainError("NO_OPEN_INFORMATION_REQUEST", `There is no open ${which} on this case; it may already be answered.`, { field: "requestId" }));
  }
  return accept([
    event(
      "information-sent",
      { requestId: request.requestId, documentIds: command.documentIds, ...(command.note ? { note: command.note } : {}) },
      { channel: command.channel, proofReference: command.proofReference },
    ),
  ]);
}

export function cancel(command: CommandOf<"cancel">, event: MakeEvent): Result {
  return accept([event("cancelled", { reason: command.reason })]);
}

export function voidCase(command: CommandOf<"void">, event: MakeEvent): Result {
  return accept([event("voided", { reason: command.reason })]);
}

export function markDuplicate(state: CaseState, command: CommandOf<"mark-duplicate">, event: MakeEvent): Result {
  if (command.duplicateOfCaseId === state.caseId) return reject(domainError("SELF_REFERENCE", "A case cannot be a duplicate of itself; choose the original case.", { field: "duplicateOfCaseId" }));
  return accept([event("marked-duplicate", { duplicateOfCaseId: command.duplicateOfCaseId })]);
}

export function assign(state: CaseState, command: CommandOf<"assign">, event: MakeEvent): Result {
  if ((state.assigneeId ?? null) === command.assigneeId) return accept([]);
  return accept([event("assigned", { assigneeId: command.assigneeId })]);
}

export function addNote(command: CommandOf<"add-note">, event: MakeEvent): Result {
  return accept([event("note-added", { text: command.text, payerContact: command.payerContact, tags: command.tags })]);
}

export function attachDocument(command: CommandOf<"attach-document">, event: MakeEvent): Result {
  return accept([
    event("document-attached", { documentId: command.documentId, kind: command.kind, requestedByPayer: command.requestedByPayer, ...(command.sentAt ? { sentAt: command.sentAt } : {}) }),
  ]);
}
