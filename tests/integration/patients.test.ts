// The patient list and patient page through their routes over the demo organization: search by name or MRN,
// keyset pages that visit every patient once in name order, the page's coverages, regimens, renewal chains,
// upcoming infusions with coverage and the unit ledger; another organization's patient is not found (404).
import { eq, isNotNull, sql } from "drizzle-orm";
import { installDatabaseHandle } from "~/db.server";
import { caseChains } from "~/patients.server";
import { loader as listLoader } from "~/routes/_app.patients";
import { loader as patientLoader } from "~/routes/_app.patients_.$patientId";
import { demoToday, seedDemoData } from "../../db/seed";
import * as s from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTenantGraph, type TenantGraph } from "../support/factories";
import { getAs, settle, type Identity } from "../support/requests";

let database: TestDatabase;
const who: Record<string, Identity> = {};
let other: TenantGraph;

beforeAll(async () => {
  database = await createTestDatabase("patients");
  installDatabaseHandle(database);
  await seedDemoData(database.db, { today: demoToday(), passwordHash: "not-a-hash" });
  for (const role of ["coordinator", "clinician", "biller"]) {
    const [user] = await database.db.select().from(s.users).where(eq(s.users.email, `${role}@riverside.example`));
    const [membership] = await database.db.select().from(s.memberships).where(eq(s.memberships.userId, user!.id));
    who[role] = { userId: user!.id, organizationId: membership!.organizationId };
  }
  other = await makeTenantGraph(database.db, "Elsewhere");
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

const list = async (role: string, query = "") => listLoader({ request: await getAs(who[role]!, `/patients${query}`), params: {}, context: {} });
const open = async (role: string, patientId: string) => settle(patientLoader({ request: await getAs(who[role]!, `/patients/${patientId}`), params: { patientId }, context: {} }));

describe("the patient list", () => {
  it("pages through every patient of the organization once, in name order", async () => {
    const demoPatients = await database.db.select({ n: sql<number>`count(*)::int` }).from(s.patients).where(eq(s.patients.organizationId, who.coordinator!.organizationId));
    const seen: { id: string; lastName: string; firstName: string }[] = [];
    let query = "";
    for (let i = 0; i < 20; i++) {
      const page = await list("coordinator", query);
      seen.push(...page.patients);
      if (!page.nextCursor) break;
      query = `?after=${page.nextCursor}`;
    }
    expect(seen.length).toBe(demoPatients[0]!.n);
    expect(new Set(seen.map((p) => p.id)).size).toBe(seen.length);
    expect(seen.some((p) => p.id === other.patientId)).toBe(false);
    const keys = seen.map((p) => `${p.lastName.toLowerCase()}\u0000${p.firstName.toLowerCase()}`);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("finds a patient by MRN or by name, and says nothing matches a stranger's name", async () => {
    const [patient] = await database.db.select().from(s.patients).where(eq(s.patients.organizationId, who.coordinator!.organizationId)).limit(1);
    const byMrn = await list("coordinator", `?q=${encodeURIComponent(patient!.mrn)}`);
    expect(byMrn.patients.map((p) => p.id)).toContain(patient!.id);
    expect(byMrn.patients.every((p) => p.mrn.includes(patient!.mrn))).toBe(true);
    const byName = await list("biller", `?q=${encodeURIComponent(`${patient!.lastName}, ${patient!.firstName}`)}`);
    expect(byName.patients.map((p) => p.id)).toContain(patient!.id);
    const [stranger] = await database.db.select().from(s.patients).where(eq(s.patients.id, other.patientId));
    expect((await list("coordinator", `?q=${encodeURIComponent(stranger!.mrn)}`)).patients).toEqual([]);
  });

  it("reads a malformed cursor as the first page", async () => {
    const first = await list("coordinator");
    const garbled = await list("coordinator", "?after=not-a-cursor");
    expect(garbled.patients.map((p) => p.id)).toEqual(first.patients.map((p) => p.id));
    expect(garbled.paged).toBe(false);
  });
});

describe("the patient page", () => {
  it("shows coverages, regimens, every case with its renewal chain, upcoming infusions and ledgers", async () => {
    // A patient with a renewal: the chain starts at the predecessor and links to the renewal.
    const [renewal] = await database.db
      .select({ id: s.authorizationCases.id, patientId: s.authorizationCases.patientId, predecessorCaseId: s.authorizationCases.predecessorCaseId })
      .from(s.authorizationCases)
      .where(isNotNull(s.authorizationCases.predecessorCaseId))
      .limit(1);
    const { value: page, response } = await open("coordinator", renewal!.patientId);
    expect(response).toBeUndefined();
    expect(page!.patient.id).toBe(renewal!.patientId);
    expect(page!.coverages.length).toBeGreaterThan(0);
    expect(page!.coverages[0]!.memberId).toBeTruthy();
    expect(page!.regimens.length).toBeGreaterThan(0);
    expect(page!.regimens[0]!.frequency).toBeTruthy();
    const cases = await database.db.select({ id: s.authorizationCases.id }).from(s.authorizationCases).where(eq(s.authorizationCases.patientId, renewal!.patientId));
    expect(page!.chains.flat().map((k) => k.id).sort()).toEqual(cases.map((k) => k.id).sort());
    const chain = page!.chains.find((ch) => ch.some((k) => k.id === renewal!.id))!;
    const at = chain.findIndex((k) => k.id === renewal!.id);
    expect(chain.findIndex((k) => k.id === renewal!.predecessorCaseId)).toBe(at - 1);
    expect(chain[at]!.predecessor?.id).toBe(renewal!.predecessorCaseId);
    for (const visit of page!.upcoming) expect(typeof visit.result.covered).toBe("boolean");
    for (const ledger of page!.ledgers) {
      expect(ledger.remaining).toBeCloseTo(ledger.authorized - ledger.used, 2);
      expect(cases.map((k) => k.id)).toContain(ledger.caseId);
    }
  });

  it("lists ledger entries under their authorization", async () => {
    const [entry] = await database.db
      .select({ caseId: s.unitLedgerEntries.caseId, patientId: s.authorizationCases.patientId })
      .from(s.unitLedgerEntries)
      .innerJoin(s.authorizationCases, eq(s.authorizationCases.id, s.unitLedgerEntries.caseId))
      .where(isNotNull(s.authorizationCases.authorizationNumber))
      .limit(1);
    const { value: page } = await open("clinician", entry!.patientId);
    const ledger = page!.ledgers.find((l) => l.caseId === entry!.caseId);
    expect(ledger?.entries.length).toBeGreaterThan(0);
  });

  it("answers 404 for another organization's patient and for a malformed id; a biller may read", async () => {
    const foreign = await open("coordinator", other.patientId);
    expect(foreign.response?.status).toBe(404);
    expect(foreign.value).toBeUndefined();
    expect((await open("coordinator", "not-a-uuid")).response?.status).toBe(404);
    const [patient] = await database.db.select().from(s.patients).where(eq(s.patients.organizationId, who.biller!.organizationId)).limit(1);
    const asBiller = (await open("biller", patient!.id)).value;
    expect(asBiller?.patient.id).toBe(patient!.id);
    // Billers read case pages (following a hold to the case that clears it), so the patient page links them there too.
    expect(asBiller?.canOpenCases).toBe(true);
    expect((await open("clinician", patient!.id)).value?.canOpenCases).toBe(true);
  });

  it("sends a visitor without a session to sign in", async () => {
    const [patient] = await database.db.select().from(s.patients).limit(1);
    const result = await settle(patientLoader({ request: new Request(`http://localhost/patients/${patient!.id}`), params: { patientId: patient!.id }, context: {} }));
    expect(result.response?.status).toBe(302);
  });
});

describe("case chains", () => {
  const at = (n: number) => new Date(Date.UTC(2026, 0, n));
  it("puts renewals after their predecessor and the newest chain first; a dangling link starts its own chain", () => {
    const chains = caseChains([
      { id: "a", predecessorCaseId: null, createdAt: at(1) },
      { id: "b", predecessorCaseId: "a", createdAt: at(5) },
      { id: "c", predecessorCaseId: null, createdAt: at(3) },
      { id: "d", predecessorCaseId: "gone", createdAt: at(2) },
    ]);
    expect(chains.map((ch) => ch.map((k) => k.id))).toEqual([["a", "b"], ["c"], ["d"]]);
  });
  it("never drops a case caught in a cycle", () => {
    const chains = caseChains([
      { id: "x", predecessorCaseId: "y", createdAt: at(1) },
      { id: "y", predecessorCaseId: "x", createdAt: at(2) },
    ]);
    expect(chains.flat().map((k) => k.id).sort()).toEqual(["x", "y"]);
  });
});
