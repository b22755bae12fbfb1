// The visit screens through their route loaders and actions, with real requests on real Postgres: a bad field comes
// back on that field with nothing written, "Fill from regimen" fills the rows without a stop time, coding makes the
// draft claim (and a missing stop time shows on its field), a CSV with a bad row imports nothing, and a clinician
// is refused on every loader and action.
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { installDatabaseHandle } from "~/db.server";
import type { EncounterFormInput } from "~/forms/encounter";
import { action as visitAction, loader as visitLoader } from "~/routes/_app.encounters_.$encounterId";
import { action as importAction, loader as importLoader } from "~/routes/_app.encounters_.import";
import { loader as templateLoader } from "~/routes/_app.encounters_.import_.template";
import { loader as listLoader } from "~/routes/_app.encounters";
import { action as newAction, loader as newLoader } from "~/routes/_app.encounters_.new";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeDrug, makeTenantGraph, type TenantGraph } from "../support/factories";
import { getAs, postAs, sessionCookie, settle, type Identity } from "../support/requests";

let database: TestDatabase;
let graph: TenantGraph;
let biller: Identity;
let clinician: Identity;
let mrn: string;
const DAY = "2026-03-04";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

/** The form's values as the browser posts them: Conform's field names, checkboxes as "on", empty optionals left out. */
function formFields(values: EncounterFormInput, intent: string): Record<string, string> {
  const fields: Record<string, string> = { intent };
  const put = (name: string, value: string | number | boolean | undefined) => {
    if (value === undefined || value === false || value === "") return;
    fields[name] = value === true ? "on" : String(value);
  };
  const { administrations, ...visit } = values;
  for (const [name, value] of Object.entries(visit)) put(name, value);
  administrations.forEach((a, i) => {
    for (const [name, value] of Object.entries(a)) put(`administrations[${i}].${name}`, value);
  });
  return fields;
}

const encounterCount = async () => (await database.db.select().from(s.encounters).where(eq(s.encounters.organizationId, graph.organizationId))).length;

async function prefilled(): Promise<EncounterFormInput> {
  const { value } = await settle(newAction(args(await postAs(biller, "/encounters/new", { intent: "prefill", patientId: graph.patientId, dateOfService: DAY }))));
  if (value?.intent !== "prefill" || !value.filled) throw new Error(`prefill failed: ${JSON.stringify(value)}`);
  return value.values;
}

async function upload(identity: Identity, name: string, text: string, type = "text/csv"): Promise<Request> {
  const body = new FormData();
  body.set("file", new File([text], name, { type }));
  return new Request("http://localhost/encounters/import", { method: "POST", headers: { Cookie: await sessionCookie(identity) }, body });
}

beforeAll(async () => {
  database = await createTestDatabase("encounter_routes");
  installDatabaseHandle(database);
  graph = await makeTenantGraph(database.db, "Routes", { role: "biller" });
  biller = { userId: graph.userId, organizationId: graph.organizationId };
  const [user] = await database.db.insert(s.users).values({ email: "clinician-routes@example.test", name: "Dr. Routes", passwordHash: "not-a-hash" }).returning();
  await database.db.insert(s.memberships).values({ organizationId: graph.organizationId, userId: user!.id, role: "clinician" });
  clinician = { userId: user!.id, organizationId: graph.organizationId };
  // Infliximab 5 mg/kg from 100 mg single-dose vials; the graph's patient weighs 72.5 kg on the visit day.
  const infliximab = await makeDrug(database.db, { hcpcs: "J1745", billingUnitQuantity: 10, billingUnit: "mg" });
  await database.db.insert(s.ndcPackages).values({ drugId: infliximab.id, ndc11: "57894003001", labeler: "Janssen", description: "100 mg vial", vialQuantity: 100, vialUnit: "mg", singleDose: true, billingUnitsPerPackage: 10 });
  await database.db.update(s.regimens).set({ drugId: infliximab.id }).where(eq(s.regimens.id, graph.regimenId));
  const [patient] = await database.db.select().from(s.patients).where(eq(s.patients.id, graph.patientId));
  mrn = patient!.mrn;
});

afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

describe("documenting a visit", () => {
  it("fills the rows from the regimen, with the dose worked out and the stop time left blank", async () => {
    const before = await encounterCount();
    const values = await prefilled();
    // The patient's infusion booked that day (09:00 in New York) gives the visit its start time.
    expect(values).toMatchObject({ patientId: graph.patientId, scheduledInfusionId: expect.any(String) as string, facilityId: graph.facilityId, renderingProviderId: graph.providerId, dateOfService: DAY, diagnoses: "K50.90", weightKg: 72.5 });
    expect(values.administrations).toHaveLength(1);
    expect(values.administrations[0]).toMatchObject({ start: "09:00", hcpcs: "J1745", ndc: "57894003001", doseValue: 362.5, doseUnit: "mg", vialSize: 100, vialCount: 4, container: "single-dose" });
    expect(values.administrations[0]).not.toHaveProperty("stop");
    // Nothing is stored until the user saves.
    expect(await encounterCount()).toBe(before);
  });

  it("fills from the regimen without a start time on a day nothing is booked", async () => {
    const { value } = await settle(newAction(args(await postAs(biller, "/encounters/new", { intent: "prefill", patientId: graph.patientId, dateOfService: "2026-03-05" }))));
    if (value?.intent !== "prefill" || !value.filled) throw new Error("expected a fill");
    expect(value.values.scheduledInfusionId).toBeUndefined();
    expect(value.values.dateOfService).toBe("2026-03-05");
    expect(value.values.administrations[0]).not.toHaveProperty("start");
    expect(value.values.administrations[0]).not.toHaveProperty("stop");
  });

  it("asks for the patient before filling from a regimen", async () => {
    const { value } = await settle(newAction(args(await postAs(biller, "/encounters/new", { intent: "prefill", dateOfService: DAY }))));
    expect(value?.reply.error?.patientId?.[0]).toMatch(/Choose the patient/);
  });

  it("returns each bad field's error on that field, keeps what was typed, and writes nothing", async () => {
    const before = await encounterCount();
    const values = await prefilled();
    const fields = formFields({ ...values, diagnoses: "K50.90, banana", administrations: [{ ...values.administrations[0]!, start: "9am", hcpcs: "J0000" }] }, "save");
    const { value, response } = await settle(newAction(args(await postAs(biller, "/encounters/new", fields))));
    expect(response).toBeUndefined();
    expect(value?.intent).toBe("save");
    expect(value?.reply.error?.diagnoses?.[0]).toMatch(/"banana" is not an ICD-10-CM code/);
    expect(value?.reply.error?.["administrations[0].start"]?.[0]).toBe("Enter the time as HH:MM");
    // What the user typed comes back to re-render the form.
    expect(value?.reply.initialValue).toMatchObject({ diagnoses: "K50.90, banana" });
    expect(await encounterCount()).toBe(before);

    // A code the schema accepts but the catalog does not have is caught against the database, on its field.
    const unknown = formFields({ ...values, administrations: [{ ...values.administrations[0]!, hcpcs: "J0000", stop: "10:45" }] }, "save");
    const second = await settle(newAction(args(await postAs(biller, "/encounters/new", unknown))));
    expect(second.value?.reply.error?.["administrations[0].hcpcs"]?.[0]).toBe("expected a HCPCS code in the drug catalog: J0000 is not in it");
    expect(await encounterCount()).toBe(before);
  });

  it("says so on the patient field when the patient was changed after filling from another patient's booked visit", async () => {
    const [other] = await database.db
      .insert(s.patients)
      .values({ organizationId: graph.organizationId, mrn: "Routes-MRN-OTHER", firstName: "Quinn", lastName: "Other", birthDate: "1980-01-01", sex: "male" })
      .returning();
    const before = await encounterCount();
    const values = await prefilled();
    const fields = formFields({ ...values, patientId: other!.id, administrations: [{ ...values.administrations[0]!, stop: "10:45" }] }, "save");
    const { value } = await settle(newAction(args(await postAs(biller, "/encounters/new", fields))));
    expect(value?.reply.error?.patientId?.[0]).toMatch(/another patient's: fill from the regimen again/);
    expect(await encounterCount()).toBe(before);
  });

  it("saves the visit and codes it into a draft claim; a missing stop time shows on the stop field until it is charted", async () => {
    const values = await prefilled();
    const saved = await settle(newAction(args(await postAs(biller, "/encounters/new", formFields(values, "save")))));
    expect(saved.value?.reply.error).toBeUndefined();
    expect(saved.response?.status).toBe(302);
    const location = saved.response!.headers.get("Location")!;
    const encounterId = /\/encounters\/([0-9a-f-]{36})\?saved=1$/.exec(location)?.[1];
    expect(encounterId).toBeDefined();
    const path = `/encounters/${encounterId}`;

    const stored = await visitLoader(args(await getAs(biller, path), { encounterId: encounterId! }));
    expect(stored.form.administrations[0]).not.toHaveProperty("stop");
    expect(stored.claim).toBeUndefined();

    // Coding with no stop time: the claim is drafted, the error blocks it, and the form shows it on the stop field.
    const first = await settle(visitAction(args(await postAs(biller, path, formFields(stored.form, "code")), { encounterId: encounterId! })));
    expect(first.value?.intent).toBe("code");
    if (first.value?.intent !== "code" || !first.value.coded) throw new Error("expected a coded visit");
    expect(first.value.result.claim.findings.some((f) => f.rule === "ADMIN_TIME_MISSING" && f.severity === "error")).toBe(true);
    expect(first.value.reply.error?.["administrations[0].stop"]?.[0]).toMatch(/has no stop time/);

    // Charted and coded again: the same claim number, lines for the drug and the infusion time, no stop error.
    const charted = { ...stored.form, administrations: [{ ...stored.form.administrations[0]!, stop: "10:45" }] };
    const second = await settle(visitAction(args(await postAs(biller, path, formFields(charted, "code")), { encounterId: encounterId! })));
    if (second.value?.intent !== "code" || !second.value.coded) throw new Error("expected a coded visit");
    expect(second.value.reply.error ?? {}).toEqual({});
    expect(second.value.result.claimNumber).toBe(first.value.result.claimNumber);
    const lines = second.value.result.claim.lines.map((l) => `${l.code}×${l.units}${l.modifiers.length ? `[${l.modifiers.join(",")}]` : ""}`);
    expect(lines).toEqual(expect.arrayContaining(["96365×1", "96366×1", "J1745×37"]));

    const claims = await database.db.select().from(s.claims).where(eq(s.claims.encounterId, encounterId!));
    expect(claims).toEqual([expect.objectContaining({ id: second.value.result.claimId, status: "draft" })]);
    const page = await visitLoader(args(await getAs(biller, path), { encounterId: encounterId! }));
    expect(page.encounter.status).toBe("coded");
    expect(page.claim).toMatchObject({ id: second.value.result.claimId, status: "draft" });
    expect(page.stored?.lines.map((l) => l.code)).toEqual(second.value.result.claim.lines.map((l) => l.code));
    expect(page.form.administrations[0]?.stop).toBe("10:45");

    // The day's list shows the visit by initials and MRN, coded, with its claim.
    const list = await listLoader(args(await getAs(biller, `/encounters?date=${DAY}`)));
    expect(list.rows).toContainEqual(expect.objectContaining({ id: encounterId, patientInitials: "P.R.", mrn, status: "coded", claimNumber: first.value.result.claimNumber, claimStatus: "draft" }));
    expect(JSON.stringify(list)).not.toContain("Routespatient");
  });

  it("lists today by default and says so when the date is not one", async () => {
    const list = await listLoader(args(await getAs(biller, "/encounters")));
    expect(list.date).toBe(list.today);
    const bad = await listLoader(args(await getAs(biller, "/encounters?date=yesterday")));
    expect(bad.date).toBe(bad.today);
    expect(bad.dateError).toMatch(/expected YYYY-MM-DD/);
  });

  it("answers 404 for a visit that does not exist", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const { response } = await settle(visitLoader(args(await getAs(biller, `/encounters/${missing}`), { encounterId: missing })));
    expect(response?.status).toBe(404);
  });
});

describe("importing a day's CSV", () => {
  const HEADER = "visit_id,mrn,date_of_service,facility_npi,rendering_npi,diagnoses,weight_kg,administration_id,kind,route,start,stop,primary,hcpcs,ndc,dose,dose_unit,vial_size,vials_used,container";
  const row = (visitId: string, dose: string) => [visitId, mrn, DAY, graph.facilityNpi, graph.providerNpi, "K50.90", "72.5", "a1", "therapeutic", "iv-infusion", "13:00", "14:10", "yes", "J1745", "57894-0030-01", dose, "mg", "100", "4", "single-dose"].join(",");

  it("rejects the whole file on one bad row, naming the row, column and what was expected", async () => {
    const before = await encounterCount();
    const text = [HEADER, row("V-200", "350"), row("V-201", "lots")].join("\n");
    const { value } = await settle(importAction(args(await upload(biller, "day.csv", text))));
    expect(value).toEqual({ ok: false, fileName: "day.csv", errors: [{ row: 3, column: "dose", message: 'expected a number, got "lots"' }] });
    expect(await encounterCount()).toBe(before);
  });

  it("refuses a file that is not a CSV before reading it", async () => {
    const { value } = await settle(importAction(args(await upload(biller, "day.xlsx", "PK\u0003\u0004junk", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))));
    expect(value).toMatchObject({ ok: false, fileError: expect.stringContaining("is not a .csv file") as string });
  });

  it("imports a good file and says how many visits were created, then updated", async () => {
    const before = await encounterCount();
    const text = [HEADER, row("V-300", "350"), row("V-301", "360")].join("\n");
    const { value } = await settle(importAction(args(await upload(biller, "day.csv", text))));
    expect(value).toEqual({ ok: true, fileName: "day.csv", created: 2, updated: 0, unchanged: 0 });
    expect(await encounterCount()).toBe(before + 2);
    const again = await settle(importAction(args(await upload(biller, "day.csv", [HEADER, row("V-300", "350"), row("V-301", "370")].join("\n")))));
    expect(again.value).toEqual({ ok: true, fileName: "day.csv", created: 0, updated: 1, unchanged: 1 });
  });

  it("serves the template with the documented columns", async () => {
    const response = await templateLoader(args(await getAs(biller, "/encounters/import/template")));
    expect(response.headers.get("Content-Type")).toMatch(/text\/csv/);
    expect((await response.text()).split("\n")[0]).toMatch(/^visit_id,mrn,date_of_service,facility_npi,rendering_npi,diagnoses,/);
  });
});

describe("who may use the visit screens", () => {
  it("refuses a clinician on every loader and action with a 403", async () => {
    const someId = graph.claimId;
    const attempts: (() => Promise<unknown>)[] = [
      async () => listLoader(args(await getAs(clinician, "/encounters"))),
      async () => newLoader(args(await getAs(clinician, "/encounters/new"))),
      async () => newAction(args(await postAs(clinician, "/encounters/new", { intent: "prefill", patientId: graph.patientId }))),
      async () => visitLoader(args(await getAs(clinician, `/encounters/${someId}`), { encounterId: someId })),
      async () => visitAction(args(await postAs(clinician, `/encounters/${someId}`, { intent: "code" }), { encounterId: someId })),
      async () => importLoader(args(await getAs(clinician, "/encounters/import"))),
      async () => importAction(args(await upload(clinician, "day.csv", "visit_id\n"))),
      async () => templateLoader(args(await getAs(clinician, "/encounters/import/template"))),
    ];
    const before = await encounterCount();
    for (const attempt of attempts) {
      const { response } = await settle(attempt());
      expect(response?.status).toBe(403);
    }
    expect(await encounterCount()).toBe(before);
  });
});
