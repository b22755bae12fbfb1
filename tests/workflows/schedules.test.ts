// The Schedules' options (app/engine/temporal-schedules.server.ts) without a server: the pure builder from env, its
// encoding by the SDK's own helpers (what the server would receive), and create-or-update against a recording
// stand-in for the schedule client.
import { ScheduleAlreadyRunning, type ScheduleDescription, type ScheduleOptions, type ScheduleUpdateOptions } from "@temporalio/client";
import { compileScheduleOptions, encodeSchedulePolicies, encodeScheduleSpec } from "@temporalio/client/lib/schedule-helpers";
import { temporal } from "@temporalio/proto";
import { SCHEDULE_IDS, ScheduleConfigError, parseScheduleEnv, scheduleOptions, upsertSchedules } from "~/engine/temporal-schedules.server";

const seconds = (d: { seconds?: unknown } | null | undefined) => Number(d?.seconds);
const build = (env: Record<string, string | undefined> = {}) => scheduleOptions(parseScheduleEnv(env), { taskQueue: "infusion-pa" });

test("defaults: three schedules, each starting its workflow on the task queue, overlap SKIP, a bounded catch-up and run time", () => {
  const schedules = build();
  expect(schedules.map((o) => o.scheduleId)).toEqual(["infusion-pa:reconcile", "infusion-pa:digest", "infusion-pa:hold-aging"]);
  expect(schedules.map((o) => compileScheduleOptions(o).action.workflowType)).toEqual(["reconcile", "dailyDigest", "holdAging"]);
  expect(schedules.map((o) => seconds(encodeScheduleSpec(o.spec).interval?.[0]?.interval))).toEqual([900, 900, 3600]);
  for (const schedule of schedules) {
    expect(schedule.action).toMatchObject({ type: "startWorkflow", workflowId: schedule.scheduleId, taskQueue: "infusion-pa", args: [], workflowRunTimeout: "30 minutes" });
    const policies = encodeSchedulePolicies(schedule.policies);
    expect(policies.overlapPolicy).toBe(temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    expect(seconds(policies.catchupWindow)).toBe(3600);
    expect(policies.pauseOnFailure).toBe(false);
  }
});

test("env: an interval or a cron expression (read in the configured time zone); an empty value means the default", () => {
  const [reconcile, digest, holdAging] = build({
    TEMPORAL_SCHEDULE_RECONCILE: "5m",
    TEMPORAL_SCHEDULE_DIGEST: "0 6-18 * * 1-5",
    TEMPORAL_SCHEDULE_HOLD_AGING: "  ",
    TEMPORAL_SCHEDULE_TIMEZONE: "America/Chicago",
  });
  expect(seconds(encodeScheduleSpec(reconcile!.spec).interval?.[0]?.interval)).toBe(300);
  expect(encodeScheduleSpec(digest!.spec)).toMatchObject({ cronString: ["0 6-18 * * 1-5"], timezoneName: "America/Chicago" });
  expect(encodeScheduleSpec(digest!.spec).interval ?? []).toEqual([]);
  expect(seconds(encodeScheduleSpec(holdAging!.spec).interval?.[0]?.interval)).toBe(3600);
});

test("bad values: one error naming every bad variable and the form expected", () => {
  let error: unknown;
  try {
    build({ TEMPORAL_SCHEDULE_RECONCILE: "0m", TEMPORAL_SCHEDULE_DIGEST: "daily", TEMPORAL_SCHEDULE_TIMEZONE: "Mars/Olympus_Mons" });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ScheduleConfigError);
  const problems = (error as ScheduleConfigError).problems;
  expect(problems).toHaveLength(3);
  expect(problems[0]).toMatch(/^TEMPORAL_SCHEDULE_RECONCILE: expected an interval such as 15m.*\(got "0m"\)/);
  expect(problems[1]).toMatch(/^TEMPORAL_SCHEDULE_DIGEST: .*cron expression.*\(got "daily"\)/);
  expect(problems[2]).toMatch(/^TEMPORAL_SCHEDULE_TIMEZONE: expected an IANA time zone/);
});

/** A schedule client that remembers what it holds, refuses a second create as the server does, and updates in place. */
class RecordingScheduleClient {
  readonly held = new Map<string, { options: ScheduleOptions; paused: boolean; note?: string }>();
  readonly calls: string[] = [];
  create(options: ScheduleOptions) {
    this.calls.push(`create ${options.scheduleId}`);
    if (this.held.has(options.scheduleId)) return Promise.reject(new ScheduleAlreadyRunning("Schedule already exists and is running", options.scheduleId));
    this.held.set(options.scheduleId, { options, paused: options.state?.paused ?? false, ...(options.state?.note ? { note: options.state.note } : {}) });
    return Promise.resolve({} as never);
  }
  getHandle(scheduleId: string) {
    const update = async (fn: (previous: ScheduleDescription) => ScheduleUpdateOptions) => {
      this.calls.push(`update ${scheduleId}`);
      const current = this.held.get(scheduleId)!;
      const next = fn({ scheduleId, state: { paused: current.paused, note: current.note } } as ScheduleDescription);
      const state: { paused?: boolean; note?: string } = next.state ?? {};
      this.held.set(scheduleId, { options: { ...current.options, spec: next.spec, action: next.action, policies: next.policies }, paused: state.paused ?? false, ...(state.note ? { note: state.note } : {}) });
    };
    return { update } as never;
  }
}

test("create if missing, else update in place: a second run updates all three and never unpauses a paused schedule", async () => {
  const client = new RecordingScheduleClient();
  expect(await upsertSchedules(client, build())).toEqual(Object.values(SCHEDULE_IDS).map((scheduleId) => ({ scheduleId, outcome: "created" })));
  // Someone paused the digest (`temporal schedule toggle --pause`); then the digest cadence changes and this runs again.
  client.held.get(SCHEDULE_IDS.digest)!.paused = true;
  const again = await upsertSchedules(client, build({ TEMPORAL_SCHEDULE_DIGEST: "30m" }));
  expect(again.map((o) => o.outcome)).toEqual(["updated", "updated", "updated"]);
  expect(client.held.size).toBe(3);
  const digest = client.held.get(SCHEDULE_IDS.digest)!;
  expect(digest.paused).toBe(true);
  expect(digest.note).toBe("Created by `npm run schedules`.");
  expect(seconds(encodeScheduleSpec(digest.options.spec).interval?.[0]?.interval)).toBe(1800);
  expect(client.held.get(SCHEDULE_IDS.reconcile)!.paused).toBe(false);
});

test("a failure other than 'already exists' (the server unreachable) stops the run and reaches the caller", async () => {
  const unreachable = { create: () => Promise.reject(new Error("14 UNAVAILABLE: No connection established")), getHandle: () => ({}) as never };
  await expect(upsertSchedules(unreachable, build())).rejects.toThrow(/UNAVAILABLE/);
});
