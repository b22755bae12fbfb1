// The embedded lifecycle engine (default when TEMPORAL_ADDRESS is unset): commands applied in one tenant
// transaction each, and a sweep in the server process that fires due deadlines and delivers the outbox.
import { asc, lte, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import * as s from "../../db/schema";
import { enterTenant, withTenant } from "../../db/tenant";
import type { CaseState } from "../authorizations";
import { reevaluateClaims } from "../billing/reevaluation.server";
import { applyCommand, loadCaseState } from "./case-store.server";
import { syncCaseLedger } from "./ledger.server";
import { PermanentDeliveryError, sweepOutbox, type OutboxHandler, type OutboxSweepResult } from "./outbox.server";
import type { CommandOutcome, CommandRequest, LifecycleEngine } from "./port";

export interface EmbeddedEngineOptions {
  clock?: () => Date;
  /** Extra outbox handlers (email delivery, claim re-evaluation) by topic. */
  handlers?: Partial<Record<string, OutboxHandler>>;
  /**
   * Work each sweep also runs, by name (the daily digest producer): plain functions of the clock, idempotent, so
   * running them every sweep costs a few queries and writes nothing twice.
   */
  jobs?: Record<string, (now: Date) => Promise<unknown>>;
  /** How many due cases one sweep handles at most. */
  deadlineBatch?: number;
  log?: (message: string) => void;
  /** Test-only fault injection: exit the process while handling the (n+1)th due case, before it commits. */
  crashAfterDeadlines?: number;
}

export interface SweepResult {
  deadlines: { handled: number; stuck: number };
  outbox: OutboxSweepResult;
  /** What each job returned; a job that failed says why (the sweep goes on). */
  jobs?: Record<string, unknown>;
}

const uniqueCaseNumber = (error: unknown) => {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (/authorization_cases_organization_number_key/.test(e.message)) return true;
  return false;
};

/**
 * The earliest due case nobody else is sweeping, locked for this transaction. An index scan on
 * authorization_cases_due_idx whatever the number of cases (see `npm run bench`).
 */
export async function claimDueCase(tx: Transaction, now: Date, skip: readonly string[] = []) {
  const due = lte(s.authorizationCases.nextDeadlineAt, now);
  const [row] = await tx
    .select({ id: s.authorizationCases.id, organizationId: s.authorizationCases.organizationId, kind: s.authorizationCases.nextDeadlineKind })
    .from(s.authorizationCases)
    .where(skip.length ? sql`${due} and ${s.authorizationCases.id} <> all(${sql.param(skip)}::uuid[])` : due)
    .orderBy(asc(s.authorizationCases.nextDeadlineAt))
    .limit(1)
    .for("update", { skipLocked: true });
  return row;
}

export class EmbeddedEngine implements LifecycleEngine {
  readonly kind = "embedded" as const;
  private readonly clock: () => Date;
  private readonly log: (message: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly options: EmbeddedEngineOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? ((message) => console.info(message));
  }

  async execute(request: CommandRequest): Promise<CommandOutcome> {
    // Two creates racing for the next case number: the unique key refuses one, which simply tries again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await withTenant(this.db, request.organizationId, (tx) => applyCommand(tx, { ...request, now: this.clock() }));
      } catch (error) {
        if (attempt < 5 && uniqueCaseNumber(error)) continue;
        throw error;
      }
    }
  }

  readCase(organizationId: string, caseId: string): Promise<CaseState | undefined> {
    return withTenant(this.db, organizationId, (tx) => loadCaseState(tx, caseId));
  }

  async syncLedger(organizationId: string, caseId: string) {
    const result = await withTenant(this.db, organizationId, (tx) => syncCaseLedger(tx, { organizationId, caseId, now: this.clock() }));
    return { entriesWritten: result.entriesWritten, problems: result.problems };
  }

  /**
   * Fires due deadlines, one case per transaction: the case row is claimed with FOR UPDATE SKIP LOCKED on the
   * owner connection, then the transaction switches to the case's tenant and applies `deadline-reached`. A crash
   * rolls back only the case in hand; the next sweep picks it up again.
   */
  async sweepDeadlines(): Promise<SweepResult["deadlines"]> {
    const result = { handled: 0, stuck: 0 };
    const limit = this.options.deadlineBatch ?? 100;
    const skip: string[] = [];
    while (result.handled + result.stuck < limit) {
      const now = this.clock();
      let inHand: { id: string; kind: string | null } | undefined;
      let outcome;
      try {
        outcome = await this.db.transaction(async (tx) => {
          const due = await claimDueCase(tx, now, skip);
          if (!due) return undefined;
          inHand = due;
          await enterTenant(tx, due.organizationId);
          const applied = await applyCommand(tx, {
            organizationId: due.organizationId,
            command: { type: "deadline-reached", caseId: due.id, kind: due.kind },
            now,
          });
          if (this.options.crashAfterDeadlines !== undefined && result.handled >= this.options.crashAfterDeadlines) {
            this.log(`fault injection: exiting mid-sweep while handling case ${due.id}`);
            process.exit(137);
          }
          return { due, applied };
        });
      } catch (error) {
        // One broken case must not stop the others: skip it for this sweep and say why.
        if (!inHand) throw error;
        result.stuck++;
        skip.push(inHand.id);
        this.log(`deadline sweep: case ${inHand.id} failed and was skipped: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      if (!outcome) break;
      if (outcome.applied.ok && outcome.applied.events.length > 0) {
        result.handled++;
      } else {
        // The decider had nothing to do for a deadline the projection says is due: never loop on it.
        result.stuck++;
        skip.push(outcome.due.id);
        this.log(
          `deadline sweep: case ${outcome.due.id} has a due ${outcome.due.kind ?? "deadline"} the decider did not act on${outcome.applied.ok ? "" : `: ${outcome.applied.error.message}`}`,
        );
      }
    }
    return result;
  }

  /** Outbox topics the embedded engine delivers itself, plus the configured ones. */
  private outboxHandlers(): Partial<Record<string, OutboxHandler>> {
    return {
      ...this.options.handlers,
      // An authorization was granted or changed: rebuild its unit ledger from the schedule and what was given.
      "ledger-sync": async (row) => {
        await this.syncLedger(row.organizationId, (row.payload as { caseId: string }).caseId);
      },
      // Coverage changed (or a claim was coded): run the release gate again; a claim that passes now is released.
      "claim-reevaluation": async (row) => {
        await reevaluateClaims(this.db, row.organizationId, row.payload, this.clock());
      },
      // A command for another case (a renewal supersedes its predecessor, a regimen change opens the revision).
      "case-command": async (row) => {
        // The row's key is the command's id: a redelivery after a lost acknowledgement applies nothing twice.
        const outcome = await this.execute({ organizationId: row.organizationId, command: (row.payload as { command: unknown }).command, commandId: row.businessKey });
        if (!outcome.ok) throw new PermanentDeliveryError(`${outcome.error.code}: ${outcome.error.message}`);
      },
    };
  }

  async sweepOnce(): Promise<SweepResult> {
    const deadlines = await this.sweepDeadlines();
    // Jobs run before the outbox so that what they queue (a digest) goes out in the same sweep.
    const jobs = await this.runJobs();
    const outbox = await sweepOutbox(this.db, { handlers: this.outboxHandlers(), now: this.clock });
    return { deadlines, outbox, ...(jobs ? { jobs } : {}) };
  }

  private async runJobs(): Promise<Record<string, unknown> | undefined> {
    const entries = Object.entries(this.options.jobs ?? {});
    if (entries.length === 0) return undefined;
    const results: Record<string, unknown> = {};
    for (const [name, job] of entries) {
      try {
        results[name] = await job(this.clock());
      } catch (error) {
        results[name] = { failed: error instanceof Error ? error.message : String(error) };
        this.log(`sweep job ${name} failed; it runs again next sweep: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return results;
  }

  /** Runs a sweep every `intervalMs` in this process until `close()`. One sweep at a time. */
  start(intervalMs = 15_000) {
    if (this.timer) return;
    const tick = () => {
      this.running = this.sweepOnce().then(
        (r) => {
          if (r.deadlines.handled || r.outbox.claimed)
            this.log(`sweep: ${r.deadlines.handled} deadlines, ${r.outbox.delivered} delivered, ${r.outbox.retried} retried, ${r.outbox.dead} dead-lettered`);
        },
        (error: unknown) => console.error("sweep failed; it will run again:", error instanceof Error ? error.message : error),
      );
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  async close() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
