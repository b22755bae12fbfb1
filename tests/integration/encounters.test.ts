// Visit documentation to a stored claim on real Postgres: a visit prefilled from the regimen, saved with field-named
// errors, coded into a draft claim with lines and findings plus the gate's outbox row, coded again (replaced, never a
// released one), and warnings acknowledged while errors cannot be.
import { and, eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { acknowledgeFinding, codeStoredEncounter, EncounterError, prefillFromRegimen, saveEncounter } from "~/encounters.server";
import { installDatabaseHandle } from "~/db.server";
import type { EncounterFormInput } from "~/forms/encounter";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeDrug, makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
let graph: TenantGraph;
let infusionId: string;

async function rejection(promise: Promise<unknown>): Promise<EncounterError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EncounterError) return error;
    throw error;
  }
  throw new Error("expected an EncounterError");
}

const org = () => ({ organizationId: graph.organizationId });

/** The regimen's visit as prefilled, charted: stopped at 10:45, with a diphenhydramine push before it. */
async function chartedVisit(overrides: Partial<EncounterFormInput> = {}): Promise<EncounterFormInput> {
  const prefilled = await prefillFromRegimen(database.db, { ...org(), scheduledInfusionId: infusionId });
  const [infusion] = prefilled.administrations;
  return {
    ...prefilled,
    administrations: [
      { ...infusion!, stop: "10:45" },
      { id: "p1", kind: "therapeutic", route: "iv-push", start: "08:50", stop: "08:52", hcpcs: "J1200", ndc: "12345-0120-01", doseValue: 25, doseUnit: "mg" },
    ],
    ...overrides,
  };
}

beforeAll(async () => {
  database = await createTestDatabase("encounters");
  installDatabaseHandle(database);
  graph = await makeTenantGraph(database.db, "Encounters");
  // Infliximab 5 mg/kg from 100 mg single-dose vials; the graph's patient weighs 72.5 kg on the visit day.
  const infliximab = await makeDrug(database.db, { hcpcs: "J1745", billingUnitQuantity: 10, billingUnit: "mg" });
  await database.db.insert(s.ndcPackages).values({ drugId: infliximab.id, ndc11: "57894003001", labeler: "Janssen", description: "100 mg vial", vialQuantity: 100, vialUnit: "mg", singleDose: true, billingUnitsPerPackage: 10 });
  await makeDrug(database.db, { hcpcs: "J1200", shortName: "diphenhydramine", genericName: "diphenhydramine", billingUnitQuantity: 50, billingUnit: "mg" });
  await database.db.update(s.regimens).set({ drugId: infliximab.id }).where(eq(s.regimens.id, graph.regimenId));
  const [infusion] = await database.db.select().from(s.scheduledInfusions).where(eq(s.scheduledInfusions.regimenId, graph.regimenId));
  infusionId = infusion!.id;
});

afterAll(async () => {
  installDatabaseHandle(undefined);
  await database.destroy();
});

describe("prefillFromRegimen", () => {
  it("fills the visit from the booked infusion: day, site, provider, diagnoses, weight, and the drug with its dose, NDC and vials", async () => {
    const visit = await prefillFromRegimen(database.db, { ...org(), scheduledInfusionId: infusionId });
    expect(visit).toMatchObject({ patientId: graph.patientId, facilityId: graph.facilityId, renderingProviderId: graph.providerId, scheduledInfusionId: infusionId, dateOfService: "2026-03-04", diagnoses: "K50.90", weightKg: 72.5 });
    expect(visit.administrations).toEqual([
      // 14:00 UTC is 09:00 in New York; 5 mg/kg × 72.5 kg = 362.5 mg, four 100 mg vials. No stop: the nurse charts it.
      { id: "a1", kind: "therapeutic", route: "iv-infusion", start: "09:00", primary: true, hcpcs: "J1745", drugName: "infliximab", ndc: "57894003001", doseValue: 362.5, doseUnit: "mg", vialSize: 100, vialCount: 4, container: "single-dose" },
    ]);
  });

  it("fills from the patient's active regimen on a chosen day when no visit is booked", async () => {
    const visit = await prefillFromRegimen(database.db, { ...org(), patientId: graph.patientId, dateOfService: "2026-03-05" });
    expect(visit.dateOfService).toBe("2026-03-05");
    expect(visit.administrations[0]).not.toHaveProperty("start");
  });
});

describe("saveEncounter", () => {
  it("names each field at fault and what it expected, and saves nothing", async () => {
    const before = await database.db.select().from(s.encounters);
    const visit = await chartedVisit();
    const error = await rejection(
      saveEncounter(database.db, {
        ...org(),
        input: { ...visit, diagnoses: "K50.90, banana", administrations: [{ ...visit.administrations[0]!, start: "9am" }, visit.administrations[1]!] },
      }),
    );
    expect(error.code).toBe("invalid");
    expect(error.issues).toEqual([
      { field: "diagnoses", message: '"banana" is not an ICD-10-CM code. Enter ICD-10-CM codes such as K50.90, separated by commas' },
      { field: "administrations[0].start", message: "Enter the time as HH:MM" },
    ]);
    const badNdc = await rejection(saveEncounter(database.db, { ...org(), input: { ...visit, administrations: [{ ...visit.administrations[0]!, ndc: "5789400300" }] } }));
    expect(badNdc.issues).toEqual([{ field: "administrations[0].ndc", message: expect.stringContaining("Enter the NDC with hyphens (4-4-2, 5-3-2 or 5-4-1) or as 11 digits: 5789400300 could be") as string }]);
    // A HCPCS code outside the catalog is caught against the database, with nothing written.
    const unknownDrug = await rejection(saveEncounter(database.db, { ...org(), input: { ...visit, administrations: [visit.administrations[0]!, { ...visit.administrations[1]!, hcpcs: "J0000" }] } }));
    expect(unknownDrug.issues).toEqual([{ field: "administrations[1].hcpcs", message: "expected a HCPCS code in the drug catalog: J0000 is not in it" }]);
    expect(await database.db.select().from(s.encounters)).toHaveLength(before.length);
  });

  it("stores the administrations with the facility's wall-clock times as instants and the NDC as 11 digits", async () => {
    const { encounterId, created } = await saveEncounter(database.db, { ...org(), input: await chartedVisit() });
    expect(created).toBe(true);
    const rows = await database.db.select().from(s.administrations).where(eq(s.administrations.encounterId, encounterId));
    const infusion = rows.find((r) => r.externalId === "a1")!;
    expect(infusion.startedAt?.toISOString()).toBe("2026-03-04T14:00:00.000Z");
    expect(infusion.stoppedAt?.toISOString()).toBe("2026-03-04T15:45:00.000Z");
    expect(infusion.vials).toEqual([{ quantity: 100, unit: "mg", count: 4 }]);
    expect(rows.find((r) => r.externalId === "p1")).toMatchObject({ route: "iv_push", ndc11: "12345012001" });
    const [encounter] = await database.db.select().from(s.encounters).where(eq(s.encounters.id, encounterId));
    expect(encounter).toMatchObject({ status: "documented", setting: "professional", diagnoses: ["K5090"], weightKg: 72.5 });
  });
});

describe("codeStoredEncounter", () => {
  it("writes the draft claim, its lines and findings, marks the visit coded and queues the gate, in one transaction", async () => {
    const { encounterId } = await saveEncounter(database.db, { ...org(), input: await chartedVisit() });
    const coded = await codeStoredEncounter(database.db, { ...org(), encounterId });
    const [claim] = await database.db.select().from(s.claims).where(eq(s.claims.id, coded.claimId));
    expect(claim).toMatchObject({ status: "draft", setting: "professional", coverageId: graph.coverageId, patientId: graph.patientId, claimNumber: coded.claimNumber });
    const lines = await database.db.select().from(s.claimLines).where(eq(s.claimLines.claimId, coded.claimId)).orderBy(s.claimLines.lineNumber);
    const summary = lines.map((l) => `${l.code}×${l.units}${l.modifiers.length ? `[${l.modifiers.join(",")}]` : ""}`);
    // 105 minutes of infliximab: 96365 + 96366; the push before it is sequential (96375); 362.5 mg = 37 units, 3 wasted of 400 mg.
    expect(summary).toEqual(expect.arrayContaining(["96365×1", "96366×1", "96375×1", "J1745×37", "J1745×3[JW]", "J1200×1"]));
    expect(lines.find((l) => l.code === "J1745" && !l.modifiers.includes("JW"))).toMatchObject({ units: 37, ndc11: "57894003001", ndcQualifier: "ME", ndcQuantity: 362.5, administrationIds: ["a1"] });
    const findings = await database.db.select().from(s.claimFindings).where(eq(s.claimFindings.claimId, coded.claimId));
    expect(findings.map((f) => f.rule).sort()).toEqual(coded.claim.findings.map((f) => f.rule).sort());
    const [encounter] = await database.db.select().from(s.encounters).where(eq(s.encounters.id, encounterId));
    expect(encounter!.status).toBe("coded");
    const outbox = await database.db.select().from(s.outbox).where(eq(s.outbox.businessKey, `claim-coded:${coded.claimId}`));
    expect(outbox).toEqual([expect.objectContaining({ topic: "claim-reevaluation", payload: { claimId: coded.claimId }, organizationId: graph.organizationId })]);
  });

  it("coding again replaces the unreleased claim (same number, new lines) and its pending hand-off", async () => {
    const { encounterId } = await saveEncounter(database.db, { ...org(), input: await chartedVisit() });
    const first = await codeStoredEncounter(database.db, { ...org(), encounterId });
    const second = await codeStoredEncounter(database.db, { ...org(), encounterId });
    expect(second.claimId).not.toBe(first.claimId);
    expect(second.claimNumber).toBe(first.claimNumber);
    expect(second.replacedClaimNumber).toBe(first.claimNumber);
    expect(await database.db.select().from(s.claims).where(eq(s.claims.encounterId, encounterId))).toHaveLength(1);
    expect(await database.db.select().from(s.outbox).where(eq(s.outbox.businessKey, `claim-coded:${first.claimId}`))).toHaveLength(0);
    expect(await database.db.select().from(s.outbox).where(eq(s.outbox.businessKey, `claim-coded:${second.claimId}`))).toHaveLength(1);
  });

  it("never replaces a released claim: coding or editing the visit says so and changes nothing", async () => {
    const visit = await chartedVisit();
    const { encounterId } = await saveEncounter(database.db, { ...org(), input: visit });
    const coded = await codeStoredEncounter(database.db, { ...org(), encounterId });
    await database.db.update(s.claims).set({ status: "released", releasedAt: new Date() }).where(eq(s.claims.id, coded.claimId));
    const recode = await rejection(codeStoredEncounter(database.db, { ...org(), encounterId }));
    expect(recode.code).toBe("claim-released");
    expect(recode.message).toContain(`Claim ${coded.claimNumber} for this visit was already released`);
    const edit = await rejection(saveEncounter(database.db, { ...org(), encounterId, input: visit }));
    expect(edit.code).toBe("claim-released");
    expect(await database.db.select().from(s.claimLines).where(eq(s.claimLines.claimId, coded.claimId))).not.toHaveLength(0);
  });

  it("codes a hospital outpatient visit onto a facility claim with revenue codes", async () => {
    const [hospital] = await database.db
      .insert(s.facilities)
      .values({ organizationId: graph.organizationId, name: "Encounters Hospital Outpatient", siteOfCare: "hopd_on_campus", placeOfService: "22", npi: "1888888888", tin: "123456789" })
      .returning();
    const { encounterId } = await saveEncounter(database.db, { ...org(), input: { ...(await chartedVisit()), facilityId: hospital!.id } });
    const coded = await codeStoredEncounter(database.db, { ...org(), encounterId });
    const [claim] = await database.db.select().from(s.claims).where(eq(s.claims.id, coded.claimId));
    expect(claim!.setting).toBe("facility");
    const lines = await database.db.select().from(s.claimLines).where(eq(s.claimLines.claimId, coded.claimId));
    expect(lines.every((l) => l.revenueCode !== null)).toBe(true);
  });

  it("refuses to code a visit with no primary coverage in force on the date of service", async () => {
    const { encounterId } = await saveEncounter(database.db, { ...org(), input: await chartedVisit({ dateOfService: "2025-12-15" }) });
    const error = await rejection(codeStoredEncounter(database.db, { ...org(), encounterId }));
    expect(error.code).toBe("no-coverage");
    expect(error.message).toContain("no primary coverage in force on 2025-12-15");
  });
});

describe("acknowledgeFinding", () => {
  it("acknowledges a warning with who and when; an error cannot be acknowledged (the database check refuses it)", async () => {
    const visit = await chartedVisit();
    // No administration marked primary (a warning); hydration after the drug has no stop time (an error).
    const administrations = [...visit.administrations.map((a) => ({ ...a, primary: false })), { id: "h1", kind: "hydration" as const, route: "iv-infusion" as const, start: "10:45" }];
    const { encounterId } = await saveEncounter(database.db, { ...org(), input: { ...visit, administrations } });
    const coded = await codeStoredEncounter(database.db, { ...org(), encounterId });
    const findings = await database.db.select().from(s.claimFindings).where(eq(s.claimFindings.claimId, coded.claimId));
    const warning = findings.find((f) => f.rule === "ADMIN_PRIMARY_MISSING")!;
    const error = findings.find((f) => f.rule === "ADMIN_TIME_MISSING")!;
    expect(error).toMatchObject({ severity: "error", administrationId: "h1" });

    await acknowledgeFinding(database.db, { ...org(), findingId: warning.id, userId: graph.userId });
    const [acknowledged] = await database.db.select().from(s.claimFindings).where(eq(s.claimFindings.id, warning.id));
    expect(acknowledged).toMatchObject({ acknowledgedById: graph.userId, acknowledgedAt: expect.any(Date) as Date });

    const refused = await rejection(acknowledgeFinding(database.db, { ...org(), findingId: error.id, userId: graph.userId }));
    expect(refused.code).toBe("error-not-acknowledgeable");
    expect(refused.message).toBe("Errors cannot be acknowledged: fix the documentation and code the visit again.");
    const [still] = await database.db.select().from(s.claimFindings).where(and(eq(s.claimFindings.id, error.id)));
    expect(still!.acknowledgedAt).toBeNull();
  });

  it("does not see another organization's finding", async () => {
    const other = await makeTenantGraph(database.db, "Elsewhere");
    const [finding] = await database.db.select().from(s.claimFindings).where(eq(s.claimFindings.organizationId, other.organizationId));
    const error = await rejection(acknowledgeFinding(database.db, { ...org(), findingId: finding!.id, userId: graph.userId }));
    expect(error.code).toBe("finding-not-found");
  });
});
