// The LifecycleEngine port: how the web app, the CLI and the sweep ask for a case to change. Two drivers
// implement it — embedded (one transaction per command in this process) and Temporal (one entity workflow per
// case). The web app never writes case state directly.
import type { Actor, CaseEvent, CaseState, DomainError } from "../authorizations";

export interface CommandRequest {
  organizationId: string;
  /** A case command (validated by the decider's schemas); `caseId` may be omitted for create-case. */
  command: unknown;
  /** Absent for the system (sweeps, timers, linked commands). */
  actor?: Actor;
  /**
   * The sender's idempotency key: a request sent again with the same id (a retry after a lost answer) is applied
   * once and answered with the events it recorded. Both drivers honour it; the Temporal engine makes one per call.
   */
  commandId?: string;
}

export type CommandOutcome = { ok: true; caseId: string; events: CaseEvent[]; state: CaseState } | { ok: false; error: DomainError };

export interface LifecycleEngine {
  readonly kind: "embedded" | "temporal";
  execute(request: CommandRequest): Promise<CommandOutcome>;
  /** The case as the decider sees it (replayed from its events); undefined when it does not exist in the organization. */
  readCase(organizationId: string, caseId: string): Promise<CaseState | undefined>;
  /** Rebuilds the case's unit ledger from the schedule, documented administrations and billed claims, and tells the case. */
  syncLedger(organizationId: string, caseId: string): Promise<{ entriesWritten: number; problems: string[] }>;
  close(): Promise<void>;
}
