// Routes a validated, permitted command to its flow's handler.
import type { CaseCommand } from "./commands";
import type { CaseState } from "./case-state";
import { recordRegimenChange, startRenewal, supersede, syncLedger } from "./decide-active";
import { acknowledge, addNote, assign, attachDocument, cancel, markDuplicate, pendForInformation, sendInformation, submit, voidCase } from "./decide-intake";
import { fileAppeal, recordAppealDecision, recordDecision, recordP2POutcome, requestP2P, scheduleP2P } from "./decide-review";
import type { DecideContext, MakeEvent } from "./decide-support";
import { deadlineReached } from "./decide-timers";
import type { Decision } from "./errors";
import type { CaseEvent } from "./events";

type Result = Decision<CaseEvent>;

export function handlers(state: CaseState, command: Exclude<CaseCommand, { type: "create-case" }>, context: DecideContext, event: MakeEvent): Result {
  switch (command.type) {
    case "submit":
      return submit(state, command, context, event);
    case "record-payer-acknowledgement":
      return acknowledge(state, command, event);
    case "pend-for-information":
      return pendForInformation(state, command, context, event);
    case "send-information":
      return sendInformation(state, command, event);
    case "record-decision":
      return recordDecision(state, command, context, event);
    case "request-p2p":
      return requestP2P(state, command, context, event);
    case "schedule-p2p":
      return scheduleP2P(state, command, event);
    case "record-p2p-outcome":
      return recordP2POutcome(state, command, context, event);
    case "file-appeal":
      return fileAppeal(state, command, context, event);
    case "record-appeal-decision":
      return recordAppealDecision(state, command, context, event);
    case "start-renewal":
      return startRenewal(state, command, event);
    case "supersede":
      return supersede(state, command, event);
    case "record-regimen-change":
      return recordRegimenChange(state, command, event);
    case "cancel":
      return cancel(command, event);
    case "void":
      return voidCase(command, event);
    case "mark-duplicate":
      return markDuplicate(state, command, event);
    case "assign":
      return assign(state, command, event);
    case "add-note":
      return addNote(command, event);
    case "attach-document":
      return attachDocument(command, event);
    case "deadline-reached":
      return deadlineReached(state, command, context, event);
    case "sync-ledger":
      return syncLedger(state, command, event);
  }
}
