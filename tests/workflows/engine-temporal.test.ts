// The lifecycle contract against a real Temporal server, when one is configured (TEMPORAL_ADDRESS, or TEMPORAL_CLI
// pointing at a `temporal` binary). Skipped loudly otherwise: nothing here fakes a server.
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { defineLifecycleContract, newCaseId } from "../contract/lifecycle-contract";
import { startTemporalEnvironment, temporalHarnessFactory, temporalServerConfigured, type TemporalHarness } from "../contract/temporal-harness";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createCaseCommand } from "../support/factories";

const configured = temporalServerConfigured();
if (!configured)
  console.warn(
    [
      "",
      "!!! SKIPPED: the lifecycle contract against Temporal. No TEMPORAL_ADDRESS or TEMPORAL_CLI is set, so these tests",
      "!!! did NOT run. To run them: `temporal server start-dev` in another terminal, then",
      "!!!   TEMPORAL_ADDRESS=localhost:7233 DATABASE_URL=... npx vitest run --project workflows tests/workflows/engine-temporal.test.ts",
      "",
    ].join("\n"),
  );

describe.skipIf(!configured)("Temporal engine", () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  const harnesses: TemporalHarness[] = [];
  beforeAll(async () => {
    env = await startTemporalEnvironment();
    database = await createTestDatabase("temporal");
  });
  afterAll(async () => {
    for (const h of harnesses) await h.stopWorker();
    await database?.destroy();
    await env?.teardown();
  });
  const factory = async (rules: Parameters<ReturnType<typeof temporalHarnessFactory>>[0]) => {
    const h = await temporalHarnessFactory(env, database)(rules);
    harnesses.push(h);
    return h;
  };

  defineLifecycleContract("temporal", factory);

  it("a worker restart loses nothing: the case is read and changed by a fresh worker", async () => {
    const h = await factory([]);
    const a = newCaseId();
    const actor = { userId: h.graph.userId, role: "coordinator" as const };
    const created = await h.engine.execute({ organizationId: h.graph.organizationId, actor, command: createCaseCommand(h.graph, { caseId: a, regimenId: h.graph.regimenId }) });
    expect(created.ok).toBe(true);
    await h.stopWorker();
    await h.restartWorker();
    const noted = await h.engine.execute({ organizationId: h.graph.organizationId, actor, command: { type: "add-note", caseId: a, text: "after restart" } });
    expect(noted).toMatchObject({ ok: true, state: { version: 2 } });
    expect(await h.engine.readCase(h.graph.organizationId, a)).toMatchObject({ version: 2 });
    expect(await h.engine.readCase("00000000-0000-4000-8000-00000000ffff", a)).toBeUndefined();
    const refused = await h.engine.execute({ organizationId: h.graph.organizationId, actor, command: { type: "record-decision", caseId: a, outcome: "denied", reason: "x" } });
    expect(refused).toMatchObject({ ok: false, error: { code: "NOT_SUBMITTED" } });
    expect(await h.eventTypes(a)).toHaveLength(2);
  });
});
