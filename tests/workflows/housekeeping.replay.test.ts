// Replay tests for the Schedules' workflows (workflows/housekeeping.ts): each path is a built history replayed by the
// real worker runtime; what the workflow did is asserted through the `housekeepingProbe` sink.
import type { HousekeepingProbeSinks } from "../../workflows/housekeeping";
import { HistoryBuilder } from "./history-builder";
import { replayObserving, workflowBundle } from "./replay-support";

type Observation = Parameters<HousekeepingProbeSinks["housekeepingProbe"]["observed"]>[0];

const STARTED = "2026-03-20T15:00:00.000Z";
beforeAll(async () => {
  await workflowBundle();
});
// A Schedule appends the action's time to the workflow id.
const replay = (h: HistoryBuilder, id: string) => replayObserving<Observation>(h, `${id}-${STARTED}`, "housekeepingProbe");
const sweep = (claimed: number, delivered = claimed) => ({ claimed, delivered, retried: claimed - delivered, dead: 0 });

describe("reconcile", () => {
  test("both passes run in order (cases, then claims) and the run completes with their counts", async () => {
    const h = new HistoryBuilder("reconcile", [], { startedAt: STARTED });
    h.completeTask();
    const cases = h.scheduleActivity("reconcileCaseWorkflows");
    h.completeActivity(cases, { started: 2, running: 5 }).nextTask().completeTask();
    const claims = h.scheduleActivity("reconcileClaimReleases");
    h.completeActivity(claims, { started: 1, running: 0 }).nextTask().completeTask();
    h.completeWorkflow({ cases: { started: 2, running: 5 }, claims: { started: 1, running: 0 } });

    expect(await replay(h, "infusion-pa:reconcile")).toEqual([
      { workflow: "reconcile", step: "cases", outcome: "ok", value: { started: 2, running: 5 } },
      { workflow: "reconcile", step: "claims", outcome: "ok", value: { started: 1, running: 0 } },
    ]);
  });

  test("activity failure and retry: a pass that succeeded on its third attempt counts like any other", async () => {
    const h = new HistoryBuilder("reconcile", [], { startedAt: STARTED });
    h.completeTask();
    const cases = h.scheduleActivity("reconcileCaseWorkflows");
    h.advance(15_000).completeActivity(cases, { started: 0, running: 7 }, { attempt: 3, lastFailure: { message: "connection refused" } });
    h.nextTask().completeTask();
    const claims = h.scheduleActivity("reconcileClaimReleases");
    h.completeActivity(claims, { started: 0, running: 2 }).nextTask().completeTask();
    h.completeWorkflow({ cases: { started: 0, running: 7 }, claims: { started: 0, running: 2 } });

    expect((await replay(h, "infusion-pa:reconcile")).map((o) => o.outcome)).toEqual(["ok", "ok"]);
  });

  test("a pass that fails for good does not stop the other; the run then fails, naming the part", async () => {
    const h = new HistoryBuilder("reconcile", [], { startedAt: STARTED });
    h.completeTask();
    const cases = h.scheduleActivity("reconcileCaseWorkflows");
    h.failActivity(cases, { message: "The worker was started without workflows", type: "MissingDependency", nonRetryable: true }).nextTask().completeTask();
    const claims = h.scheduleActivity("reconcileClaimReleases");
    h.completeActivity(claims, { started: 1, running: 0 }).nextTask().completeTask();
    h.failWorkflow({ message: "Reconciliation of cases failed; the next scheduled run tries again.", type: "ReconcileIncomplete", nonRetryable: true });

    expect(await replay(h, "infusion-pa:reconcile")).toEqual([
      { workflow: "reconcile", step: "cases", outcome: "failed" },
      { workflow: "reconcile", step: "claims", outcome: "ok", value: { started: 1, running: 0 } },
    ]);
  });

  // Core matches an activity by its sequence, not its name (a swapped order replays; the sink order above pins it),
  // so what must fail is a different command where the workflow schedules its first pass.
  test("a history where the run waited on a timer instead of its first pass fails the replay", async () => {
    const h = new HistoryBuilder("reconcile", [], { startedAt: STARTED });
    h.completeTask();
    h.startTimer(60_000);
    await expect(replay(h, "infusion-pa:reconcile")).rejects.toThrow(/[Nn]ondeterminism/);
  });
});

describe("dailyDigest", () => {
  test("produces the digests, then delivers in rounds until a round finds nothing", async () => {
    const h = new HistoryBuilder("dailyDigest", [], { startedAt: STARTED });
    h.completeTask();
    const produce = h.scheduleActivity("produceDailyDigests");
    h.completeActivity(produce, { organizations: 2, written: 3 }).nextTask().completeTask();
    const round1 = h.scheduleActivity("deliverOutbox");
    h.completeActivity(round1, sweep(3, 2)).nextTask().completeTask();
    const round2 = h.scheduleActivity("deliverOutbox");
    h.completeActivity(round2, sweep(0)).nextTask().completeTask();
    h.completeWorkflow({ written: 3, delivered: 2 });

    expect(await replay(h, "infusion-pa:digest")).toEqual([
      { workflow: "dailyDigest", step: "produce", outcome: "ok", value: 3 },
      { workflow: "dailyDigest", step: "deliver", outcome: "ok", value: 2 },
    ]);
  });

  test("a catch-up run that writes no digest still delivers what is due (a retried row from an earlier run)", async () => {
    const h = new HistoryBuilder("dailyDigest", [], { startedAt: STARTED });
    h.completeTask();
    const produce = h.scheduleActivity("produceDailyDigests");
    h.completeActivity(produce, { organizations: 2, written: 0 }).nextTask().completeTask();
    const round1 = h.scheduleActivity("deliverOutbox");
    h.completeActivity(round1, sweep(1)).nextTask().completeTask();
    const round2 = h.scheduleActivity("deliverOutbox");
    h.completeActivity(round2, sweep(0)).nextTask().completeTask();
    h.completeWorkflow({ written: 0, delivered: 1 });

    expect((await replay(h, "infusion-pa:digest")).map((o) => [o.step, o.value])).toEqual([
      ["produce", 0],
      ["deliver", 1],
    ]);
  });
});

describe("holdAging", () => {
  test("enqueues the alerts; a delivery that fails for good leaves the rows for the next run and the run completes", async () => {
    const h = new HistoryBuilder("holdAging", [], { startedAt: STARTED });
    h.completeTask();
    const enqueue = h.scheduleActivity("enqueueHoldAgingAlerts");
    h.completeActivity(enqueue, { written: 4 }).nextTask().completeTask();
    const round1 = h.scheduleActivity("deliverOutbox");
    h.failActivity(round1, { message: "database unavailable" }).nextTask().completeTask();
    h.completeWorkflow({ written: 4, delivered: null });

    expect(await replay(h, "infusion-pa:hold-aging")).toEqual([
      { workflow: "holdAging", step: "enqueue", outcome: "ok", value: 4 },
      { workflow: "holdAging", step: "deliver", outcome: "failed" },
    ]);
  });
});
