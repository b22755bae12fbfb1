// Every activity through MockActivityEnvironment against a real database, each run twice: the second run of the
// same input must change nothing (Temporal retries an activity whose completion was lost).
import { MockActivityEnvironment } from "@temporalio/testing";
import { ApplicationFailure } from "@temporalio/common";
import { asc, eq, sql } from "drizzle-orm";
import * as s from "../../db/schema";
import { createActivities, type ApplyCaseCommandInput } from "../../activities";
import type { OutboxRow } from "~/engine/outbox.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createCaseCommand, makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("activities");
});
afterAll(async () => database?.destroy());

let caseCounter = 0;
const newCaseId = () => `00000000-0000-4000-9100-${(++caseCounter).toString(16).padStart(12, "0")}`;
/** Runs an activity in a fresh mock context (attempt 2: as if the first attempt's completion was lost). */
const run = <A extends unknown[], R>(activity: (...args: A) => Promise<R>, ...args: A): Promise<R> =>
  new MockActivityEnvironment({ attempt: 2 }, { logger: quiet }).run<A, R, typeof activity>(activity, ...args);
const NOW = "2026-01-05T14:00:00.000Z";

function setup(graph: TenantGraph, options: Partial<Parameters<typeof createActivities>[0]> = {}) {
  return createActivities({ db: database.db, clock: () => new Date(NOW), ...options });
}

const coordinator = (g: TenantGraph) => ({ userId: g.userId, role: "coordinator" as const });
const createInput = (g: TenantGraph, caseId: string): ApplyCaseCommandInput => ({
  organizationId: g.organizationId,
  command: createCaseCommand(g, { caseId, regimenId: g.regimenId }),
  actor: coordinator(g),
  expectedVersion: 0,
  now: NOW,
});

async function stored(caseId: string) {
  const events = await database.db
    .select({ sequence: s.authorizationEvents.sequence, type: s.authorizationEvents.type })
    .from(s.authorizationEvents)
    .where(eq(s.authorizationEvents.caseId, caseId))
    .orderBy(asc(s.authorizationEvents.sequence));
  const [audit] = await database.db.select({ n: sql<number>`count(*)::int` }).from(s.auditLog).where(eq(s.auditLog.entityId, caseId));
  const outbox = await database.db.select({ key: s.outbox.businessKey }).from(s.outbox).where(sql`${s.outbox.payload}::text like ${`%${caseId}%`}`);
  return { events, audit: audit!.n, outbox: outbox.map((r) => r.key).sort() };
}

test("applyCaseCommand: a retried create or submit records its events, audit row and outbox rows once", async () => {
  const graph = await makeTenantGraph(database.db, "Activities");
  const activities = setup(graph);
  const caseId = newCaseId();

  const first = await run(activities.applyCaseCommand, createInput(graph, caseId));
  const again = await run(activities.applyCaseCommand, createInput(graph, caseId));
  expect(first).toMatchObject({ ok: true, replayed: false });
  expect(again).toMatchObject({ ok: true, replayed: true });
  if (!first.ok || !again.ok) throw new Error("unreachable");
  expect(again.events).toEqual(first.events);
  expect(again.state).toEqual(first.state);
  const afterCreate = await stored(caseId);
  expect(afterCreate).toMatchObject({ events: [{ sequence: 1, type: "case-created" }], audit: 1 });

  const submit: ApplyCaseCommandInput = {
    organizationId: graph.organizationId,
    command: { type: "submit", caseId, channel: "portal", proofReference: "portal-1" },
    actor: coordinator(graph),
    expectedVersion: first.state.version,
    now: "2026-01-05T15:00:00.000Z",
  };
  const submitted = await run(activities.applyCaseCommand, submit);
  const resubmitted = await run(activities.applyCaseCommand, submit);
  expect(submitted).toMatchObject({ ok: true, replayed: false, state: { status: "submitted" } });
  expect(resubmitted).toMatchObject({ ok: true, replayed: true, state: { status: "submitted" } });
  if (!submitted.ok) throw new Error("unreachable");
  expect(submitted.nextDeadline).toMatchObject({ kind: "follow-up" });
  const afterSubmit = await stored(caseId);
  expect(afterSubmit.events.map((e) => e.sequence)).toEqual([1, ...submitted.events.map((_, i) => 2 + i)]);
  expect(afterSubmit.audit).toBe(2);
});

test("applyCaseCommand: a command retried under its command id records once, even when its time differs (a retried update-with-start)", async () => {
  const graph = await makeTenantGraph(database.db, "CommandIds");
  const activities = setup(graph);
  const caseId = newCaseId();
  const created = await run(activities.applyCaseCommand, { ...createInput(graph, caseId), commandId: `create-${caseId}` });
  if (!created.ok) throw new Error("unreachable");
  const note = (now: string): ApplyCaseCommandInput => ({
    organizationId: graph.organizationId,
    command: { type: "add-note", caseId, text: "called the payer" },
    actor: coordinator(graph),
    expectedVersion: created.state.version,
    now,
    commandId: `note-${caseId}`,
  });
  const first = await run(activities.applyCaseCommand, note("2026-01-05T15:00:00.000Z"));
  // The web app retried after a lost answer: a new issuedAt, the same command id.
  const retried = await run(activities.applyCaseCommand, note("2026-01-05T15:00:07.000Z"));
  expect(first).toMatchObject({ ok: true, replayed: false, state: { version: 2 } });
  expect(retried).toMatchObject({ ok: true, replayed: true, state: { version: 2 } });
  if (!first.ok || !retried.ok) throw new Error("unreachable");
  expect(retried.events).toEqual(first.events);
  expect((await stored(caseId)).events.map((e) => e.type)).toEqual(["case-created", "note-added"]);
  // Another command (its own id) is decided as usual.
  const other = await run(activities.applyCaseCommand, { ...note("2026-01-05T15:00:07.000Z"), expectedVersion: 2, commandId: `note-2-${caseId}` });
  expect(other).toMatchObject({ ok: true, replayed: false, state: { version: 3 } });
});

test("applyCaseCommand: a refused command returns the domain error and writes nothing, however often it runs", async () => {
  const graph = await makeTenantGraph(database.db, "Refusals");
  const activities = setup(graph);
  const caseId = newCaseId();
  await run(activities.applyCaseCommand, createInput(graph, caseId));
  const before = await stored(caseId);
  const refused: ApplyCaseCommandInput = {
    organizationId: graph.organizationId,
    command: { type: "record-decision", caseId, outcome: "denied", reason: "Not medically necessary" },
    actor: coordinator(graph),
    expectedVersion: 1,
    now: "2026-01-05T15:00:00.000Z",
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    expect(await run(activities.applyCaseCommand, refused)).toMatchObject({ ok: false, error: { code: "NOT_SUBMITTED" } });
  }
  expect(await stored(caseId)).toEqual(before);
});

test("loadCase: the stored case and its next deadline, the same on every run; nothing for an unknown case", async () => {
  const graph = await makeTenantGraph(database.db, "Loading");
  const activities = setup(graph);
  const caseId = newCaseId();
  await run(activities.applyCaseCommand, createInput(graph, caseId));
  await run(activities.applyCaseCommand, {
    organizationId: graph.organizationId,
    command: { type: "submit", caseId, channel: "portal", proofReference: "portal-1" },
    actor: coordinator(graph),
    expectedVersion: 1,
    now: NOW,
  });
  const first = await run(activities.loadCase, { organizationId: graph.organizationId, caseId });
  const second = await run(activities.loadCase, { organizationId: graph.organizationId, caseId });
  expect(second).toEqual(first);
  expect(first.events.map((e) => e.type)).toContain("case-created");
  expect(first.nextDeadline).toMatchObject({ kind: "follow-up" });
  // Another organization sees nothing (row-level security).
  const other = await makeTenantGraph(database.db, "Other");
  expect(await run(activities.loadCase, { organizationId: other.organizationId, caseId })).toEqual({ events: [], nextDeadline: null });
});

test("loadCase: payer rules that do not parse fail the activity for good (non-retryable)", async () => {
  const graph = await makeTenantGraph(database.db, "BadRules");
  const activities = setup(graph);
  const caseId = newCaseId();
  await run(activities.applyCaseCommand, createInput(graph, caseId));
  await database.db.insert(s.payerRules).values({
    organizationId: graph.organizationId,
    payerId: graph.payerId,
    kind: "rfi-due",
    value: { days: "ten" },
    effectiveFrom: "2026-01-01",
    source: "broken on purpose",
  });
  for (let attempt = 0; attempt < 2; attempt++) {
    const failure = await run(activities.loadCase, { organizationId: graph.organizationId, caseId })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: "InvalidPayerRules", nonRetryable: true });
  }
});

test("deliverOutbox: each keyed row is delivered once; a second run delivers nothing again", async () => {
  const graph = await makeTenantGraph(database.db, "Outbox");
  const sent: string[] = [];
  const mailed: string[] = [];
  const activities = setup(graph, {
    sendCaseCommand: async (_organizationId, command) => {
      sent.push(JSON.stringify(command));
    },
    mailer: async (row: OutboxRow) => {
      mailed.push(row.businessKey);
    },
  });
  const caseId = newCaseId();
  await run(activities.applyCaseCommand, createInput(graph, caseId));
  await database.db.insert(s.outbox).values([
    {
      organizationId: graph.organizationId,
      topic: "case-command",
      businessKey: `case-command:${caseId}:1:0`,
      payload: { command: { type: "add-note", caseId, text: "linked" } },
      availableAt: new Date(NOW),
      createdAt: new Date(NOW),
    },
    { organizationId: graph.organizationId, topic: "email", businessKey: `email-test:${caseId}`, payload: { caseId }, availableAt: new Date(NOW), createdAt: new Date(NOW) },
  ]);
  const first = await run(activities.deliverOutbox);
  const second = await run(activities.deliverOutbox);
  expect(first.delivered).toBeGreaterThanOrEqual(2);
  expect(second).toMatchObject({ claimed: 0, delivered: 0 });
  expect(sent).toHaveLength(1);
  expect(mailed.filter((k) => k === `email-test:${caseId}`)).toHaveLength(1);
});

function noop() {}
const quiet = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
