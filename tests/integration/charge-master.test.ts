// The charge master on real Postgres: coding a stored visit prices its lines from the price list in force on the
// date of service (a later version only from its date), a code with no charge is billed at 0 with an info finding
// that does not hold the claim, and a price list upload with a bad cell names row and column and saves nothing.
import { asc, eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { evaluateClaim } from "~/billing/gate.server";
import { formatChargeRowError } from "~/billing/charges";
import { importChargeMasterCsv } from "~/billing/charges.server";
import { installDatabaseHandle } from "~/db.server";
import { codeStoredEncounter, prefillFromRegimen, saveEncounter } from "~/encounters.server";
import type { EncounterFormInput } from "~/forms/encounter";
import { action as chargeMasterAction, loader as chargeMasterLoader } from "~/routes/_app.settings_.charge-master";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeDrug, makeTenantGraph, type TenantGraph } from "../support/factories";
import { getAs, sessionCookie, settle, type Identity } from "../support/requests";

let database: TestDatabase;
let graph: TenantGraph;
let admin: Identity;
let biller: Identity;

const org = () => ({ organizationId: graph.organizationId });
const importing = (text: string) => importChargeMasterCsv(database.db, { ...org(), userId: graph.userId, text });
const entries = () => database.db.select().from(s.chargeMasterEntries).where(eq(s.chargeMasterEntries.organizationId, graph.organizationId)).orderBy(asc(s.chargeMasterEntries.code), asc(s.chargeMasterEntries.effectiveFrom));

/** The regimen's infliximab visit on `day`, charted 09:00–10:45 (362.5 mg: 37 units given, 3 wasted), saved and coded. */
async function codedVisit(day: string) {
  const prefilled = await prefillFromRegimen(database.db, { ...org(), patientId: graph.patientId, dateOfService: day });
  const input: EncounterFormInput = { ...prefilled, administrations: [{ ...prefilled.administrations[0]!, start: "09:00", stop: "10:45" }] };
  const { encounterId } = await saveEncounter(database.db, { ...org(), input });
  const coded = await codeStoredEncounter(database.db, { ...org(), encounterId });
  const [claim] = await database.db.select().from(s.claims).where(eq(s.claims.id, coded.claimId));
  const lines = await database.db.select().from(s.claimLines).where(eq(s.claimLines.claimId, coded.claimId)).orderBy(asc(s.claimLines.lineNumber));
  const findings = await database.db.select().from(s.claimFindings).where(eq(s.claimFindings.claimId, coded.claimId));
  return { coded, claim: claim!, lines, findings };
}

beforeAll(async () => {
  database = await createTestDatabase("charge_master");
  installDatabaseHandle(database);
  // The graph's charge master has J1745 at $95.00 per unit from 2026-01-01.
  graph = await makeTenantGraph(database.db, "Charges", { role: "admin" });
  admin = { userId: graph.userId, organizationId: graph.organizationId };
  const [user] = await database.db.insert(s.users).values({ email: "biller-charges@example.test", name: "Bea Biller", passwordHash: "not-a-hash" }).returning();
  await database.db.insert(s.memberships).values({ organizationId: graph.organizationId, userId: user!.id, role: "biller" });
  biller = { userId: user!.id, organizationId: graph.organizationId };
  const infliximab = await makeDrug(database.db, { hcpcs: "J1745", billingUnitQuantity: 10, billingUnit: "mg" });
  await database.db.insert(s.ndcPackages).values({ drugId: infliximab.id, ndc11: "57894003001", labeler: "Janssen", description: "100 mg vial", vialQuantity: 100, vialUnit: "mg", singleDose: true, billingUnitsPerPackage: 10 });
  await database.db.update(s.regimens).set({ drugId: infliximab.id }).where(eq(s.regimens.id, graph.regimenId));
});

afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

describe("importChargeMasterCsv", () => {
  it("names each bad cell by row and column with what was expected, and saves nothing", async () => {
    const before = await entries();
    const result = await importing(
      [
        "code,unit_charge,effective_from,effective_to,description",
        "96365,240.00,2026-01-01,,IV infusion initial hour",
        "96366,abc,2026-01-01,,",
        "9636,65.00,2026-13-01,,",
        "96366,65.00,2026-02-01,2026-01-15,",
      ].join("\n"),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatChargeRowError)).toEqual([
      'row 3, unit_charge: expected an amount like 95.00, got "abc"',
      'row 4, code: expected a HCPCS or CPT code like J1745 or 96365, got "9636"',
      'row 4, effective_from: expected a date like 2026-01-01, got "2026-13-01"',
      'row 5, effective_to: expected a date on or after effective_from (2026-02-01), got "2026-01-15"',
    ]);
    expect(await entries()).toEqual(before);
  });

  it("refuses a version that overlaps one on file or another row, naming the row, and saves none of the file", async () => {
    const before = await entries();
    const result = await importing(["code,unit_charge,effective_from,effective_to", "96365,240.00,2026-01-01,", "J1745,99.00,2025-06-01,2026-02-28", "96365,250.00,2026-01-01,"].join("\n"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatChargeRowError)).toEqual([
      "row 3, effective_to: J1745 from 2025-06-01 to 2026-02-28 (row 3) overlaps the version from 2026-01-01 (on file): expected J1745's versions not to overlap",
      "row 4, effective_from: 96365 already has a version from 2026-01-01 (row 2): expected one version per start date",
    ]);
    expect(await entries()).toEqual(before);
  });

  it("adds a good file in one go, ending the open version on file the day before a later one starts", async () => {
    const result = await importing(
      ["code,unit_charge,effective_from,description", "96365,240.00,2026-01-01,IV infusion initial hour", "96366,$65,2026-01-01,IV infusion each additional hour", "J1745,120.50,2026-03-05,Infliximab 10 mg"].join("\n"),
    );
    expect(result).toEqual({ ok: true, added: 3, ended: 1 });
    expect((await entries()).map((e) => [e.code, e.unitChargeCents, e.effectiveFrom, e.effectiveTo, e.createdById])).toEqual([
      ["96365", 24_000, "2026-01-01", null, graph.userId],
      ["96366", 6_500, "2026-01-01", null, graph.userId],
      ["J1745", 9_500, "2026-01-01", "2026-03-04", graph.userId],
      ["J1745", 12_050, "2026-03-05", null, graph.userId],
    ]);
    const audit = await database.db.select().from(s.auditLog).where(eq(s.auditLog.action, "charge-master.imported"));
    expect(audit).toHaveLength(1);
  });
});

describe("coding a stored visit", () => {
  it("prices each line as units × the charge in force on the date of service, and totals the claim", async () => {
    const { claim, lines, coded } = await codedVisit("2026-03-04");
    const byCode = Object.fromEntries(lines.map((l) => [`${l.code}${l.modifiers.includes("JW") ? "-JW" : ""}`, { units: l.units, chargeCents: l.chargeCents }]));
    expect(byCode).toMatchObject({
      J1745: { units: 37, chargeCents: 37 * 9_500 },
      "J1745-JW": { units: 3, chargeCents: 3 * 9_500 },
      "96365": { units: 1, chargeCents: 24_000 },
      "96366": { units: 1, chargeCents: 6_500 },
    });
    expect(claim.totalChargeCents).toBe(lines.reduce((sum, l) => sum + l.chargeCents, 0));
    expect(claim.totalChargeCents).toBe(40 * 9_500 + 24_000 + 6_500);
    expect(coded.claim.findings.some((f) => f.rule === "CHARGE_NOT_ON_FILE")).toBe(false);
  });

  it("applies the later version only from its date", async () => {
    const { claim, lines } = await codedVisit("2026-03-05");
    expect(lines.filter((l) => l.code === "J1745").map((l) => l.chargeCents)).toEqual([37 * 12_050, 3 * 12_050]);
    expect(claim.totalChargeCents).toBe(40 * 12_050 + 24_000 + 6_500);
  });

  it("bills a code with no charge on file at 0 with an info finding, which does not hold the claim at the gate", async () => {
    // A hydration-only visit: 96360 has no charge on file, and no drug line needs an authorization.
    const prefilled = await prefillFromRegimen(database.db, { ...org(), patientId: graph.patientId, dateOfService: "2026-03-06" });
    const input: EncounterFormInput = { ...prefilled, administrations: [{ id: "h1", kind: "hydration", route: "iv-infusion", start: "09:00", stop: "10:00", primary: true }] };
    const { encounterId } = await saveEncounter(database.db, { ...org(), input });
    const coded = await codeStoredEncounter(database.db, { ...org(), encounterId });
    const lines = await database.db.select().from(s.claimLines).where(eq(s.claimLines.claimId, coded.claimId));
    expect(lines.map((l) => [l.code, l.chargeCents])).toEqual([["96360", 0]]);
    const findings = await database.db.select().from(s.claimFindings).where(eq(s.claimFindings.claimId, coded.claimId));
    expect(findings.filter((f) => f.rule === "CHARGE_NOT_ON_FILE").map((f) => [f.severity, f.lineNumber, f.message])).toEqual([
      ["info", 1, "No charge on file for 96360 on 2026-03-06: add it to the charge master under Settings."],
    ]);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    const evaluation = await evaluateClaim(database.db, { ...org(), claimId: coded.claimId, now: new Date("2026-03-07T15:00:00Z") });
    expect(evaluation).toMatchObject({ status: "released", openHolds: [] });
  });
});

describe("Settings → Charge master", () => {
  const args = (request: Request) => ({ request, params: {}, context: {} });
  async function upload(identity: Identity, name: string, text: string): Promise<Request> {
    const body = new FormData();
    body.set("file", new File([text], name, { type: "text/csv" }));
    return new Request("http://localhost/settings/charge-master", { method: "POST", headers: { Cookie: await sessionCookie(identity) }, body });
  }

  it("refuses everyone but admins, on the loader and on the upload, and saves nothing for them", async () => {
    const before = await entries();
    const read = await settle(chargeMasterLoader(args(await getAs(biller, "/settings/charge-master"))));
    expect(read.response?.status).toBe(403);
    const write = await settle(chargeMasterAction(args(await upload(biller, "prices.csv", "code,unit_charge,effective_from\n96360,150.00,2026-01-01\n"))));
    expect(write.response?.status).toBe(403);
    expect(await entries()).toEqual(before);
  });

  it("shows an admin the bad cells of an upload and saves nothing, then takes the fixed file and lists it as scheduled", async () => {
    const before = await entries();
    const bad = await settle(chargeMasterAction(args(await upload(admin, "prices.csv", "code,unit_charge,effective_from\n96365,260,2099-01-01\n96360,1.50.0,2026-01-01\n"))));
    expect(bad.value).toMatchObject({ ok: false, fileName: "prices.csv", errors: [{ row: 3, column: "unit_charge", message: 'expected an amount like 95.00, got "1.50.0"' }] });
    expect(await entries()).toEqual(before);
    const notCsv = await settle(chargeMasterAction(args(await upload(admin, "prices.xlsx", "x"))));
    expect(notCsv.value).toMatchObject({ ok: false, fileError: expect.stringContaining("is not a .csv file") as string });

    const good = await settle(chargeMasterAction(args(await upload(admin, "prices.csv", "code,unit_charge,effective_from\n96365,260,2099-01-01\n96360,150.00,2026-01-01\n"))));
    expect(good.value).toEqual({ ok: true, fileName: "prices.csv", added: 2, ended: 1 });
    const page = await settle(chargeMasterLoader(args(await getAs(admin, "/settings/charge-master"))));
    expect(page.value?.entries.map((e) => [e.code, e.unitChargeCents, e.effectiveFrom, e.effectiveTo, e.status])).toEqual([
      ["96360", 15_000, "2026-01-01", null, "in-force"],
      ["96365", 24_000, "2026-01-01", "2098-12-31", "in-force"],
      ["96365", 26_000, "2099-01-01", null, "scheduled"],
      ["96366", 6_500, "2026-01-01", null, "in-force"],
      // J1745's first version ended on 2026-03-04, so it is no longer listed.
      ["J1745", 12_050, "2026-03-05", null, "in-force"],
    ]);
  });
});
