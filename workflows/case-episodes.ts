// Peer-to-peer reviews and appeals as episodes of a case: which child workflow each new event starts, signals or
// closes. Plain functions over the decider's events and state (no Temporal API), so the parent workflow stays thin.
import { isClosed, type CaseEvent, type CaseState } from "../app/authorizations";

export type EpisodeKind = "p2p" | "appeal";

/**
 * `authorization-case:{caseId}:p2p:{n}` or `authorization-case:{caseId}:appeal:{level}`: deterministic, so a retried
 * start finds the episode already running. The decider allows one peer-to-peer per case (n is 1 today); an appeal is
 * named by its level (1, 2, external), of which a case has at most one each.
 */
export const episodeWorkflowId = (caseId: string, kind: EpisodeKind, key: string | number) => `authorization-case:${caseId}:${kind}:${key}`;

export interface EpisodeInput {
  organizationId: string;
  caseId: string;
  kind: EpisodeKind;
  key: string;
  /** The event that opened it (p2p-requested, appeal-filed). */
  opened: CaseEvent;
}

export type EpisodeMove =
  | { action: "start"; workflowId: string; input: EpisodeInput }
  | { action: "signal"; workflowId: string; event: CaseEvent };

const P2P_KEY = "1";
const appealKey = (level: unknown) => String(level);

/** What the parent does for the events one command recorded, given the case state after them. */
export function episodeMoves(organizationId: string, caseId: string, events: readonly CaseEvent[], after: CaseState): EpisodeMove[] {
  const moves: EpisodeMove[] = [];
  const p2p = episodeWorkflowId(caseId, "p2p", P2P_KEY);
  for (const event of events) {
    switch (event.type) {
      case "p2p-requested":
        moves.push({ action: "start", workflowId: p2p, input: { organizationId, caseId, kind: "p2p", key: P2P_KEY, opened: event } });
        break;
      case "p2p-scheduled":
      case "p2p-outcome-recorded":
      case "p2p-window-closed":
        moves.push({ action: "signal", workflowId: p2p, event });
        break;
      case "appeal-filed": {
        const key = appealKey(event.data.level);
        moves.push({ action: "start", workflowId: episodeWorkflowId(caseId, "appeal", key), input: { organizationId, caseId, kind: "appeal", key, opened: event } });
        break;
      }
      case "appeal-decided":
        moves.push({ action: "signal", workflowId: episodeWorkflowId(caseId, "appeal", appealKey(event.data.level)), event });
        break;
      default:
        break;
    }
  }
  // A case that closes (cancelled, voided, superseded…) closes its open episodes with the closing event.
  const closing = events.at(-1);
  if (closing && isClosed(after.status)) {
    if (after.peerToPeer && (after.peerToPeer.stage === "requested" || after.peerToPeer.stage === "scheduled")) moves.push({ action: "signal", workflowId: p2p, event: closing });
    for (const appeal of after.appeals)
      if (!appeal.outcome) moves.push({ action: "signal", workflowId: episodeWorkflowId(caseId, "appeal", appealKey(appeal.level)), event: closing });
  }
  return moves;
}

export type EpisodeOutcome = { outcome: "overturned" | "upheld"; decidedAt: string } | { outcome: "window-closed" } | { outcome: "case-closed"; by: string };

/** Whether an event ends the episode, and how. */
export function episodeEnd(input: Pick<EpisodeInput, "kind" | "key">, event: CaseEvent): EpisodeOutcome | undefined {
  switch (event.type) {
    case "p2p-outcome-recorded":
      return input.kind === "p2p" ? { outcome: event.data.outcome, decidedAt: event.data.decidedAt } : undefined;
    case "appeal-decided":
      return input.kind === "appeal" && appealKey(event.data.level) === input.key ? { outcome: event.data.outcome, decidedAt: event.data.decidedAt } : undefined;
    case "p2p-window-closed":
      return input.kind === "p2p" ? { outcome: "window-closed" } : undefined;
    default:
      // Anything else the parent forwards is the event that closed the case.
      return event.type === "p2p-scheduled" ? undefined : { outcome: "case-closed", by: event.type };
  }
}
