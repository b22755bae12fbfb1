// The state snapshot on authorization_cases: written with every command, read instead of the history while it is
// current, and ignored (the history replayed) when it is missing or behind the row's version.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { loadCaseStates, replayCases } from "~/engine/case-store.server";
import { EmbeddedEngine } from "~/engine/embedded.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createCaseCommand, makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
let graph: TenantGraph;
let caseId: string;
const now = new Date("2026-03-05T15:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase("case_snapshot");
  graph = await makeTenantGraph(database.db, "Snapshot");
  const engine = new EmbeddedEngine(database.db, { clock: () => now, log: () => {} });
  caseId = randomUUID();
  for (const command of [createCaseCommand(graph), { type: "submit", channel: "fax", proofReference: "fax-1" }]) {
    const outcome = await engine.execute({ organizationId: graph.organizationId, actor: { userId: graph.userId, role: "coordinator" }, command: { caseId, ...command } });
    if (!outcome.ok) throw new Error(outcome.error.message);
  }
});
afterAll(async () => database?.destroy());

const read = () => withTenant(database.db, graph.organizationId, (tx) => loadCaseStates(tx, [caseId]));
const replayed = () => withTenant(database.db, graph.organizationId, (tx) => replayCases(tx, [caseId]));
const setState = (state: unknown) => database.db.update(s.authorizationCases).set({ state }).where(eq(s.authorizationCases.id, caseId));

test("every command stores the state it leads to, equal to the replayed history", async () => {
  const [row] = await database.db.select().from(s.authorizationCases).where(eq(s.authorizationCases.id, caseId));
  const [history] = await replayed();
  expect(history).toMatchObject({ caseId, status: "submitted", version: 2 });
  expect(row!.state).toEqual(history);
  expect(await read()).toEqual([history]);
});

test("a current snapshot is read instead of the history; a missing or stale one is not", async () => {
  const [history] = await replayed();
  await setState({ ...history, caseNumber: "FROM-SNAPSHOT" });
  expect((await read())[0]?.caseNumber).toBe("FROM-SNAPSHOT");
  await setState({ ...history, caseNumber: "STALE", version: 1 });
  expect(await read()).toEqual([history]);
  await setState(null);
  expect(await read()).toEqual([history]);
});
