// The Temporal Schedules the product runs on (`npm run schedules` creates or updates them): reconciliation, the daily
// digest and hold aging, each starting its workflow from workflows/housekeeping.ts. `scheduleOptions` is pure (env in,
// options out) so it is tested without a server; `upsertSchedules` creates a missing schedule and updates an existing
// one in place, keeping whether it is paused.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ScheduleClient, type ScheduleOptions } from "@temporalio/client";
import type { Duration } from "@temporalio/common";
import { z } from "zod";
import { dailyDigest, holdAging, reconcile } from "../../workflows/housekeeping";

export const SCHEDULE_IDS = { reconcile: "infusion-pa:reconcile", digest: "infusion-pa:digest", holdAging: "infusion-pa:hold-aging" } as const;

/** How often each runs: an interval (`15m`, `1h`, `1d`) or a five-field cron expression in TEMPORAL_SCHEDULE_TIMEZONE. */
export type Cadence = { kind: "interval"; every: Duration } | { kind: "cron"; expression: string };

const INTERVAL = /^([1-9]\d*)(m|h|d)$/;
const CRON_FIELD = /^[\d*,/\-A-Za-z]+$/;
const cadence = z
  .string()
  .trim()
  .transform((value, ctx): Cadence => {
    if (INTERVAL.test(value)) return { kind: "interval", every: value as Duration };
    const fields = value.split(/\s+/);
    if (fields.length === 5 && fields.every((f) => CRON_FIELD.test(f))) return { kind: "cron", expression: fields.join(" ") };
    ctx.addIssue({ code: "custom", message: `expected an interval such as 15m, 1h or 1d, or a five-field cron expression such as "0 * * * *" (got "${value}")` });
    return z.NEVER;
  });
const timeZone = z
  .string()
  .trim()
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: "expected an IANA time zone such as UTC or America/Chicago" },
  );

/**
 * Defaults: reconciliation every 15 minutes (a case or held claim without its workflow waits at most that long); the
 * digest every 15 minutes (each organization's digest hour is on its own wall clock, so the producer runs often and
 * queues a coordinator's digest once per local day); hold aging hourly (thresholds are whole days).
 */
export const ScheduleEnvSchema = z.object({
  TEMPORAL_SCHEDULE_RECONCILE: cadence.prefault("15m"),
  TEMPORAL_SCHEDULE_DIGEST: cadence.prefault("15m"),
  TEMPORAL_SCHEDULE_HOLD_AGING: cadence.prefault("1h"),
  /** The zone cron expressions are read in (intervals count from the Unix epoch and ignore it). */
  TEMPORAL_SCHEDULE_TIMEZONE: timeZone.default("UTC"),
});
export type ScheduleEnv = z.infer<typeof ScheduleEnvSchema>;

export class ScheduleConfigError extends Error {
  override name = "ScheduleConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid schedule configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses the schedule variables; throws a ScheduleConfigError naming every bad variable and what was expected. */
export function parseScheduleEnv(env: Record<string, string | undefined>): ScheduleEnv {
  // An empty variable means "the default", as in app/config.server.ts.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = ScheduleEnvSchema.safeParse(present);
  if (result.success) return result.data;
  throw new ScheduleConfigError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
}

/**
 * After an outage, at most one missed run is caught up within this window: every run works on the current state of
 * the database (and the business keys make a repeat write nothing), so older missed runs would only repeat it.
 */
export const CATCHUP_WINDOW = "1 hour";
/** A run that hangs must not block its schedule for good under SKIP: it is timed out and the next run starts. */
export const RUN_TIMEOUT = "30 minutes";

function spec(when: Cadence, zone: string): ScheduleOptions["spec"] {
  return when.kind === "interval" ? { intervals: [{ every: when.every }] } : { cronExpressions: [when.expression], timezone: zone };
}

/** The three schedules' options, in a stable order. */
export function scheduleOptions(env: ScheduleEnv, options: { taskQueue: string }): ScheduleOptions[] {
  const entries = [
    { scheduleId: SCHEDULE_IDS.reconcile, workflowType: reconcile, when: env.TEMPORAL_SCHEDULE_RECONCILE, what: "Start the workflows of open cases and held claims that have none." },
    { scheduleId: SCHEDULE_IDS.digest, workflowType: dailyDigest, when: env.TEMPORAL_SCHEDULE_DIGEST, what: "Queue coordinators' daily digests from their organization's digest hour; deliver the outbox." },
    { scheduleId: SCHEDULE_IDS.holdAging, workflowType: holdAging, when: env.TEMPORAL_SCHEDULE_HOLD_AGING, what: "Queue billers' alerts for claim holds past their aging thresholds; deliver the outbox." },
  ];
  return entries.map(({ scheduleId, workflowType, when, what }) => ({
    scheduleId,
    spec: spec(when, env.TEMPORAL_SCHEDULE_TIMEZONE),
    action: {
      type: "startWorkflow",
      workflowType,
      // The server appends the action's time, so every run has its own id under this prefix.
      workflowId: scheduleId,
      taskQueue: options.taskQueue,
      args: [],
      workflowRunTimeout: RUN_TIMEOUT,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: CATCHUP_WINDOW, pauseOnFailure: false },
    memo: { description: what },
    state: { note: "Created by `npm run schedules`." },
  }));
}

export type UpsertOutcome = { scheduleId: string; outcome: "created" | "updated" };

/**
 * Creates each schedule, or updates it in place when it exists (spec, action, policies), keeping its paused state and
 * note, so running this again after a deploy or a change of env is safe and never unpauses a schedule someone paused.
 */
export async function upsertSchedules(client: Pick<ScheduleClient, "create" | "getHandle">, schedules: ScheduleOptions[]): Promise<UpsertOutcome[]> {
  const outcomes: UpsertOutcome[] = [];
  for (const schedule of schedules) {
    try {
      await client.create(schedule);
      outcomes.push({ scheduleId: schedule.scheduleId, outcome: "created" });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.getHandle(schedule.scheduleId).update((previous) => ({
        spec: schedule.spec,
        action: schedule.action,
        policies: schedule.policies,
        state: { paused: previous.state.paused, ...(previous.state.note !== undefined ? { note: previous.state.note } : {}), ...(previous.state.remainingActions !== undefined ? { remainingActions: previous.state.remainingActions } : {}) },
      }));
      outcomes.push({ scheduleId: schedule.scheduleId, outcome: "updated" });
    }
  }
  return outcomes;
}
