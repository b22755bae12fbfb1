// The embedded engine against a real database: the shared lifecycle contract, plus what only a database shows —
// one transaction per command, serialised per case, rejected commands write nothing.
import { asc, eq, sql } from "drizzle-orm";
import * as s from "../../db/schema";
import { EmbeddedEngine } from "~/engine/embedded.server";
import { defineLifecycleContract, newCaseId, type ContractHarness, type RuleSeed } from "../contract/lifecycle-contract";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { contractTenant, projectionReaders } from "../contract/contract-database";
import { createCaseCommand } from "../support/factories";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("engine");
});
afterAll(async () => database?.destroy());

async function embeddedHarness(rules: readonly RuleSeed[]): Promise<ContractHarness & { engine: EmbeddedEngine }> {
  const graph = await contractTenant(database.db, "Contract", rules);
  let now = new Date("2026-01-05T14:00:00Z");
  const engine = new EmbeddedEngine(database.db, { clock: () => now, log: () => {} });
  return {
    engine,
    graph,
    setClock: (iso) => {
      now = new Date(iso);
    },
    async settle() {
      for (let i = 0; i < 20; i++) {
        const r = await engine.sweepOnce();
        if (r.deadlines.handled === 0 && r.outbox.claimed === 0) return;
      }
      throw new Error("the engine did not settle in 20 sweeps");
    },
    ...projectionReaders(database.db, graph),
  };
}

defineLifecycleContract("embedded", embeddedHarness);

describe("embedded engine persistence", () => {
  it("appends events, updates the projection and writes the audit row in one transaction; a refused command writes nothing", async () => {
    const h = await embeddedHarness([]);
    const a = newCaseId();
    const created = await h.engine.execute({
      organizationId: h.graph.organizationId,
      actor: { userId: h.graph.userId, role: "coordinator" },
      command: createCaseCommand(h.graph, {
        caseId: a,
        patient: { patientId: h.graph.patientId },
        lines: [
          { hcpcs: "J1745", dose: { value: 400, unit: "mg", basis: "fixed" }, route: "iv_infusion", intervalDays: 56, unitsPerDose: 40, administrations: 6 },
        ],
      }),
    });
    expect(created.ok).toBe(true);
    const row = await h.caseRow(a);
    expect(row).toMatchObject({ status: "draft", version: 1 });
    expect((row as unknown as { caseNumber: string }).caseNumber).toMatch(/^PA-\d{6}$/);

    const countRows = async () => {
      const [events] = await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(s.authorizationEvents)
        .where(eq(s.authorizationEvents.caseId, a));
      const [audit] = await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(s.auditLog)
        .where(eq(s.auditLog.entityId, a));
      return { events: events!.n, audit: audit!.n };
    };
    expect(await countRows()).toEqual({ events: 1, audit: 1 });
    const refused = await h.engine.execute({
      organizationId: h.graph.organizationId,
      command: { type: "record-decision", caseId: a, outcome: "denied", reason: "Not medically necessary" },
      actor: { userId: h.graph.userId, role: "coordinator" },
    });
    expect(refused.ok).toBe(false);
    expect(await countRows()).toEqual({ events: 1, audit: 1 });
    const invalid = await h.engine.execute({ organizationId: h.graph.organizationId, command: { type: "submit", caseId: a, channel: "pigeon" } });
    expect(invalid).toMatchObject({ ok: false, error: { code: "INVALID_COMMAND" } });
  });

  it("serialises concurrent commands on one case: both land, in order, with contiguous sequence numbers", async () => {
    const h = await embeddedHarness([]);
    const a = newCaseId();
    const actor = { userId: h.graph.userId, role: "coordinator" as const };
    const base = { organizationId: h.graph.organizationId, actor };
    await h.engine.execute({
      ...base,
      command: createCaseCommand(h.graph, {
        caseId: a,
        patient: { patientId: h.graph.patientId },
        lines: [
          { hcpcs: "J1745", dose: { value: 400, unit: "mg", basis: "fixed" }, route: "iv_infusion", intervalDays: 56, unitsPerDose: 40, administrations: 6 },
        ],
      }),
    });
    const notes = await Promise.all(
      Array.from({ length: 6 }, (_, i) => h.engine.execute({ ...base, command: { type: "add-note", caseId: a, text: `note ${i}` } })),
    );
    expect(notes.every((n) => n.ok)).toBe(true);
    const sequences = await database.db
      .select({ sequence: s.authorizationEvents.sequence })
      .from(s.authorizationEvents)
      .where(eq(s.authorizationEvents.caseId, a))
      .orderBy(asc(s.authorizationEvents.sequence));
    expect(sequences.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await h.caseRow(a)).toMatchObject({ version: 7 });
  });
});
