// "Booked beyond authorization": every upcoming visit of a regimen checked with coverage() as a scheduled visit —
// units that run out before a visit (counting the doses booked ahead of it), dates past the end, the wrong site,
// a superseded authorization, a regimen-change hold — and the case page's header projecting when units run out.
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { loadCasePage } from "~/case-page.server";
import { installDatabaseHandle } from "~/db.server";
import { EmbeddedEngine } from "~/engine/embedded.server";
import { upcomingInfusionCoverage } from "~/upcoming-coverage.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createCaseCommand, makeDrug, makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
let graph: TenantGraph;
let engine: EmbeddedEngine;
const now = new Date("2026-03-01T15:00:00Z");
const caseId = "00000000-0000-4000-b000-0000000000c1";
let hospitalId: string;
const actor = () => ({ userId: graph.userId, role: "coordinator" as const });

async function run(command: Record<string, unknown>, id = caseId) {
  const outcome = await engine.execute({ organizationId: graph.organizationId, actor: actor(), command: { caseId: id, ...command } });
  if (!outcome.ok) throw new Error(`${String(command.type)}: ${outcome.error.message}`);
  return outcome;
}

async function visit(at: string, facilityId = graph.facilityId) {
  await database.db.insert(s.scheduledInfusions).values({ organizationId: graph.organizationId, patientId: graph.patientId, regimenId: graph.regimenId, facilityId, scheduledAt: new Date(at) });
}

const upcoming = () => withTenant(database.db, graph.organizationId, (tx) => upcomingInfusionCoverage(tx, { organizationId: graph.organizationId, caseId, from: now, days: 180 }));
const byDate = async () => Object.fromEntries((await upcoming()).map((v) => [v.date, v]));

beforeAll(async () => {
  database = await createTestDatabase("upcoming_coverage");
  installDatabaseHandle(database);
  graph = await makeTenantGraph(database.db, "Upcoming");
  // Infliximab 5 mg/kg every 4 weeks at the infusion suite; 80 kg from 10 March: 400 mg = 40 units a visit.
  const infliximab = await makeDrug(database.db, { hcpcs: "J1745", billingUnitQuantity: 10, billingUnit: "mg" });
  await database.db.update(s.regimens).set({ drugId: infliximab.id, doseValue: 5, doseUnit: "mg", doseBasis: "per_kg", intervalDays: 28 }).where(eq(s.regimens.id, graph.regimenId));
  await database.db.insert(s.patientWeights).values({ organizationId: graph.organizationId, patientId: graph.patientId, measuredOn: "2026-03-10", weightKg: 80 });
  // The graph's own visit (4 March, before the weight of 10 March: 72.5 kg → 37 units) stays; the rest are added.
  await database.db.update(s.scheduledInfusions).set({ scheduledAt: new Date("2026-03-17T14:00:00Z") }).where(eq(s.scheduledInfusions.regimenId, graph.regimenId));
  for (const at of ["2026-04-14T14:00:00Z", "2026-05-12T14:00:00Z", "2026-06-09T14:00:00Z", "2026-08-04T14:00:00Z"]) await visit(at);
  const [hospital] = await database.db
    .insert(s.facilities)
    .values({ organizationId: graph.organizationId, name: "Upcoming Hospital Outpatient", siteOfCare: "hopd_on_campus", placeOfService: "22", npi: "1999999999", tin: "123456789" })
    .returning();
  hospitalId = hospital!.id;
  await visit("2026-07-07T14:00:00Z", hospitalId);
  // The graph's administration (4 March) is not of this drug: nothing is used yet.
  await database.db.update(s.administrations).set({ drugId: null, doseValue: null, doseUnit: null });

  engine = new EmbeddedEngine(database.db, { clock: () => now, log: () => {} });
  await run(
    createCaseCommand(graph, {
      regimenId: graph.regimenId,
      facility: { facilityId: graph.facilityId, npi: graph.facilityNpi, tin: graph.facilityTin, siteOfCare: "ambulatory_infusion_center", placeOfService: "11", timeZone: "America/New_York" },
      lines: [{ hcpcs: "J1745", dose: { value: 5, unit: "mg", basis: "per_kg" }, route: "iv_infusion", intervalDays: 28, unitsPerDose: 40, administrations: 3 }],
    }),
  );
  await run({ type: "submit", channel: "fax", proofReference: "fax-1" });
  await run({ type: "record-decision", outcome: "approved", authorizationNumber: "AUTH-U1", effectiveFrom: "2026-01-15", effectiveTo: "2026-07-14", lines: [{ lineNumber: 1, authorizedUnits: 120 }] });
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

describe("upcoming infusion coverage", () => {
  it("covers the visits the units last for and names what fails on the others, before the ledger has stored them", async () => {
    const visits = await byDate();
    expect(Object.keys(visits)).toEqual(["2026-03-17", "2026-04-14", "2026-05-12", "2026-06-09", "2026-07-07", "2026-08-04"]);
    expect(visits["2026-03-17"]).toMatchObject({ hcpcs: "J1745", units: 40, drug: "infliximab", result: { covered: true, caseId, authorizationNumber: "AUTH-U1", lineNumber: 1 } });
    expect(visits["2026-04-14"]!.result.covered).toBe(true);
    expect(visits["2026-05-12"]!.result.covered).toBe(true);
    // 120 units: three visits of 40 use them all, so the fourth is beyond what is authorized.
    expect(visits["2026-06-09"]!.result).toMatchObject({ covered: false, failures: [{ field: "units", reason: "units-exceeded" }] });
    expect(visits["2026-06-09"]!.result.failures[0]!.message).toMatch(/exceed the 0 left .*3 doses booked before/);
    // Booked at the hospital: the wrong site, and no units left either.
    const hospital = visits["2026-07-07"]!;
    expect(hospital.facility).toBe("Upcoming Hospital Outpatient");
    expect(hospital.result.failures.map((f) => f.field).sort()).toEqual(["provider", "site", "units"]);
    // After the end date.
    expect(visits["2026-08-04"]!.result.failures.map((f) => f.reason)).toContain("outside-dates");
  });

  it("gives the same answer once the ledger has the scheduled doses, and the header projects when the units run out", async () => {
    await engine.sweepOnce(); // the approval's ledger sync
    const visits = await byDate();
    expect(Object.values(visits).map((v) => v.result.covered)).toEqual([true, true, true, false, false, false]);
    expect(visits["2026-06-09"]!.result.failures[0]!.reason).toBe("units-exceeded");

    const page = await loadCasePage(graph.organizationId, caseId, now);
    expect(page!.lines[0]).toMatchObject({ doseValue: 5, doseUnit: "mg", doseBasis: "per_kg", intervalDays: 28 });
    // The ledger books every visit of the regimen inside the window, the hospital one too.
    expect(page!.ledger).toMatchObject({ authorized: 120, used: 0, remaining: 120, bookedDoses: 5, booked: 200, projectedExhaustionOn: "2026-05-12", firstUncoveredOn: "2026-06-09", exhaustsBeforeEnd: true });
    expect(page!.upcoming.filter((v) => !v.result.covered)).toHaveLength(3);
  });

  it("warns about every visit after a regimen change that the authorization no longer covers, until the revision is approved", async () => {
    await run({
      type: "record-regimen-change",
      revisedCaseId: "00000000-0000-4000-b000-0000000000c2",
      newRegimen: { regimenId: graph.regimenId, lineNumber: 1, hcpcs: "J1745", dose: { value: 10, unit: "mg", basis: "per_kg" }, route: "iv_infusion", unitsPerDose: 80, intervalDays: 28, administrations: 3, siteOfCare: "ambulatory_infusion_center", effectiveFrom: "2026-04-14" },
    });
    const visits = await byDate();
    expect(visits["2026-03-17"]!.result.covered).toBe(true);
    // From the change on, the visit needs 80 units and the case holds it for the revised request.
    expect(visits["2026-04-14"]).toMatchObject({ units: 80 });
    expect(visits["2026-04-14"]!.result.failures.map((f) => f.reason)).toContain("regimen-change-hold");
    await engine.sweepOnce(); // opens the revised request (a linked command)
    const revised = await engine.readCase(graph.organizationId, "00000000-0000-4000-b000-0000000000c2");
    expect(revised).toMatchObject({ status: "draft", certificationType: "revised", links: { predecessorCaseId: caseId } });
  });

  it("says a superseded authorization no longer covers the visits from the day it was replaced, and points at its successor", async () => {
    const other = "00000000-0000-4000-b000-0000000000c3";
    await run(createCaseCommand(graph, { regimenId: graph.regimenId }), other);
    await run({ type: "supersede", successorCaseId: other, from: "2026-03-20", reason: "renewal" });
    const visits = await byDate();
    expect(visits["2026-03-17"]!.result.covered).toBe(true);
    // From 20 March the closest authorizations are the requests that replace it, which the payer has not approved yet.
    const after = visits["2026-04-14"]!.result;
    expect(after).toMatchObject({ covered: false, failures: [{ field: "status", reason: "authorization-pending" }] });
    expect([other, "00000000-0000-4000-b000-0000000000c2"]).toContain(after.caseId);
  });

  it("keeps to the organization and the case's regimen", async () => {
    const stranger = await makeTenantGraph(database.db, "Stranger");
    const theirs = await withTenant(database.db, stranger.organizationId, (tx) => upcomingInfusionCoverage(tx, { organizationId: stranger.organizationId, caseId, from: now, days: 180 }));
    expect(theirs).toEqual([]);
    const patientWide = await withTenant(database.db, graph.organizationId, (tx) => upcomingInfusionCoverage(tx, { organizationId: graph.organizationId, patientId: graph.patientId, from: now, days: 30 }));
    expect(patientWide.map((v) => v.date)).toEqual(["2026-03-17"]);
  });
});
