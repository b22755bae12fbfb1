// The authorization case as its workflow holds it: a plain class over the pure decider, with no Temporal API,
// so the workflow stays thin and this logic reads like the embedded driver's.
import { EMPTY_RULE_SET, decide, domainError, parseCommand, replay, type Actor, type CaseEvent, type CaseState, type DomainError } from "../app/authorizations";

export interface NextDeadline {
  at: string;
  kind: string;
}

export interface CaseSnapshot {
  events: CaseEvent[];
  nextDeadline: NextDeadline | null;
}

export interface CaseCommandMessage {
  /** The sender's organization: a case is invisible to every other tenant. */
  organizationId: string;
  command: unknown;
  actor?: Actor;
  /** When the sender issued the command (the engine's clock); the decider sees this time, as in the embedded engine. */
  issuedAt?: string;
  /** The command's idempotency key (the Update id; a linked command's outbox key); the workflow makes one otherwise. */
  commandId?: string;
}

export interface InboxItem extends CaseCommandMessage {
  /** Set for updates, which wait for their outcome; absent for signals and timers. */
  replyTo?: number;
}

export type CaseCommandReply = { ok: true; caseId: string; events: CaseEvent[]; state: CaseState } | { ok: false; error: DomainError };

export class CaseEntity {
  state: CaseState | undefined;
  nextDeadline: NextDeadline | null = null;
  hydrated = false;
  readonly inbox: InboxItem[] = [];
  /** Outcomes for waiting updates; an Error when the command's activity failed for good. */
  readonly replies = new Map<number, CaseCommandReply | Error>();
  private lastTicket = 0;

  constructor(
    readonly organizationId: string,
    readonly caseId: string,
  ) {}

  hydrate(snapshot: CaseSnapshot) {
    this.state = replay(snapshot.events);
    this.nextDeadline = snapshot.nextDeadline;
    this.hydrated = true;
  }

  /**
   * The update validator: the command must parse and, once the case is loaded, the decider must accept it, so a
   * refused command is rejected before it reaches history. Payer rules live in Postgres; the activity decides
   * again with them, so a rule-dependent refusal still comes back as an outcome.
   */
  validate(message: CaseCommandMessage, now: Date): void {
    if (message.organizationId !== this.organizationId) throw new CommandRefused(domainError("CASE_NOT_FOUND", "That case does not exist in this organization."));
    const parsed = parseCommand(message.command);
    if (!parsed.ok) throw new CommandRefused(parsed.error);
    if (parsed.command.caseId !== this.caseId)
      throw new CommandRefused(domainError("CASE_MISMATCH", `This workflow holds case ${this.caseId}, not ${parsed.command.caseId}.`, { field: "caseId" }));
    if (!this.hydrated) return;
    const decision = decide(this.state, parsed.command, { now, actor: message.actor, rules: EMPTY_RULE_SET });
    if (!decision.ok) throw new CommandRefused(decision.error);
  }

  enqueue(message: CaseCommandMessage, expectsReply: boolean): number | undefined {
    const replyTo = expectsReply ? ++this.lastTicket : undefined;
    this.inbox.push({ ...message, ...(replyTo ? { replyTo } : {}) });
    return replyTo;
  }

  /** The command a due deadline turns into, as the embedded sweep sends it. */
  deadlineCommand(): CaseCommandMessage | undefined {
    if (!this.nextDeadline) return undefined;
    return { organizationId: this.organizationId, command: { type: "deadline-reached", caseId: this.caseId, kind: this.nextDeadline.kind } };
  }

  /** The stored state is authoritative: it also holds what was written outside this workflow (a ledger sync). */
  record(result: { state: CaseState; nextDeadline: NextDeadline | null }) {
    this.state = result.state;
    this.nextDeadline = result.nextDeadline;
  }

  get version(): number {
    return this.state?.version ?? 0;
  }

  /** Nothing can happen to the case any more: no deadline and nothing waiting. */
  get dormant(): boolean {
    return this.hydrated && this.nextDeadline === null && this.inbox.length === 0;
  }
}

export class CommandRefused extends Error {
  override name = "CommandRefused";
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}
