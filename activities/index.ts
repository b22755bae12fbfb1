// Temporal activities: the I/O the workflows ask for, built by a factory over injected dependencies (database,
// clock, linked-command sender). Every activity is idempotent by a business key, so a retry after a lost
// completion changes nothing: a command by its command id (stored on its events), outbox rows by their keys.
import { Context } from "@temporalio/activity";
import { ApplicationFailure } from "@temporalio/common";
import { and, asc, eq, gt } from "drizzle-orm";
import type { Database } from "../db/client";
import * as s from "../db/schema";
import { withTenant } from "../db/tenant";
import { nextDeadline, replay, type CaseEvent, type CaseState, type Actor, type DomainError } from "../app/authorizations";
import { applyCommand, loadCaseEvents, loadPayerRules } from "../app/engine/case-store.server";
import { syncCaseLedger } from "../app/engine/ledger.server";
import { PermanentDeliveryError, sweepOutbox, type OutboxHandler, type OutboxSweepResult } from "../app/engine/outbox.server";
import { reconcileCaseWorkflows, reconcileClaimReleases, type ReconcileResult, type WorkflowStarter } from "../app/engine/reconcile.server";
import type { ClaimEvaluation, EvaluateClaimInput } from "../app/billing/gate.server";
import { enqueueHoldAgingAlerts } from "../app/billing/holds.server";
import { produceDailyDigests, type DigestRun } from "../app/email-digest.server";
import type { CaseSnapshot, NextDeadline } from "../workflows/case-entity";

export type { ClaimEvaluation };
/** One open hold as the billing gate reports it. */
export type OpenHold = ClaimEvaluation["openHolds"][number];

export interface HoldAgingAlert {
  organizationId: string;
  claimId: string;
  /** The threshold the oldest open hold has passed; with the claim id, the alert's business key. */
  thresholdDays: number;
  oldestOpenedAt: string;
  openHolds: OpenHold[];
  now: Date;
}

/**
 * The billing gate (app/billing/gate.server.ts), injected so activity tests can stand it in; the worker passes the real one. Both
 * functions are idempotent: evaluating a released claim changes nothing; an aging alert is keyed per claim and threshold.
 */
export interface BillingDependencies {
  evaluateClaim(db: Database, input: EvaluateClaimInput): Promise<ClaimEvaluation>;
  enqueueHoldAgingAlert?(db: Database, alert: HoldAgingAlert): Promise<unknown>;
}

/**
 * The claim-release workflow's aging timer, wired to the same enqueue the hold-aging Schedule runs, scoped to the
 * claim's organization: rows are keyed `hold-aging:{holdId}:{threshold}` with the organization's own thresholds, so
 * whichever of the two comes first writes the alert and the other writes nothing (one email per hold and threshold).
 */
export const holdAgingForOrganization: NonNullable<BillingDependencies["enqueueHoldAgingAlert"]> = (db, alert) =>
  enqueueHoldAgingAlerts(db, { now: alert.now, organizationId: alert.organizationId });

export interface ActivityDependencies {
  db: Database;
  /** The release gate and the aging alerts; without them the claim activities fail with MissingDependency. */
  billing?: BillingDependencies;
  /** Signals (or starts) a held claim's claimRelease workflow when coverage that could clear it changed. */
  signalClaimRelease?: (organizationId: string, claimId: string, change: { caseId: string; reason: string }) => Promise<void>;
  clock?: () => Date;
  /** Delivers a linked command to another case's workflow (the worker passes a client-backed sender). */
  sendCaseCommand?: (organizationId: string, command: unknown, commandId: string) => Promise<void>;
  /** Delivers "email" outbox rows (Resend, idempotency key = the row's business key); without it emails wait. */
  mailer?: OutboxHandler;
  /** Starts missing workflows during reconciliation (the worker passes `client.workflow` and its task queue). */
  workflows?: { starter: WorkflowStarter; taskQueue: string };
}

export interface ApplyCaseCommandInput {
  organizationId: string;
  command: unknown;
  actor?: Actor;
  /** The case version the workflow decided against: with `now`, the idempotency key of this command. */
  expectedVersion: number;
  /** The workflow's time for the command, so the decider sees the same `now` on every attempt. */
  now: string;
  /** The command's idempotency key, stored on its events: every attempt of the activity carries the same one. */
  commandId?: string;
}

export type ApplyCaseCommandResult =
  | { ok: true; events: CaseEvent[]; state: CaseState; nextDeadline: NextDeadline | null; replayed: boolean }
  | { ok: false; error: DomainError };

/**
 * Failures no retry can fix become non-retryable ApplicationFailures with a stable type (the workflow lists them in
 * `nonRetryableErrorTypes` too): a stored event this version cannot read, payer rules that do not parse.
 */
export function asDomainFailure(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof ApplicationFailure) return error;
  if (/has event #\d+ of unknown type/.test(error.message)) return ApplicationFailure.create({ message: error.message, type: "CaseHistoryUnreadable", nonRetryable: true, cause: error });
  if (/has invalid rules/.test(error.message)) return ApplicationFailure.create({ message: error.message, type: "InvalidPayerRules", nonRetryable: true, cause: error });
  return error;
}

async function domainFailures<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asDomainFailure(error);
  }
}

async function deadlineFor(db: Database, organizationId: string, state: CaseState, now: Date): Promise<NextDeadline | null> {
  return withTenant(db, organizationId, async (tx) => {
    const rules = await loadPayerRules(tx, state.coverage.payerId);
    const next = nextDeadline(state, rules, now);
    return next ? { at: next.at.toISOString(), kind: next.kind } : null;
  });
}

/** A dependency this worker was built without: no retry can supply it, so the failure is final. */
export function missingDependency(name: string): ApplicationFailure {
  return ApplicationFailure.create({
    message: `The worker was started without ${name}; pass it to createActivities (scripts/worker.ts) and restart the worker.`,
    type: "MissingDependency",
    nonRetryable: true,
  });
}

export function createActivities({ db, clock = () => new Date(), sendCaseCommand, mailer, billing, signalClaimRelease, workflows }: ActivityDependencies) {
  /** A pass over every organization reports after each one, so a long pass is not taken for a hung activity. */
  const reconcileWith = (pass: typeof reconcileCaseWorkflows): Promise<ReconcileResult> => {
    if (!workflows) throw missingDependency("workflows (a Temporal client to start workflows with)");
    return pass(db, workflows.starter, { taskQueue: workflows.taskQueue, onOrganization: (_organizationId, soFar) => Context.current().heartbeat(soFar) });
  };
  return {
    /**
     * Reconciliation, part one: every open case gets its `authorization-case:{caseId}` workflow. Idempotent by the
     * workflow id: a running workflow refuses the second start, so a retry or the next run starts nothing new.
     */
    reconcileCaseWorkflows: async (): Promise<ReconcileResult> => reconcileWith(reconcileCaseWorkflows),

    /** Reconciliation, part two: every held claim gets its `claim-release:{claimId}` workflow (aging timers from day one). */
    reconcileClaimReleases: async (): Promise<ReconcileResult> => reconcileWith(reconcileClaimReleases),

    /** The daily digest producer at the worker's time: rows keyed `daily-digest:{userId}:{day}`, so a catch-up run writes nothing. */
    produceDailyDigests: (): Promise<DigestRun> => produceDailyDigests(db, clock()),

    /** Hold-aging alerts for every organization: rows keyed `hold-aging:{holdId}:{threshold}`, so an overlap writes nothing twice. */
    enqueueHoldAgingAlerts: (): Promise<{ written: number }> => enqueueHoldAgingAlerts(db, { now: clock() }),

    /** The case as stored (events replayed by the workflow) and its next deadline: hydrates a new workflow run. */
    loadCase: (input: { organizationId: string; caseId: string }): Promise<CaseSnapshot> => domainFailures(async () => {
      const events = await withTenant(db, input.organizationId, (tx) => loadCaseEvents(tx, input.caseId));
      if (events.length === 0) return { events: [], nextDeadline: null };
      const state = replay(events)!;
      return { events, nextDeadline: await deadlineFor(db, input.organizationId, state, clock()) };
    }),

    /**
     * Applies one command through the same store function the embedded engine uses (lock, replay, decide,
     * append events, projection, outbox, audit — one transaction). Idempotent by the command id: events stored
     * under it are this command's, and a retry returns them instead of deciding again (input scheduled before
     * command ids existed falls back to the events after `expectedVersion` recorded at `now`). Anything else written
     * meanwhile (a ledger sync) is simply part of the state.
     */
    applyCaseCommand: (input: ApplyCaseCommandInput): Promise<ApplyCaseCommandResult> => domainFailures(async () => {
      const now = new Date(input.now);
      const caseId = (input.command as { caseId?: unknown } | null)?.caseId;
      // Activities scheduled before command ids existed carry none: for them, (version, time) is the key.
      if (!input.commandId && typeof caseId === "string") {
        const already = await withTenant(db, input.organizationId, async (tx) => {
          const ours = await tx
            .select({ sequence: s.authorizationEvents.sequence })
            .from(s.authorizationEvents)
            .where(and(eq(s.authorizationEvents.caseId, caseId), gt(s.authorizationEvents.sequence, input.expectedVersion), eq(s.authorizationEvents.recordedAt, now)))
            .orderBy(asc(s.authorizationEvents.sequence));
          if (ours.length === 0) return undefined;
          const history = await loadCaseEvents(tx, caseId);
          return { events: ours.map((r) => history[r.sequence - 1]!), state: replay(history)! };
        });
        if (already) return { ok: true, ...already, nextDeadline: await deadlineFor(db, input.organizationId, already.state, now), replayed: true };
      }
      const outcome = await withTenant(db, input.organizationId, (tx) =>
        applyCommand(tx, { organizationId: input.organizationId, command: input.command, actor: input.actor, now, ...(input.commandId ? { commandId: input.commandId } : {}) }),
      );
      if (!outcome.ok) return { ok: false, error: outcome.error };
      return { ok: true, events: outcome.events, state: outcome.state, nextDeadline: await deadlineFor(db, input.organizationId, outcome.state, now), replayed: outcome.replayed ?? false };
    }),

    /**
     * The release gate for one claim: releases it (and deducts units) when every line passes, otherwise (re)opens its
     * holds. Idempotent: a released claim stays released and reports the same release time.
     */
    evaluateClaim: async (input: { organizationId: string; claimId: string }): Promise<ClaimEvaluation> => {
      if (!billing) throw missingDependency("billing.evaluateClaim");
      return billing.evaluateClaim(db, { organizationId: input.organizationId, claimId: input.claimId, now: clock() });
    },

    /** Queues the billers' aging alert for one claim and threshold (keyed, so a retry queues nothing twice). */
    notifyHoldAging: async (input: Omit<HoldAgingAlert, "now">): Promise<void> => {
      if (!billing?.enqueueHoldAgingAlert) throw missingDependency("billing.enqueueHoldAgingAlert");
      await billing.enqueueHoldAgingAlert(db, { ...input, now: clock() });
    },

    /**
     * Delivers due outbox rows (ledger syncs, linked commands, emails). Rows are keyed and marked delivered, so a
     * second run delivers nothing twice; a handler's permanent failure dead-letters its row.
     */
    deliverOutbox: (): Promise<OutboxSweepResult> =>
      sweepOutbox(db, {
        now: clock,
        handlers: {
          ...(mailer ? { email: mailer } : {}),
          "ledger-sync": async (row) => {
            const caseId = (row.payload as { caseId: string }).caseId;
            await withTenant(db, row.organizationId, (tx) => syncCaseLedger(tx, { organizationId: row.organizationId, caseId, now: clock() }));
          },
          ...(signalClaimRelease
            ? {
                // Coverage changed for a patient: every held claim of theirs is re-evaluated by its claimRelease workflow.
                "claim-reevaluation": async (row) => {
                  const { caseId, patientId, reason } = row.payload as { caseId: string; patientId: string; reason: string };
                  const held = await withTenant(db, row.organizationId, (tx) =>
                    tx
                      .select({ id: s.claims.id })
                      .from(s.claims)
                      .where(and(eq(s.claims.patientId, patientId), eq(s.claims.status, "held")))
                      .orderBy(asc(s.claims.createdAt)),
                  );
                  for (const claim of held) await signalClaimRelease(row.organizationId, claim.id, { caseId, reason });
                },
              }
            : {}),
          ...(sendCaseCommand
            ? {
                "case-command": async (row) => {
                  try {
                    // The outbox row's key travels as the command id, so a re-sent signal records nothing twice.
                    await sendCaseCommand(row.organizationId, (row.payload as { command: unknown }).command, row.businessKey);
                  } catch (error) {
                    if (error instanceof ApplicationFailure && error.nonRetryable) throw new PermanentDeliveryError(error.message);
                    throw error;
                  }
                },
              }
            : {}),
        },
      }),
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
