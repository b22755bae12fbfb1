// What events on one case ask of the rest of the system, as data: commands for linked cases (a renewal approved
// supersedes its predecessor, a regimen change opens the revised request) and outbox effects with a business key
// that makes redelivery a no-op. The engine and the Temporal workflow both run these; neither decides them.
import type { CaseCommandInput } from "./commands";
import type { CaseState } from "./case-state";
import type { CaseEvent, EventOf } from "./events";
import { appealFilingDeadline, nextAppealLevels, p2pRequestDeadline, type Deadline } from "./deadlines";
import { EMPTY_RULE_SET, type PayerRuleSet } from "./payer-rules";

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

function email(state: CaseState, event: CaseEvent, template: string, to: Recipient, key: string, extra: Record<string, unknown> = {}): Effect {
  return {
    topic: "email",
    businessKey: `${template}:${state.caseId}:${key}`,
    payload: { template, to, caseId: state.caseId, ...(to === "ordering-provider" ? { providerId: state.orderingProvider.providerId } : { assigneeId: state.assigneeId ?? null }), eventType: event.type, ...extra },
  };
}

/** A deadline as a decision notice states it: when, and the rule (with its source) that set it. */
export interface NoticeDeadline {
  kind: "p2p-request" | "appeal-filing";
  at: string;
  rule: string;
  source: string;
  description: string;
}

const noticeDeadline = (d: Deadline): NoticeDeadline => ({ kind: d.kind as NoticeDeadline["kind"], at: d.at.toISOString(), rule: d.rule, source: d.source, description: d.description });

/**
 * The clocks an adverse decision starts, as of the state right after it: the peer-to-peer request window (after
 * the initial denial only, before any appeal) and the filing window of the next appeal level (the earliest when
 * two levels may be filed next).
 */
export function adverseDecisionDeadlines(state: CaseState, event: CaseEvent, rules: PayerRuleSet): NoticeDeadline[] {
  const out: NoticeDeadline[] = [];
  if (event.type === "decision-recorded") {
    const p2p = p2pRequestDeadline(state, rules);
    if (p2p) out.push(noticeDeadline(p2p));
  }
  const levels = event.type === "p2p-outcome-recorded" ? [1 as const] : nextAppealLevels(state);
  const filing = levels
    .map((level) => appealFilingDeadline(state, rules, level))
    .filter((d) => d !== undefined)
    .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  if (filing) out.push(noticeDeadline(filing));
  return out;
}

function reevaluate(state: CaseState, event: CaseEvent): Effect {
  return { topic: "claim-reevaluation", businessKey: `claim-reevaluation:${state.caseId}:${state.version}`, payload: { caseId: state.caseId, patientId: state.patient.patientId, reason: event.type } };
}

type DecisionEvent = EventOf<"decision-recorded"> | EventOf<"p2p-outcome-recorded"> | EventOf<"appeal-decided">;

/**
 * Approved or denied notices for a decision, a P2P outcome or an appeal decision, to the ordering provider; and to
 * the assignee too when someone else recorded it (they would not otherwise know). Keyed by the event's version.
 */
function decisionNotices(state: CaseState, event: DecisionEvent, rules: PayerRuleSet): Effect[] {
  const stage = event.type === "decision-recorded" ? "initial" : event.type === "p2p-outcome-recorded" ? "peer-to-peer" : "appeal";
  const denied = event.type === "decision-recorded" ? event.data.outcome === "denied" : event.data.outcome === "upheld";
  const template = event.data.approval ? "decision-approved" : denied ? "decision-denied" : undefined;
  if (!template) return [];
  const details = {
    stage,
    version: state.version,
    ...(event.type === "appeal-decided" ? { appealLevel: event.data.level } : {}),
    ...(template === "decision-denied" ? { deadlines: adverseDecisionDeadlines(state, event, rules) } : {}),
  };
  const key = String(state.version);
  const notices = [email(state, event, template, "ordering-provider", key, details)];
  if (state.assigneeId && event.actorUserId !== state.assigneeId) notices.push(email(state, event, template, "assignee", `${key}:assignee`, details));
  return notices;
}

/**
 * Outbox effects of one event; `state` is the case after the event. `rules` are the payer's rules, which date the
 * deadlines a denial notice states (the rule book's fallbacks when absent).
 */
export function effectsOf(state: CaseState, event: CaseEvent, rules: PayerRuleSet = EMPTY_RULE_SET): Effect[] {
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
      return [...decisionNotices(state, event, rules), reevaluate(state, event)];
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
