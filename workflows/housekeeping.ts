// The workflows the Temporal Schedules start (ids `infusion-pa:reconcile`, `infusion-pa:digest`, `infusion-pa:hold-aging`,
// created by `npm run schedules`): short runs over the whole database, each step an idempotent activity keyed by a
// business key (a workflow id, an outbox key), so a catch-up run or a retry after a lost completion repeats nothing.
// Under Temporal no sweep runs in the web process, so the digest and hold-aging runs also deliver the outbox.
import { ActivityFailure, ApplicationFailure, log, proxyActivities, proxySinks, type Sinks } from "@temporalio/workflow";
import type { CaseActivities } from "../activities";

type ReconcileResult = Awaited<ReturnType<CaseActivities["reconcileCaseWorkflows"]>>;

export interface ReconcileRun {
  cases?: ReconcileResult;
  claims?: ReconcileResult;
}
export interface OutboxJobRun {
  /** Outbox rows the job wrote (0 on a second run over the same day or threshold). */
  written: number;
  /** Rows the delivery rounds sent, or null when delivery failed (the rows wait for the next run). */
  delivered: number | null;
}

/** What replay tests observe: one observation per finished step. */
export interface HousekeepingProbeSinks extends Sinks {
  housekeepingProbe: {
    observed(snapshot: { workflow: "reconcile" | "dailyDigest" | "holdAging"; step: string; outcome: "ok" | "failed"; value?: unknown }): void;
  };
}
const { housekeepingProbe } = proxySinks<HousekeepingProbeSinks>();

// A pass over every organization: it heartbeats per organization, so a stuck pass is retried long before its
// ten-minute limit; a worker without a Temporal client cannot start workflows, and no retry fixes that.
const passes = proxyActivities<CaseActivities>({
  startToCloseTimeout: "10 minutes",
  heartbeatTimeout: "1 minute",
  retry: { initialInterval: "5 seconds", backoffCoefficient: 2, maximumInterval: "1 minute", maximumAttempts: 5, nonRetryableErrorTypes: ["MissingDependency"] },
});
// Writing outbox rows is one tenant transaction per organization: quick retries; the next scheduled run is the long retry.
const jobs = proxyActivities<CaseActivities>({
  startToCloseTimeout: "5 minutes",
  retry: { initialInterval: "5 seconds", backoffCoefficient: 2, maximumInterval: "1 minute", maximumAttempts: 5 },
});
const delivery = proxyActivities<CaseActivities>({
  startToCloseTimeout: "2 minutes",
  retry: { initialInterval: "5 seconds", backoffCoefficient: 2, maximumInterval: "1 minute", maximumAttempts: 5 },
});
/** Delivery rounds per run (a round is one outbox batch): bounds the history; what is left waits for the next run. */
export const MAX_DELIVERY_ROUNDS = 10;

const reason = (error: ActivityFailure) => error.cause?.message ?? error.message;

/**
 * Every open case has its case workflow and every held claim its claim-release workflow. Both parts run even when
 * the first fails; a part that failed for good fails the run (visible in the Schedule's recent actions).
 */
export async function reconcile(): Promise<ReconcileRun> {
  const run: ReconcileRun = {};
  const failed: string[] = [];
  const parts = [
    ["cases", () => passes.reconcileCaseWorkflows()],
    ["claims", () => passes.reconcileClaimReleases()],
  ] as const;
  for (const [part, pass] of parts) {
    try {
      run[part] = await pass();
      housekeepingProbe.observed({ workflow: "reconcile", step: part, outcome: "ok", value: run[part] });
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      log.error("reconciliation part failed", { part, error: reason(error) });
      failed.push(part);
      housekeepingProbe.observed({ workflow: "reconcile", step: part, outcome: "failed" });
    }
  }
  if (failed.length > 0)
    throw ApplicationFailure.create({ type: "ReconcileIncomplete", message: `Reconciliation of ${failed.join(" and ")} failed; the next scheduled run tries again.`, nonRetryable: true, details: [run] });
  return run;
}

/** Delivers due outbox rows in rounds until a round finds none; a failure leaves the rest for the next run. */
async function deliverDue(workflow: "dailyDigest" | "holdAging"): Promise<number | null> {
  let delivered = 0;
  try {
    for (let round = 0; round < MAX_DELIVERY_ROUNDS; round++) {
      const result = await delivery.deliverOutbox();
      delivered += result.delivered;
      if (result.claimed === 0) break;
    }
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    log.error("outbox delivery failed; the rows wait for the next run", { workflow, error: reason(error) });
    housekeepingProbe.observed({ workflow, step: "deliver", outcome: "failed" });
    return null;
  }
  housekeepingProbe.observed({ workflow, step: "deliver", outcome: "ok", value: delivered });
  return delivered;
}

/** Each coordinator's daily digest once their organization's digest hour has come, then delivery. */
export async function dailyDigest(): Promise<OutboxJobRun> {
  const { written } = await jobs.produceDailyDigests();
  housekeepingProbe.observed({ workflow: "dailyDigest", step: "produce", outcome: "ok", value: written });
  return { written, delivered: await deliverDue("dailyDigest") };
}

/** The billers' alerts for holds past their organization's aging thresholds, then delivery. */
export async function holdAging(): Promise<OutboxJobRun> {
  const { written } = await jobs.enqueueHoldAgingAlerts();
  housekeepingProbe.observed({ workflow: "holdAging", step: "enqueue", outcome: "ok", value: written });
  return { written, delivered: await deliverDue("holdAging") };
}
