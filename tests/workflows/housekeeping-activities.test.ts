// The Schedules' activities (reconciliation, daily digest, hold aging) through MockActivityEnvironment against a real
// database, each run twice: the second run starts no workflow and writes no outbox row. Workflow starts go to a
// recording stand-in for the Temporal client that refuses a second start of a running id, as the server does.
import { MockActivityEnvironment } from "@temporalio/testing";
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, type Workflow } from "@temporalio/common";
import { and, eq, like } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import * as s from "../../db/schema";
import { createActivities, holdAgingForOrganization } from "../../activities";
import type { WorkflowStarter } from "~/engine/reconcile.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("housekeeping");
});
afterAll(async () => database?.destroy());

const NOW = "2026-03-20T15:00:00.000Z";
const DAY = 86_400_000;
const TASK_QUEUE = "housekeeping-test";

interface Start {
  workflowType: string;
  workflowId: string;
  taskQueue: string;
  input: { organizationId: string; caseId?: string; claimId?: string };
}
/** Records starts; a running workflow id refuses a second start with the server's error. */
class RecordingStarter implements WorkflowStarter {
  readonly starts: Start[] = [];
  private readonly running = new Set<string>();
  async start(workflowType: string | Workflow, options: { workflowId: string; taskQueue: string; args: unknown[] }) {
    const type = typeof workflowType === "string" ? workflowType : workflowType.name;
    if (this.running.has(options.workflowId)) throw new WorkflowExecutionAlreadyStartedError("Workflow execution already started", options.workflowId, type);
    this.running.add(options.workflowId);
    this.starts.push({ workflowType: type, workflowId: options.workflowId, taskQueue: options.taskQueue, input: options.args[0] as Start["input"] });
  }
}

function noop() {}
const quiet = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
/** Runs an activity in a fresh mock context (attempt 2: as if a first attempt's completion was lost); collects heartbeats. */
async function run<R>(activity: () => Promise<R>): Promise<{ result: R; heartbeats: unknown[] }> {
  const env = new MockActivityEnvironment({ attempt: 2 }, { logger: quiet });
  const heartbeats: unknown[] = [];
  env.on("heartbeat", (details: unknown) => heartbeats.push(details));
  return { result: await env.run(activity), heartbeats };
}
const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (error: unknown) => error,
  );

const setup = (starter?: WorkflowStarter, now = NOW) =>
  createActivities({ db: database.db, clock: () => new Date(now), ...(starter ? { workflows: { starter, taskQueue: TASK_QUEUE } } : {}) });

/** Every recorded start names the organization that owns the case or claim (row-level security would hide any other). */
async function expectTenantsMatch(starts: Start[]) {
  for (const start of starts) {
    const owner = start.input.caseId
      ? (await database.db.select({ organizationId: s.authorizationCases.organizationId }).from(s.authorizationCases).where(eq(s.authorizationCases.id, start.input.caseId)))[0]
      : (await database.db.select({ organizationId: s.claims.organizationId }).from(s.claims).where(eq(s.claims.id, start.input.claimId!)))[0];
    expect(owner?.organizationId).toBe(start.input.organizationId);
  }
}

describe("reconcileCaseWorkflows", () => {
  let open: TenantGraph;
  let closed: TenantGraph;
  beforeAll(async () => {
    open = await makeTenantGraph(database.db, "ReconcileOpen");
    closed = await makeTenantGraph(database.db, "ReconcileClosed");
    await database.db.update(s.authorizationCases).set({ status: "voided" }).where(eq(s.authorizationCases.id, closed.caseId));
  });

  test("starts the case workflow of every open case, in its own organization; a second run starts nothing", async () => {
    const starter = new RecordingStarter();
    const activities = setup(starter);
    const first = await run(activities.reconcileCaseWorkflows);
    const startsAfterFirst = starter.starts.length;
    const second = await run(activities.reconcileCaseWorkflows);

    expect(starter.starts).toContainEqual({
      workflowType: "authorizationCase",
      workflowId: `authorization-case:${open.caseId}`,
      taskQueue: TASK_QUEUE,
      input: { organizationId: open.organizationId, caseId: open.caseId },
    });
    expect(starter.starts.map((st) => st.workflowId)).not.toContain(`authorization-case:${closed.caseId}`);
    expect(starter.starts.every((st) => st.workflowType === "authorizationCase")).toBe(true);
    await expectTenantsMatch(starter.starts);
    expect(first.result).toEqual({ started: startsAfterFirst, running: 0 });
    // The second run finds every workflow running: nothing is started twice.
    expect(starter.starts).toHaveLength(startsAfterFirst);
    expect(second.result).toEqual({ started: 0, running: startsAfterFirst });
    // One heartbeat per organization, carrying the progress so far.
    expect(first.heartbeats.length).toBeGreaterThanOrEqual(2);
    expect(first.heartbeats.at(-1)).toEqual(first.result);
  });
});

describe("reconcileClaimReleases", () => {
  let held: TenantGraph;
  let released: TenantGraph;
  beforeAll(async () => {
    held = await makeTenantGraph(database.db, "ReconcileHeld");
    released = await makeTenantGraph(database.db, "ReconcileReleased");
    await database.db.update(s.claims).set({ status: "released", releasedAt: new Date(NOW) }).where(eq(s.claims.id, released.claimId));
  });

  test("starts the claim-release workflow of every held claim, never a released one; a second run starts nothing", async () => {
    const starter = new RecordingStarter();
    const activities = setup(starter);
    const first = await run(activities.reconcileClaimReleases);
    const startsAfterFirst = starter.starts.length;
    const second = await run(activities.reconcileClaimReleases);

    expect(starter.starts).toContainEqual({
      workflowType: "claimRelease",
      workflowId: `claim-release:${held.claimId}`,
      taskQueue: TASK_QUEUE,
      input: { organizationId: held.organizationId, claimId: held.claimId },
    });
    expect(starter.starts.map((st) => st.workflowId)).not.toContain(`claim-release:${released.claimId}`);
    await expectTenantsMatch(starter.starts);
    expect(first.result).toEqual({ started: startsAfterFirst, running: 0 });
    expect(starter.starts).toHaveLength(startsAfterFirst);
    expect(second.result).toEqual({ started: 0, running: startsAfterFirst });
  });

  test("a start the server refuses for another reason fails the activity (retried by Temporal), not counted as running", async () => {
    const failing: WorkflowStarter = { start: () => Promise.reject(new Error("connection refused")) };
    const failure = await failureOf(run(setup(failing).reconcileClaimReleases));
    expect((failure as Error).message).toContain("connection refused");
  });

  test("without a Temporal client the reconciliation activities fail for good, naming what is missing", async () => {
    const activities = setup();
    for (const activity of [activities.reconcileCaseWorkflows, activities.reconcileClaimReleases]) {
      const failure = await failureOf(run(activity));
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: "MissingDependency", nonRetryable: true });
      expect((failure as Error).message).toContain("workflows");
    }
  });
});

test("produceDailyDigests: one digest row per coordinator on the first run, nothing on the second", async () => {
  const graph = await makeTenantGraph(database.db, "Digest");
  await database.db.update(s.organizationEmailSettings).set({ digestDefault: true, digestHour: 0, timeZone: "UTC" }).where(eq(s.organizationEmailSettings.organizationId, graph.organizationId));
  const activities = setup();
  const first = await run(activities.produceDailyDigests);
  const second = await run(activities.produceDailyDigests);
  const rows = await database.db
    .select({ key: s.outbox.businessKey })
    .from(s.outbox)
    .where(and(eq(s.outbox.organizationId, graph.organizationId), like(s.outbox.businessKey, "daily-digest:%")));
  expect(rows.map((r) => r.key)).toEqual([`daily-digest:${graph.userId}:2026-03-20`]);
  expect(first.result.written).toBeGreaterThanOrEqual(1);
  expect(second.result).toMatchObject({ written: 0 });
});

describe("hold aging", () => {
  async function agedHold(label: string, ageDays: number) {
    const graph = await makeTenantGraph(database.db, label);
    const [biller] = await database.db.insert(s.users).values({ email: `biller-${randomUUID()}@example.test`, name: "Biller", passwordHash: "x" }).returning();
    await database.db.insert(s.memberships).values({ organizationId: graph.organizationId, userId: biller!.id, role: "biller" });
    const [hold] = await database.db
      .update(s.claimHolds)
      .set({ openedAt: new Date(Date.parse(NOW) - ageDays * DAY - 60_000) })
      .where(eq(s.claimHolds.claimId, graph.claimId))
      .returning({ id: s.claimHolds.id });
    return { graph, holdId: hold!.id };
  }
  const agingKeys = async (organizationId: string) =>
    (
      await database.db
        .select({ key: s.outbox.businessKey })
        .from(s.outbox)
        .where(and(eq(s.outbox.organizationId, organizationId), like(s.outbox.businessKey, "hold-aging:%")))
    )
      .map((r) => r.key)
      .sort();

  test("enqueueHoldAgingAlerts: one row per hold and passed threshold on the first run, nothing on the second", async () => {
    // The factory's billing setting alerts at 3 and 7 days; this hold is 8 days old.
    const { graph, holdId } = await agedHold("Aging", 8);
    const activities = setup();
    const first = await run(activities.enqueueHoldAgingAlerts);
    const second = await run(activities.enqueueHoldAgingAlerts);
    expect(await agingKeys(graph.organizationId)).toEqual([`hold-aging:${holdId}:3`, `hold-aging:${holdId}:7`]);
    expect(first.result.written).toBeGreaterThanOrEqual(2);
    expect(second.result).toEqual({ written: 0 });
  });

  test("notifyHoldAging (a claim's aging timer) writes its organization's alerts only, and the Schedule's run then writes nothing", async () => {
    const { graph, holdId } = await agedHold("AgingTimer", 4);
    const other = await agedHold("AgingTimerOther", 4);
    const activities = createActivities({ db: database.db, clock: () => new Date(NOW), billing: { evaluateClaim: () => Promise.reject(new Error("not used")), enqueueHoldAgingAlert: holdAgingForOrganization } });
    const alert = { organizationId: graph.organizationId, claimId: graph.claimId, thresholdDays: 3, oldestOpenedAt: NOW, openHolds: [] };
    await run(() => activities.notifyHoldAging(alert));
    await run(() => activities.notifyHoldAging(alert));
    expect(await agingKeys(graph.organizationId)).toEqual([`hold-aging:${holdId}:3`]);
    expect(await agingKeys(other.graph.organizationId)).toEqual([]);
    // The hold-aging Schedule's run finds this organization's alert already written (the other's is new).
    await run(activities.enqueueHoldAgingAlerts);
    expect(await agingKeys(graph.organizationId)).toEqual([`hold-aging:${holdId}:3`]);
    expect(await agingKeys(other.graph.organizationId)).toEqual([`hold-aging:${other.holdId}:3`]);
  });
});
