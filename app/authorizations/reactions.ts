// What events on one case ask of the rest of the system, as data: commands for linked cases (a renewal approved
// supersedes its predecessor, a regimen change opens the revised request) and outbox effects with a business key
// that makes redelivery a no-op. The engine and the Temporal workflow both run these; neither decides them.
import type { CaseCommandInput } from "./commands";
import type { CaseState } from "./case-state";
import type { CaseEvent } from "./events";

/** Commands to send to other cases after `events` were appended to `state`'s case (`state` is after them). */
export function linkedCommands(state: CaseState, events: readonly CaseEvent[]): CaseCommandInput[] {
  const commands: CaseCommandInput[] = [];
  const predecessor = state.links.predecessorCaseId;
  for (const event of events) {
    if (event.type === "case-created" && predecessor && event.data.certificationType === "renewal") {
      commands.push({ type: "start-renewal", caseId: predecessor, successorCaseId: state.caseId });
    }
    const approval =
      event.type === "decision-recorded" || event.type === "p2p-outcome-recorded" || event.type === "appeal-decided" ? event.data.approval : undefined;
    if (approval && predecessor && (state.certificationType === "renewal" || state.certificationType === "revised")) {
      commands.push({ type: "supersede", caseId: predecessor, successorCaseId: state.caseId, from: approval.effectiveFrom, reason: state.certificationType === "renewal" ? "renewal" : "revision" });
    }
    if (event.type === "regimen-changed" && event.data.revisedRequest) commands.push(event.data.revisedRequest);
  }
  return commands;
}

export type EffectTopic = "email" | "claim-reevaluation";

export interface Effect {
  topic: EffectTopic;
  /** Unique per organization (outbox.business_key), e.g. "renewal-alert:{caseId}:30d". */
  businessKey: string;
  payload: Record<string, unknown>;
}

/** Who an email goes to: the case's assignee (coordinator queue) or the ordering provider (clinician). */
type Recipient = "assignee" | "ordering-provider";

function email(state: CaseState, event: CaseEvent, template: string, to: Recipient, key: string): Effect {
  return {
    topic: "email",
    businessKey: `${template}:${state.caseId}:${key}`,
    payload: { template, to, caseId: state.caseId, ...(to === "ordering-provider" ? { providerId: state.orderingProvider.providerId } : { assigneeId: state.assigneeId ?? null }), eventType: event.type },
  };
}

function reevaluate(state: CaseState, event: CaseEvent): Effect {
  return { topic: "claim-reevaluation", businessKey: `claim-reevaluation:${state.caseId}:${state.version}`, payload: { caseId: state.caseId, patientId: state.patient.patientId, reason: event.type } };
}

/** Outbox effects of one event; `state` is the case after the event. */
export function effectsOf(state: CaseState, event: CaseEvent): Effect[] {
  switch (event.type) {
    case "information-requested":
      return [email(state, event, "information-request", "ordering-provider", event.data.requestId)];
    case "information-overdue":
      return [email(state, event, "information-overdue", "assignee", event.data.requestId), email(state, event, "information-reminder", "ordering-provider", event.data.requestId)];
    case "renewal-alert-raised": {
      const band = event.data.band === "units" ? "units" : `${event.data.band}d`;
      return [email(state, event, "renewal-alert", "ordering-provider", band), email(state, event, "renewal-alert-coordinator", "assignee", band)];
    }
    case "decision-overdue":
    case "p2p-window-closed":
    case "appeal-window-closed":
    case "site-of-care-transition-due":
    case "follow-up-due":
      return event.type === "follow-up-due" ? [] : [email(state, event, event.type, "assignee", event.data.key)];
    case "p2p-requested":
      return [email(state, event, "p2p-call-windows", "ordering-provider", String(state.version))];
    case "decision-recorded":
    case "p2p-outcome-recorded":
    case "appeal-decided":
    case "superseded":
    case "expired":
    case "units-exhausted":
    case "cancelled":
    case "voided":
      return [reevaluate(state, event)];
    case "regimen-changed":
      return event.data.covered ? [] : [reevaluate(state, event)];
    default:
      return [];
  }
}
