// A day's visits imported from the infusion system's CSV on real Postgres: a good file creates the visits, a bad
// row saves nothing and is named by row, column and expectation, and re-importing the same visit ids never duplicates.
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { importVisitsCsv, formatRowError } from "~/encounter-import.server";
import { installDatabaseHandle } from "~/db.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeDrug, makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
let graph: TenantGraph;
let mrn: string;

const HEADER = "visit_id,mrn,date_of_service,facility_npi,rendering_npi,diagnoses,weight_kg,administration_id,kind,route,start,stop,primary,hcpcs,ndc,dose,dose_unit,vial_size,vials_used,container,waste";

function csv(rows: string[][]): string {
  return [HEADER, ...rows.map((r) => r.join(","))].join("\n") + "\n";
}

/** Two visits: V-100 (a push, then infliximab) and V-101 (infliximab only). */
function goodRows(): string[][] {
  const visit = (id: string) => [id, mrn, "2026-03-04", graph.facilityNpi, graph.providerNpi, "K50.90", "72.5"];
  return [
    [...visit("V-100"), "p1", "therapeutic", "iv-push", "08:50", "08:52", "", "J1200", "12345-0120-01", "25", "mg", "", "", "", ""],
    [...visit("V-100"), "a1", "therapeutic", "iv-infusion", "09:00", "10:45", "yes", "J1745", "57894-0030-01", "362.5", "mg", "100", "4", "single-dose", ""],
    [...visit("V-101"), "a1", "therapeutic", "iv-infusion", "13:00", "14:10", "yes", "J1745", "57894-0030-01", "350", "mg", "100", "4", "single-dose", "50"],
  ];
}

const importing = (text: string) => importVisitsCsv(database.db, { organizationId: graph.organizationId, text });
const encounterCount = async () => (await database.db.select().from(s.encounters).where(eq(s.encounters.organizationId, graph.organizationId))).length;

beforeAll(async () => {
  database = await createTestDatabase("encounter_import");
  installDatabaseHandle(database);
  graph = await makeTenantGraph(database.db, "Import");
  await makeDrug(database.db, { hcpcs: "J1745", billingUnitQuantity: 10, billingUnit: "mg" });
  await makeDrug(database.db, { hcpcs: "J1200", shortName: "diphenhydramine", genericName: "diphenhydramine", billingUnitQuantity: 50, billingUnit: "mg" });
  const [patient] = await database.db.select().from(s.patients).where(eq(s.patients.id, graph.patientId));
  mrn = patient!.mrn;
});

afterAll(async () => {
  installDatabaseHandle(undefined);
  await database.destroy();
});

describe("importVisitsCsv", () => {
  it("rejects the whole file when one row is bad, naming the row, the column and what was expected", async () => {
    const before = await encounterCount();
    const rows = goodRows();
    rows[1]![15] = "lots"; // row 3: dose
    rows[2]![10] = "1pm"; // row 4: start
    const result = await importing(csv(rows));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatRowError)).toEqual(['row 3, column dose: expected a number, got "lots"', "row 4, column start: Enter the time as HH:MM"]);
    // The good visit V-100's first row was not saved on its own either.
    expect(await encounterCount()).toBe(before);
  });

  it("reports unknown patients, facilities, drugs and disagreeing visit rows by their cells", async () => {
    const rows = goodRows();
    rows[0]![1] = "NOPE-1";
    rows[1]![1] = "NOPE-1";
    rows[2]![13] = "J0000";
    rows[2]![2] = "2026-02-30";
    const result = await importing(csv(rows));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatRowError)).toEqual([
      'row 2, column mrn: expected the MRN of a patient of this organization: no patient has MRN "NOPE-1"',
      'row 4, column date_of_service: expected a date "YYYY-MM-DD"',
    ]);
    const drugOnly = goodRows();
    drugOnly[2]![13] = "J0000";
    const second = await importing(csv(drugOnly));
    expect(second.ok ? [] : second.errors.map(formatRowError)).toEqual(["row 4, column hcpcs: expected a HCPCS code in the drug catalog: J0000 is not in it"]);
    const disagreeing = goodRows();
    disagreeing[1]![2] = "2026-03-05";
    const third = await importing(csv(disagreeing));
    expect(third.ok ? [] : third.errors.map(formatRowError)).toEqual([
      'row 3, column date_of_service: expected "2026-03-04" as on row 2: every row of visit V-100 must agree on the visit\'s date_of_service',
    ]);
    expect(await encounterCount()).toBe(1); // the graph's own encounter only
  });

  it("says which columns are missing or unknown in the header", async () => {
    const result = await importing("visit_id,mrn,dose_size\nV-1,M1,3\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ row: 1, column: "file", message: expect.stringContaining('unknown column "dose_size"') as string });
    expect(result.errors.map((e) => e.message)).toContain('missing column "date_of_service" (YYYY-MM-DD)');
  });

  it("imports a good file as one visit per visit id with its administrations, and re-importing it changes nothing", async () => {
    const first = await importing(csv(goodRows()));
    expect(first).toMatchObject({ ok: true, created: 2, updated: 0, unchanged: 0 });
    if (!first.ok) return;
    const v100 = first.visits.find((v) => v.visitId === "V-100")!;
    const administrations = await database.db.select().from(s.administrations).where(eq(s.administrations.encounterId, v100.encounterId));
    expect(administrations.map((a) => a.externalId).sort()).toEqual(["a1", "p1"]);
    expect(administrations.find((a) => a.externalId === "a1")).toMatchObject({ ndc11: "57894003001", doseValue: 362.5, isPrimary: true, singleDose: true, vials: [{ quantity: 100, unit: "mg", count: 4 }] });
    const [encounter] = await database.db.select().from(s.encounters).where(eq(s.encounters.id, v100.encounterId));
    expect(encounter).toMatchObject({ externalVisitId: "V-100", status: "documented", dateOfService: "2026-03-04" });

    const count = await encounterCount();
    const again = await importing(csv(goodRows()));
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 2 });
    expect(await encounterCount()).toBe(count);

    // A corrected file updates the visit in place.
    const corrected = goodRows();
    corrected[2]![11] = "14:20";
    const third = await importing(csv(corrected));
    expect(third).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: 1 });
    expect(await encounterCount()).toBe(count);
    const v101 = first.visits.find((v) => v.visitId === "V-101")!;
    const [stopped] = await database.db.select().from(s.administrations).where(eq(s.administrations.encounterId, v101.encounterId));
    expect(stopped!.stoppedAt?.toISOString()).toBe("2026-03-04T19:20:00.000Z");
  });
});
