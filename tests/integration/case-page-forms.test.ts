// The case page's remaining forms through the route: a regimen change (the hold, the revised request it drafts,
// the visits it affects), starting a renewal, attaching a document from the patient's file, marking a duplicate,
// superseding and recounting the ledger — each through the lifecycle engine, each bad value named on its field.
import { and, eq, gt, inArray, ne } from "drizzle-orm";
import { installDatabaseHandle } from "~/db.server";
import { lifecycleEngine } from "~/engine/index.server";
import { action, loader } from "~/routes/_app.cases.$caseId";
import { demoToday, seedDemoData } from "../../db/seed";
import * as s from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { getAs, postAs, settle, type Identity } from "../support/requests";

let database: TestDatabase;
let coordinator: Identity;

beforeAll(async () => {
  database = await createTestDatabase("case_page_forms");
  installDatabaseHandle(database);
  await seedDemoData(database.db, { today: demoToday(), passwordHash: "not-a-hash" });
  const [user] = await database.db.select().from(s.users).where(eq(s.users.email, "coordinator@riverside.example"));
  const [membership] = await database.db.select().from(s.memberships).where(eq(s.memberships.userId, user!.id));
  coordinator = { userId: user!.id, organizationId: membership!.organizationId };
});
afterAll(async () => {
  await lifecycleEngine().close();
  installDatabaseHandle(undefined);
  await database?.destroy();
});

const args = (request: Request, caseId: string) => ({ request, params: { caseId }, context: {} });
const post = async (caseId: string, fields: Record<string, string>) => settle(action(args(await postAs(coordinator, `/cases/${caseId}`, fields), caseId)));
const load = async (caseId: string) => loader(args(await getAs(coordinator, `/cases/${caseId}`), caseId));
const used = new Set<string>();

/** An approved demo case (not used by another test) whose regimen has visits booked from tomorrow on. */
async function approvedCaseWithVisits(): Promise<string> {
  const rows = await database.db
    .selectDistinct({ id: s.authorizationCases.id })
    .from(s.authorizationCases)
    .innerJoin(s.scheduledInfusions, eq(s.scheduledInfusions.regimenId, s.authorizationCases.regimenId))
    .where(and(eq(s.authorizationCases.status, "approved"), eq(s.scheduledInfusions.status, "scheduled"), gt(s.scheduledInfusions.scheduledAt, new Date(Date.now() + 86_400_000))));
  const found = rows.map((r) => r.id).find((id) => !used.has(id));
  if (!found) throw new Error("the demo has no more approved cases with booked visits");
  used.add(found);
  return found;
}

async function lands(caseId: string, fields: Record<string, string>) {
  const { value, response } = await post(caseId, fields);
  expect(response).toBeUndefined();
  expect(value?.reply.error ?? {}).toEqual({});
  expect(value?.saved).toBe(true);
  return { page: await load(caseId), result: value! };
}

async function refused(caseId: string, fields: Record<string, string>, field: string, message: RegExp) {
  const before = (await load(caseId)).events.length;
  const { value } = await post(caseId, fields);
  expect(value?.saved).toBe(false);
  expect(value?.reply.error?.[field]?.[0]).toMatch(message);
  expect((await load(caseId)).events.length).toBe(before);
}

/** The regimen-change form as the page fills it: the case's line 1, with `changes` applied. */
async function regimenFields(caseId: string, changes: Record<string, string>) {
  const page = await load(caseId);
  const line = page.state.lines[0]!;
  return {
    intent: "record-regimen-change",
    "newRegimen.lineNumber": "1",
    "newRegimen.hcpcs": line.hcpcs,
    "newRegimen.dose.value": String(line.dose.value),
    "newRegimen.dose.unit": line.dose.unit,
    "newRegimen.dose.basis": line.dose.basis,
    "newRegimen.unitsPerDose": String(line.unitsPerDose),
    "newRegimen.intervalDays": String(line.intervalDays ?? 0),
    "newRegimen.administrations": String(line.administrations),
    "newRegimen.route": line.route ?? "iv_infusion",
    "newRegimen.siteOfCare": page.state.authorization!.siteOfCare,
    "newRegimen.effectiveFrom": page.affected.find((a) => a.kind === "scheduled_visit")!.on,
    ...changes,
  };
}

describe("the regimen change form", () => {
  it("names a bad dose and saves nothing", async () => {
    const caseId = await approvedCaseWithVisits();
    await refused(caseId, await regimenFields(caseId, { "newRegimen.dose.value": "-3" }), "newRegimen.dose.value", /positive number/);
    await refused(caseId, await regimenFields(caseId, { "newRegimen.effectiveFrom": "soon" }), "newRegimen.effectiveFrom", /YYYY-MM-DD/);
  });

  it("puts the visits from the change on hold, drafts the revised request and links it once the engine opened it", async () => {
    const caseId = await approvedCaseWithVisits();
    const before = await load(caseId);
    const units = before.state.lines[0]!.unitsPerDose;
    const fields = await regimenFields(caseId, { "newRegimen.unitsPerDose": String(units * 2), "newRegimen.dose.value": String(before.state.lines[0]!.dose.value * 2) });
    const { page } = await lands(caseId, fields);
    const changed = page.events.at(-1)!;
    expect(changed.type).toBe("regimen-changed");
    const payload = changed.payload as { covered: boolean; revisedCaseId: string; onHold: { kind: string; id: string; on: string }[] };
    expect(payload.covered).toBe(false);
    // Every booked visit of the regimen from the change on is held (the form's affected list comes from the server).
    const from = fields["newRegimen.effectiveFrom"];
    const booked = before.affected.filter((a) => a.kind === "scheduled_visit" && a.on >= from).map((a) => a.id);
    expect(booked.length).toBeGreaterThan(0);
    expect(payload.onHold.filter((i) => i.kind === "scheduled_visit").map((i) => i.id)).toEqual(booked);
    expect(page.holds.length).toBeGreaterThan(0);
    expect(page.holds[0]!.message).toMatch(/Dose change/);
    const upcomingHeld = page.upcoming.filter((v) => v.date >= from);
    expect(upcomingHeld.length).toBeGreaterThan(0);
    for (const visit of upcomingHeld) expect(visit.result.failures.map((f) => f.reason)).toContain("regimen-change-hold");
    // The revised request is opened by the engine's linked command: pending until the outbox runs.
    expect(page.links.find((l) => l.relation === "revised request")).toMatchObject({ caseId: payload.revisedCaseId, caseNumber: null });
    await lifecycleEngine().sweepOnce!();
    const after = await load(caseId);
    expect(after.links.find((l) => l.relation === "revised request")).toMatchObject({ caseId: payload.revisedCaseId, status: "draft" });
    const revised = await load(payload.revisedCaseId);
    expect(revised.header).toMatchObject({ certificationType: "revised", status: "draft" });
    expect(revised.lines[0]!.unitsPerDose).toBe(units * 2);
    expect(revised.links.find((l) => l.relation === "predecessor")?.caseId).toBe(caseId);
  });

  it("records a change the authorization still covers without holding anything", async () => {
    const caseId = await approvedCaseWithVisits();
    const before = await load(caseId);
    const line = before.state.lines[0]!;
    const { page } = await lands(caseId, await regimenFields(caseId, { "newRegimen.unitsPerDose": String(line.unitsPerDose - 1) }));
    expect(page.events.at(-1)).toMatchObject({ type: "regimen-changed", payload: { covered: true } });
    expect(page.holds).toEqual([]);
    expect(page.links.some((l) => l.relation === "revised request")).toBe(false);
  });
});

describe("starting a renewal", () => {
  it("opens the renewal as its own draft case, linked both ways, and refuses a second one", async () => {
    const caseId = await approvedCaseWithVisits();
    const page = await load(caseId);
    const to = page.state.authorization!.effectiveTo;
    await refused(caseId, { intent: "start-renewal", requestedFrom: "2031-01-10", requestedTo: "2031-01-01" }, "requestedTo", /on or after the start/);
    const { page: after, result } = await lands(caseId, { intent: "start-renewal", requestedFrom: "2031-01-01", requestedTo: "2031-06-30", "lines[0].lineNumber": "1", "lines[0].administrations": "3" });
    expect(result.message).toBe("Renewal request opened as a draft.");
    const renewalId = result.openedCaseId!;
    expect(after.header.status).toBe("renewal_due");
    expect(after.links.find((l) => l.relation === "renewal")).toMatchObject({ caseId: renewalId, status: "draft" });
    const renewal = await load(renewalId);
    expect(renewal.header).toMatchObject({ certificationType: "renewal", status: "draft", requestedFrom: "2031-01-01", requestedTo: "2031-06-30" });
    expect(renewal.lines[0]).toMatchObject({ hcpcs: page.lines[0]!.hcpcs, doseBasis: page.lines[0]!.doseBasis, requestedVisits: 3 });
    expect(to < "2031-01-01").toBe(true);
    const again = await post(caseId, { intent: "start-renewal", requestedFrom: "2031-01-01", requestedTo: "2031-06-30" });
    expect(again.value?.saved).toBe(false);
    expect(again.value?.reply.error?.[""]?.[0]).toMatch(/renewal is already open/);
  });
});

describe("attaching, duplicates, supersession and the ledger", () => {
  it("attaches a document from the patient's file and refuses one from another patient", async () => {
    // A patient with two cases: documents filed on one can be attached to the other.
    const docs = await database.db.select({ id: s.documents.id, caseId: s.documents.caseId, patientId: s.documents.patientId, fileName: s.documents.fileName }).from(s.documents);
    const cases = await database.db.select({ id: s.authorizationCases.id, patientId: s.authorizationCases.patientId, status: s.authorizationCases.status }).from(s.authorizationCases).where(ne(s.authorizationCases.status, "voided"));
    const target = cases.find((c) => docs.some((d) => d.patientId === c.patientId && d.caseId !== c.id))!;
    const theirs = docs.find((d) => d.patientId === target.patientId && d.caseId !== target.id)!;
    const someoneElses = docs.find((d) => d.patientId !== target.patientId)!;
    const page = await load(target.id);
    expect(page.attachable.map((d) => d.id)).toContain(theirs.id);
    await refused(target.id, { intent: "attach-document", documentId: someoneElses.id, kind: "labs" }, "documentId", /this patient's file/);
    const { page: after } = await lands(target.id, { intent: "attach-document", documentId: theirs.id, kind: "labs", requestedByPayer: "on", sentAt: "2030-02-03T10:30" });
    expect(after.events.at(-1)).toMatchObject({ type: "document-attached", payload: { documentId: theirs.id, kind: "labs", requestedByPayer: true, sentAt: "2030-02-03T15:30:00.000Z" } });
    expect(after.documents.find((d) => d.id === theirs.id)).toMatchObject({ fileName: theirs.fileName, attached: true });
    expect(after.attachable.map((d) => d.id)).not.toContain(theirs.id);
  });

  it("marks a draft a duplicate of the patient's other case", async () => {
    const drafts = await database.db.select({ id: s.authorizationCases.id, patientId: s.authorizationCases.patientId }).from(s.authorizationCases).where(inArray(s.authorizationCases.status, ["draft", "submitted", "pending"]));
    const all = await database.db.select({ id: s.authorizationCases.id, patientId: s.authorizationCases.patientId }).from(s.authorizationCases);
    const draft = drafts.find((d) => !used.has(d.id) && all.some((c) => c.patientId === d.patientId && c.id !== d.id))!;
    const original = all.find((c) => c.patientId === draft.patientId && c.id !== draft.id)!;
    await refused(draft.id, { intent: "mark-duplicate" }, "duplicateOfCaseId", /expected an id/);
    const { page } = await lands(draft.id, { intent: "mark-duplicate", duplicateOfCaseId: original.id });
    expect(page.header.status).toBe("duplicate");
    expect(page.links.find((l) => l.relation === "duplicate of")?.caseId).toBe(original.id);
  });

  it("supersedes an approved case by another from a date", async () => {
    const caseId = await approvedCaseWithVisits();
    const page = await load(caseId);
    const successor = page.otherCases[0] ?? { id: (await database.db.select({ id: s.authorizationCases.id }).from(s.authorizationCases).where(ne(s.authorizationCases.id, caseId)).limit(1))[0]!.id };
    await refused(caseId, { intent: "supersede", successorCaseId: successor.id, from: "next month", reason: "renewal" }, "from", /YYYY-MM-DD/);
    const { page: after } = await lands(caseId, { intent: "supersede", successorCaseId: successor.id, from: "2031-01-01", reason: "revision" });
    expect(after.header.status).toBe("superseded");
    expect(after.events.at(-1)).toMatchObject({ type: "superseded", payload: { successorCaseId: successor.id, from: "2031-01-01", reason: "revision" } });
  });

  it("recounts the units from the ledger through the engine", async () => {
    const caseId = await approvedCaseWithVisits();
    const { page, result } = await lands(caseId, { intent: "sync-ledger" });
    expect(result.message).toMatch(/^Units recounted from \d+ ledger entries\./);
    expect(page.events.at(-1)!.type).toBe("ledger-synced");
    // The booked visits are now the ledger's own scheduled entries.
    const scheduled = await database.db.select().from(s.unitLedgerEntries).where(and(eq(s.unitLedgerEntries.caseId, caseId), eq(s.unitLedgerEntries.kind, "scheduled")));
    expect(scheduled.length).toBe(page.ledger!.bookedDoses);
  });
});
