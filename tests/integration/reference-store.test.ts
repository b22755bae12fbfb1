// CMS reference files in a real database: loaded in one transaction, replaced per quarter, kept when an import
// fails, read back per date of service into the same CodingReference the engine gets from the files themselves.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { count, eq, sql } from "drizzle-orm";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { REFERENCE_SAMPLES, referenceSamplePath } from "../../db/reference-samples";
import { codeEncounter, type EncounterInput } from "~/coding";
import { parseReferenceFile } from "~/reference/reference-file";
import { importReferenceFile, listReferenceImports, loadReferenceSet, storeReferenceFile } from "~/reference/store.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { databaseError } from "../support/errors";
import { at, fixtureReference, infusion, makeDrug, makeEncounter, push } from "../unit/coding/support";

let database: TestDatabase;
const bytes = (file: string) => new Uint8Array(readFileSync(referenceSamplePath(file)));

beforeAll(async () => {
  database = await createTestDatabase("reference");
  for (const sample of REFERENCE_SAMPLES) {
    const result = await importReferenceFile(database.db, { kind: sample.kind, table: sample.table, bytes: bytes(sample.file), fileName: sample.file });
    if (!result.ok) throw new Error(`${sample.file}: ${result.error.message}`);
  }
});
afterAll(async () => database?.destroy());

const sdv = (hcpcs: string, dose: number, vials: number[]) => makeDrug(hcpcs, dose, { singleDose: true, vials: vials.map((quantity) => ({ quantity, unit: "mg" as const })) });

/** A spread of visits touching every table: drug units and waste, crosswalk NDCs, MUE and PTP edits, both settings. */
const visits: Partial<EncounterInput>[] = [
  { administrations: [infusion("a1", "therapeutic", "09:00", 105, { primary: true, drug: sdv("J1745", 350, [100]) }), push("p1", "therapeutic", "08:50", makeDrug("J1200", 25, { ndc: "12345-0120-01" }))] },
  { setting: "facility", administrations: [infusion("c1", "chemotherapy", "09:00", 245, { drug: makeDrug("J9271", 200) }), infusion("c2", "therapeutic", "09:30", 60, { drug: makeDrug("J0640", 400) })] },
  { administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: makeDrug("J1745", 1600) }), { id: "i1", kind: "therapeutic", route: "intramuscular", start: "2025-03-04T10:30", stop: "2025-03-04T10:31", drug: makeDrug("J2405", 12) }] },
  { setting: "facility", administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: sdv("J9312", 750, [100, 500]) }), infusion("h1", "hydration", "10:00", 120)] },
  { dateOfService: "2024-11-12", administrations: [infusion("a1", "therapeutic", "09:00", 60, { start: at("09:00", 0, "2024-11-12"), stop: at("09:00", 60, "2024-11-12"), drug: makeDrug("J9022", 1200, { ndc: "50242-0917-01" }) })] },
];

describe("loading the sample files", () => {
  it("records every file with its quarter, rows loaded and rejected rows with their line numbers", async () => {
    const imports = await listReferenceImports(database.db);
    expect(imports.map((i) => `${i.kind}/${i.table || "-"}/${i.effectiveFrom}`).sort()).toEqual(
      ["asp/-/2024-10-01", "asp/-/2025-01-01", "crosswalk/-/2025-01-01", "mue/outpatient-hospital/2025-01-01", "mue/practitioner/2025-01-01", "ptp/hospital/2025-01-01", "ptp/practitioner/2025-01-01"].sort(),
    );
    const asp = imports.find((i) => i.kind === "asp" && i.effectiveFrom === "2025-01-01");
    expect(asp?.rejected.map((r) => r.line)).toEqual([43, 44, 46]);
    const [rows] = await database.db.select({ n: count() }).from(s.aspPrices).where(eq(s.aspPrices.importId, asp!.id));
    expect(rows?.n).toBe(asp?.rowsLoaded);
    expect(asp?.rowsLoaded).toBeGreaterThan(30);
  });

  it("codes every visit exactly as the reference built from the files does", async () => {
    const reference = await loadReferenceSet(database.db, { dateOfService: visits.map((v) => v.dateOfService ?? "2025-03-04") });
    for (const visit of visits) {
      const encounter = makeEncounter(visit);
      expect(codeEncounter(encounter, reference)).toEqual(codeEncounter(encounter, fixtureReference()));
    }
    const claim = codeEncounter(makeEncounter(visits[0]), reference);
    expect(claim.lines.filter((l) => l.code === "J1745").map((l) => `${l.units}${l.modifiers.join("")}`)).toEqual(["35", "5JW"]);
    expect(codeEncounter(makeEncounter(visits[2]), reference).findings.map((f) => f.rule)).toContain("EDIT_MUE_EXCEEDED");
  });

  it("keeps each quarter: a date of service reads the file in force that day", async () => {
    const october = await loadReferenceSet(database.db, { dateOfService: "2024-11-12" });
    const january = await loadReferenceSet(database.db, { dateOfService: "2025-02-10" });
    expect(october.drug("J9022", "2024-11-12")).toBeUndefined();
    expect(january.drug("J9022", "2025-02-10")?.billingUnit).toEqual({ value: 10, unit: "mg" });
    // No PTP or MUE file is loaded for 2024 Q4: no edits, rather than edits from another quarter.
    expect(october.mue("practitioner", "J1745", "2024-11-12")).toBeUndefined();
    expect(january.mue("practitioner", "J1745", "2025-02-10")).toMatchObject({ value: 150, adjudicationIndicator: 3 });
  });
});

describe("re-importing and failing", () => {
  const file = "asp-pricing-2025-01.csv";

  it("re-importing a quarter replaces it: one import per quarter, the new rows only", async () => {
    const text = readFileSync(referenceSamplePath(file), "latin1").replace(/^J1745,[^\r\n]*\r?\n/m, "").replace(/^(J9271,[^,]*,)1 MG,/m, "$12 MG,");
    const result = await importReferenceFile(database.db, { kind: "asp", bytes: new Uint8Array(Buffer.from(text, "latin1")), fileName: file });
    expect(result.ok && result.stored.replaced).toBe(true);
    const quarters = await database.db.select().from(s.referenceImports).where(sql`${s.referenceImports.kind} = 'asp' and ${s.referenceImports.effectiveFrom} = '2025-01-01'`);
    expect(quarters).toHaveLength(1);
    const reference = await loadReferenceSet(database.db, { dateOfService: "2025-03-04" });
    expect(reference.drug("J9271", "2025-03-04")?.billingUnit).toEqual({ value: 2, unit: "mg" });
    // J1745 left the ASP file: the seed catalog's billing unit answers, as for any drug the quarter lacks.
    expect(reference.drug("J1745", "2025-03-04")?.billingUnitText).toBe("10 MG");
    // The other quarter is untouched.
    expect((await loadReferenceSet(database.db, { dateOfService: "2024-12-01" })).drug("J9271", "2024-12-01")?.billingUnit).toEqual({ value: 1, unit: "mg" });
    await importReferenceFile(database.db, { kind: "asp", bytes: bytes(file), fileName: file });
  });

  it("a failed import leaves what was there", async () => {
    const before = await listReferenceImports(database.db);
    const parsed = parseReferenceFile("crosswalk", bytes("asp-crosswalk-2025-01.csv"));
    if (!parsed.ok || parsed.file.kind !== "crosswalk") throw new Error("the sample crosswalk must parse");
    const file = parsed.file;
    // A row the database refuses (the crosswalk's NDC check) after thousands of good ones: all or nothing.
    const good = Array.from({ length: 4500 }, (_, i) => ({ ...file.rows[0]!, line: 100 + i, ndc11: String(10_000_000_000 + i) }));
    const broken = { ...file, rows: [...good, { ...file.rows[1]!, ndc11: "123" }] };
    expect(await databaseError(storeReferenceFile(database.db, broken, { fileName: "broken.csv", bytes: "broken" }))).toMatch(/ndc_crosswalk_ndc11_format/);
    expect(await listReferenceImports(database.db)).toEqual(before);
    const [rows] = await database.db.select({ n: count() }).from(s.ndcCrosswalk);
    expect(rows?.n).toBe(file.rows.length);
  });

  it("rejects a row that repeats another row's key, naming the line it repeats", async () => {
    const text = readFileSync(referenceSamplePath("mue-practitioner-2025q1.csv"), "latin1") + '"J1745","200","3 Date of Service Edit: Clinical","Repeated"\r\n';
    const result = await importReferenceFile(database.db, { kind: "mue", bytes: new Uint8Array(Buffer.from(text, "latin1")), fileName: "mue-practitioner-2025q1.csv" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.stored.rejected.at(-1)).toMatchObject({ line: 17, reason: "code J1745 repeats line 5" });
    expect((await loadReferenceSet(database.db, { dateOfService: "2025-03-04" })).mue("practitioner", "J1745", "2025-03-04")?.value).toBe(150);
  });

  it("answers a clear error for a file of the wrong kind, and stores nothing", async () => {
    const result = await importReferenceFile(database.db, { kind: "ptp", table: "practitioner", bytes: bytes("asp-pricing-2025-01.csv"), fileName: "asp-pricing-2025-01.csv" });
    expect(result).toMatchObject({ ok: false, error: { code: "HEADER_NOT_FOUND" } });
  });
});

describe("tenants read the files, never write them", () => {
  it("app_user can read the loaded files and the reference set, and is refused a write", async () => {
    const organizationId = randomUUID();
    const reference = await withTenant(database.db, organizationId, (tx) => loadReferenceSet(tx, { dateOfService: "2025-03-04" }));
    expect(reference.ptp("practitioner", "96365", "96372", "2025-03-04")?.modifierIndicator).toBe("1");
    expect(await databaseError(withTenant(database.db, organizationId, (tx) => tx.delete(s.mueLimits)))).toMatch(/permission denied/);
  });
});
