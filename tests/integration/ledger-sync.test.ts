// The unit ledger from what happened: scheduled infusions and documented administrations in billing units
// (mg/kg × the latest weight), billed claims truing it up, and the case's balance after an approval.
import { and, eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { EmbeddedEngine } from "~/engine/embedded.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createCaseCommand, makeDrug, makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
let graph: TenantGraph;
let engine: EmbeddedEngine;
let now = new Date("2026-03-01T15:00:00Z");
const caseId = "00000000-0000-4000-b000-000000000001";

beforeAll(async () => {
  database = await createTestDatabase("ledger");
  graph = await makeTenantGraph(database.db, "Ledger");
  // Infliximab 5 mg/kg every 8 weeks; the patient weighed 72.5 kg on 4 March, then 80 kg on 10 March.
  const infliximab = await makeDrug(database.db, { hcpcs: "J1745", billingUnitQuantity: 10, billingUnit: "mg" });
  await database.db
    .update(s.regimens)
    .set({ drugId: infliximab.id, doseValue: 5, doseUnit: "mg", doseBasis: "per_kg" })
    .where(eq(s.regimens.id, graph.regimenId));
  await database.db
    .insert(s.patientWeights)
    .values({ organizationId: graph.organizationId, patientId: graph.patientId, measuredOn: "2026-03-10", weightKg: 80 });
  await database.db.update(s.administrations).set({ drugId: infliximab.id, doseValue: 362.5, doseUnit: "mg" });
  const [encounter] = await database.db.select().from(s.encounters).where(eq(s.encounters.organizationId, graph.organizationId));
  await database.db.update(s.encounters).set({ dateOfService: "2026-01-20" }).where(eq(s.encounters.id, encounter!.id));
  const [regimenVisit] = await database.db.select().from(s.scheduledInfusions).where(eq(s.scheduledInfusions.regimenId, graph.regimenId));
  await database.db
    .update(s.scheduledInfusions)
    .set({ scheduledAt: new Date("2026-03-17T14:00:00Z") })
    .where(eq(s.scheduledInfusions.id, regimenVisit!.id));
  await database.db.insert(s.scheduledInfusions).values({
    organizationId: graph.organizationId,
    patientId: graph.patientId,
    regimenId: graph.regimenId,
    facilityId: graph.facilityId,
    scheduledAt: new Date("2026-05-12T14:00:00Z"),
  });

  engine = new EmbeddedEngine(database.db, { clock: () => now, log: () => {} });
  const actor = { userId: graph.userId, role: "coordinator" as const };
  for (const command of [
    createCaseCommand(graph, {
      regimenId: graph.regimenId,
      patient: { patientId: graph.patientId },
      lines: [
        { hcpcs: "J1745", dose: { value: 5, unit: "mg", basis: "per_kg" }, route: "iv_infusion", intervalDays: 56, unitsPerDose: 40, administrations: 3 },
      ],
    }),
    { type: "submit", channel: "fax", proofReference: "fax-1" },
    {
      type: "record-decision",
      outcome: "approved",
      authorizationNumber: "AUTH-L1",
      effectiveFrom: "2026-01-15",
      effectiveTo: "2026-07-14",
      lines: [{ lineNumber: 1, authorizedUnits: 120, mappedHcpcs: [] }],
    },
  ]) {
    const outcome = await engine.execute({ organizationId: graph.organizationId, actor, command: { caseId, ...command } });
    if (!outcome.ok) throw new Error(outcome.error.message);
  }
});
afterAll(async () => database?.destroy());

const entries = () => database.db.select().from(s.unitLedgerEntries).where(eq(s.unitLedgerEntries.caseId, caseId));

describe("unit ledger sync", () => {
  it("is queued by the approval and builds the ledger in billing units when the outbox is delivered", async () => {
    const [queued] = await database.db
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.topic, "ledger-sync"), eq(s.outbox.organizationId, graph.organizationId)));
    expect(queued?.payload).toEqual({ caseId });
    await engine.sweepOnce();
    const rows = await entries();
    // Given 362.5 mg on 2026-01-20 → 37 units; scheduled at 5 mg/kg × 80 kg = 400 mg → 40 units, twice.
    expect(rows.map((r) => [r.kind, r.units, r.occurredOn]).sort()).toEqual(
      [
        ["administered", -37, "2026-01-20"],
        ["scheduled", -40, "2026-03-17"],
        ["scheduled", -40, "2026-05-12"],
      ].sort(),
    );
    const state = await engine.readCase(graph.organizationId, caseId);
    expect(state?.usage?.lines).toEqual([expect.objectContaining({ lineNumber: 1, usedUnits: 37 })]);
    const [row] = await database.db.select().from(s.authorizationCases).where(eq(s.authorizationCases.id, caseId));
    expect(row?.usedQuantity).toBe(37);
  });

  it("trues up against a released claim line, and a second sync changes nothing", async () => {
    // The January visit was billed at 37 units (claim released).
    await database.db.update(s.claims).set({ status: "released", releasedAt: now }).where(eq(s.claims.id, graph.claimId));
    await database.db
      .update(s.claimLines)
      .set({ code: "J1745", units: 37, dateOfService: "2026-01-20", modifiers: ["JZ"] })
      .where(eq(s.claimLines.claimId, graph.claimId));
    now = new Date("2026-03-02T15:00:00Z");
    const first = await engine.syncLedger(graph.organizationId, caseId);
    expect(first.problems).toEqual([]);
    const kinds = (await entries()).map((r) => r.kind).sort();
    expect(kinds).toEqual(["administered", "billed", "reversal", "scheduled", "scheduled"]);
    const state = await engine.readCase(graph.organizationId, caseId);
    expect(state?.usage?.lines[0]?.usedUnits).toBe(37);

    const before = (await entries()).length;
    await engine.syncLedger(graph.organizationId, caseId);
    expect((await entries()).length).toBe(before);
  });
});
