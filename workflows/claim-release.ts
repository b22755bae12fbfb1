// The claim-release workflow (id `claim-release:{claimId}`): holds one claim until the billing gate releases it.
// It evaluates the gate (an activity: the gate's release is the activity's write), then waits for a
// `coverageChanged` signal (a case's claim-reevaluation effect, delivered by its outbox) or for the next aging
// threshold of the oldest open hold, when it tells the billers once per threshold. It ends when the claim is
// released, or when the gate finds nothing held (a voided or draft claim).
import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  log,
  proxyActivities,
  proxySinks,
  setHandler,
  workflowInfo,
  type Sinks,
} from "@temporalio/workflow";
import type { CaseActivities, ClaimEvaluation } from "../activities";

export const claimReleaseWorkflowId = (claimId: string) => `claim-release:${claimId}`;

/** Coverage that could clear the claim's holds changed (an approval, a renewal, a revised request…). */
export interface CoverageChange {
  organizationId: string;
  caseId: string;
  /** The case event that caused it (decision-recorded, appeal-decided…), for the log. */
  reason: string;
}
export const coverageChanged = defineSignal<[CoverageChange]>("coverageChanged");

export interface ClaimReleaseStatus {
  status: ClaimEvaluation["status"] | "evaluating";
  openHolds: number;
  notifiedThresholdDays: number[];
}
export const claimReleaseStatus = defineQuery<ClaimReleaseStatus>("claimReleaseStatus");

/** Billers hear about a hold after this many days, once per threshold, unless the input says otherwise. */
export const DEFAULT_AGING_THRESHOLD_DAYS = [7, 14, 30] as const;
const DAY_MS = 86_400_000;
/** After the gate could not be evaluated at all (retries exhausted), try again this much later or at the next signal. */
const RETRY_EVALUATION_MS = 3_600_000;

export interface ClaimReleaseInput {
  organizationId: string;
  claimId: string;
  /** Aging thresholds in days since the oldest open hold was opened. */
  agingThresholdDays?: number[];
  /** Thresholds already notified by an earlier run (continue-as-new). */
  notifiedThresholdDays?: number[];
  /** Coverage changes signalled to an earlier run but not yet evaluated. */
  pendingChanges?: number;
}

export type ClaimReleaseResult = { outcome: "released"; releasedAt: string | null } | { outcome: "nothing-held" };

/** What replay tests observe. */
export interface ClaimProbeSinks extends Sinks {
  claimProbe: {
    observed(snapshot: { evaluations: number; status: ClaimReleaseStatus["status"]; openHolds: number; notifiedThresholdDays: number[] }): void;
  };
}
const { claimProbe } = proxySinks<ClaimProbeSinks>();

// The gate reads and writes Postgres only: quick retries, then an hour's pause (a missing dependency is not retried).
const gate = proxyActivities<CaseActivities>({
  startToCloseTimeout: "1 minute",
  retry: { initialInterval: "2 seconds", backoffCoefficient: 2, maximumInterval: "5 minutes", maximumAttempts: 10, nonRetryableErrorTypes: ["MissingDependency"] },
});
// An aging alert is queued in the outbox (keyed per claim and threshold); failing to queue it must not hold the claim longer.
const alerts = proxyActivities<CaseActivities>({
  startToCloseTimeout: "1 minute",
  retry: { initialInterval: "5 seconds", backoffCoefficient: 2, maximumInterval: "10 minutes", maximumAttempts: 20, nonRetryableErrorTypes: ["MissingDependency"] },
});

/** The next threshold not yet notified, and when it falls for holds opened at `oldestOpenedAt`. */
export function nextAgingAlert(thresholds: readonly number[], notified: readonly number[], oldestOpenedAt: string | undefined): { days: number; at: number } | undefined {
  if (!oldestOpenedAt) return undefined;
  const days = [...thresholds].filter((d) => !notified.includes(d)).sort((a, b) => a - b)[0];
  return days === undefined ? undefined : { days, at: Date.parse(oldestOpenedAt) + days * DAY_MS };
}

export async function claimRelease(input: ClaimReleaseInput): Promise<ClaimReleaseResult> {
  const thresholds = input.agingThresholdDays ?? [...DEFAULT_AGING_THRESHOLD_DAYS];
  const notified = [...(input.notifiedThresholdDays ?? [])];
  let changes = input.pendingChanges ?? 0;
  let evaluations = 0;
  let last: ClaimEvaluation | undefined;
  const status = (): ClaimReleaseStatus => ({ status: last?.status ?? "evaluating", openHolds: last?.openHolds.length ?? 0, notifiedThresholdDays: [...notified] });
  const observe = () => claimProbe.observed({ evaluations, ...status() });

  setHandler(claimReleaseStatus, status);
  setHandler(coverageChanged, (change) => {
    if (change.organizationId !== input.organizationId) return log.warn("coverage change from another organization ignored", { claimId: input.claimId });
    changes++;
  });

  for (;;) {
    const seen = changes;
    let evaluated = false;
    try {
      last = await gate.evaluateClaim({ organizationId: input.organizationId, claimId: input.claimId });
      evaluated = true;
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      log.error("the release gate could not be evaluated; trying again later", { claimId: input.claimId, error: error.cause?.message ?? error.message });
    }
    evaluations++;
    observe();
    if (evaluated && last) {
      if (last.releasedAt || last.status === "released") return { outcome: "released", releasedAt: last.releasedAt };
      if (last.openHolds.length === 0) return { outcome: "nothing-held" };
    }

    // Wait for a coverage change; meanwhile, tell the billers as the oldest hold passes each threshold.
    for (;;) {
      const oldest = last?.openHolds.map((h) => h.openedAt).sort()[0];
      const alert = evaluated ? nextAgingAlert(thresholds, notified, oldest) : undefined;
      const wait = alert ? Math.max(1, alert.at - Date.now()) : evaluated ? undefined : RETRY_EVALUATION_MS;
      const signalled = wait === undefined ? (await condition(() => changes > seen), true) : await condition(() => changes > seen, wait);
      if (signalled || !alert) break;
      await alerts
        .notifyHoldAging({ organizationId: input.organizationId, claimId: input.claimId, thresholdDays: alert.days, oldestOpenedAt: oldest!, openHolds: last!.openHolds })
        .catch((error: unknown) => {
          if (!(error instanceof ActivityFailure)) throw error;
          log.error("aging alert could not be queued", { claimId: input.claimId, thresholdDays: alert.days, error: error.cause?.message ?? error.message });
        });
      // Once per threshold, queued or not: a broken notifier must not turn into a loop.
      notified.push(alert.days);
      observe();
    }

    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof claimRelease>({ ...input, notifiedThresholdDays: notified, pendingChanges: changes > seen ? 1 : 0 });
    }
  }
}
