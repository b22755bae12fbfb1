// decide(state, command, context) → events | DomainError: validates the command, checks who sends it and
// whether the case's status allows it, then hands it to its flow's handler. Pure: time comes in the context.
import { type CaseCommand, type CaseCommandInput, parseCommand } from "./commands";
import type { CaseState } from "./case-state";
import { handlers } from "./decide-handlers";
import { createCase } from "./decide-intake";
import { type DecideContext, eventFactory } from "./decide-support";
import { type Decision, domainError, reject } from "./errors";
import type { CaseEvent } from "./events";
import { allowed, forbidden, refusal } from "./transitions";

export type DecideResult = Decision<CaseEvent>;

export function decide(state: CaseState | undefined, input: CaseCommandInput | CaseCommand, context: DecideContext): DecideResult {
  const parsed = parseCommand(input);
  if (!parsed.ok) return reject(parsed.error);
  const command = parsed.command;
  if (context.actor) {
    const denied = forbidden(context.actor.role, command.type);
    if (denied) return reject(denied);
  }
  const event = eventFactory(command.caseId, context);
  if (command.type === "create-case") {
    if (state) return reject(domainError("CASE_ALREADY_EXISTS", `Case ${state.caseNumber ?? state.caseId} already exists; open the new request with a new id.`, { field: "caseId" }));
    return createCase(command, context, event);
  }
  if (!state) return reject(domainError("CASE_NOT_FOUND", "This authorization case does not exist; it may have been opened under another id.", { field: "caseId" }));
  if (state.caseId !== command.caseId) {
    return reject(domainError("CASE_MISMATCH", `The command is for case ${command.caseId} but was applied to case ${state.caseId}.`, { field: "caseId" }));
  }
  if (!allowed(state, command.type)) return reject(refusal(state, command));
  return handlers(state, command, context, event);
}
