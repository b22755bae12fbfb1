// The port's idempotency key in the embedded driver: a request sent again with the same command id (a browser retry,
// a redelivered linked command) is applied once and answered with the events it already recorded.
import { asc, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import * as s from "../../db/schema";
import { EmbeddedEngine } from "~/engine/embedded.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createCaseCommand, makeTenantGraph } from "../support/factories";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("cmdid");
});
afterAll(async () => database?.destroy());

test("the same command id twice records the command once; a new id is a new command", async () => {
  const graph = await makeTenantGraph(database.db, "CommandId");
  let now = Date.parse("2026-01-05T14:00:00Z");
  const engine = new EmbeddedEngine(database.db, { clock: () => new Date((now += 1000)) });
  const actor = { userId: graph.userId, role: "coordinator" as const };
  const caseId = randomUUID();
  expect(await engine.execute({ organizationId: graph.organizationId, actor, command: createCaseCommand(graph, { caseId, regimenId: graph.regimenId }) })).toMatchObject({ ok: true });

  const note = { type: "add-note", caseId, text: "called the payer" };
  const first = await engine.execute({ organizationId: graph.organizationId, actor, command: note, commandId: "request-1" });
  const retried = await engine.execute({ organizationId: graph.organizationId, actor, command: note, commandId: "request-1" });
  const another = await engine.execute({ organizationId: graph.organizationId, actor, command: note, commandId: "request-2" });
  expect(first).toMatchObject({ ok: true, state: { version: 2 } });
  expect(retried).toMatchObject({ ok: true, state: { version: 2 } });
  if (!first.ok || !retried.ok) throw new Error("unreachable");
  expect(retried.events).toEqual(first.events);
  expect(another).toMatchObject({ ok: true, state: { version: 3 } });

  const events = await database.db
    .select({ type: s.authorizationEvents.type, commandId: s.authorizationEvents.commandId })
    .from(s.authorizationEvents)
    .where(eq(s.authorizationEvents.caseId, caseId))
    .orderBy(asc(s.authorizationEvents.sequence));
  expect(events).toEqual([
    { type: "case-created", commandId: null },
    { type: "note-added", commandId: "request-1" },
    { type: "note-added", commandId: "request-2" },
  ]);
  await engine.close();
});
