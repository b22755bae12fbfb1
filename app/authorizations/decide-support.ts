// What every command handler shares: the decision context and the event envelope.
import { localDate } from "./calendar";
import type { CaseState } from "./case-state";
import type { CaseEvent, CaseEventData, CaseEventType } from "./events";
import type { PayerRuleSet } from "./payer-rules";
import type { Role, SubmissionChannel } from "./vocabulary";

export interface Actor {
  userId: string;
  role: Role;
}

export interface DecideContext {
  now: Date;
  /** Absent for the system (the engine, the sweep, a workflow timer). */
  actor?: Actor;
  rules: PayerRuleSet;
}

/** Builds events stamped with the command's time and actor. */
export function eventFactory(caseId: string, context: DecideContext) {
  const occurredAt = context.now.toISOString();
  return function event<T extends CaseEventType>(type: T, data: CaseEventData[T], extra: { channel?: SubmissionChannel; proofReference?: string } = {}): CaseEvent {
    return {
      type,
      caseId,
      occurredAt,
      ...(context.actor ? { actorUserId: context.actor.userId } : {}),
      ...(extra.channel ? { channel: extra.channel } : {}),
      ...(extra.proofReference ? { proofReference: extra.proofReference } : {}),
      data,
    } as CaseEvent;
  };
}

export type MakeEvent = ReturnType<typeof eventFactory>;

/** Today at the facility. */
export function today(state: Pick<CaseState, "facility">, now: Date): string {
  return localDate(now, state.facility.timeZone);
}

export function shortDate(instant: Date | string, timeZone: string): string {
  return localDate(typeof instant === "string" ? new Date(instant) : instant, timeZone);
}
