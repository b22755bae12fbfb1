// The claim page through its route on real Postgres: a held claim shows its holds with the fix, dollars at risk and
// the case that would clear it; a biller's acknowledgement of a warning re-evaluates and releases the claim;
// "Re-evaluate now" is recorded in the history; only an admin may override, and only with a reason (a missing
// reason is a field error and writes nothing); another organization's claim is a 404; saline and premedications
// off the payer's prior-authorization list do not hold a claim.
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { installDatabaseHandle } from "~/db.server";
import { EmbeddedEngine } from "~/engine/embedded.server";
import type { Role } from "~/permissions";
import { action, loader } from "~/routes/_app.claims_.$claimId";
import { loader as claimsLoader } from "~/routes/_app.claims";
import * as s from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createCaseCommand, makeDrug, makeTenantGraph, type TenantGraph } from "../support/factories";
import { getAs, postAs, settle, type Identity } from "../support/requests";

let database: TestDatabase;
let engine: EmbeddedEngine;
const now = new Date("2026-03-05T15:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase("claim_page");
  installDatabaseHandle(database);
  engine = new EmbeddedEngine(database.db, { clock: () => now, log: () => {} });
  await makeDrug(database.db, { hcpcs: "J1745", billingUnitQuantity: 10, billingUnit: "mg" });
  await makeDrug(database.db, { hcpcs: "J7050", shortName: "normal saline", genericName: "sodium chloride 0.9%", billingUnitQuantity: 250, billingUnit: "mL" });
  const [asp] = await database.db
    .insert(s.referenceImports)
    .values({ kind: "asp", effectiveFrom: "2026-01-01", fileName: "2026Q1 ASP.csv", sha256: "00", encoding: "utf-8", rowsLoaded: 1, rowsRejected: 0 })
    .returning();
  await database.db.insert(s.aspPrices).values({ importId: asp!.id, effectiveFrom: "2026-01-01", hcpcs: "J1745", shortDescription: "Infliximab 10 mg", dosage: "10 MG", paymentLimit: 5.125, sourceLine: 2 });
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

interface World {
  graph: TenantGraph;
  caseId: string;
  as: Record<"coordinator" | "biller" | "admin", Identity>;
}

/** An organization with a coordinator, a biller and an admin, and a J1745 case submitted (and approved unless told). */
async function world(label: string, options: { approve?: boolean } = {}): Promise<World> {
  const graph = await makeTenantGraph(database.db, label, { role: "coordinator" });
  await database.db.update(s.authorizationCases).set({ status: "voided" }).where(eq(s.authorizationCases.id, graph.caseId));
  await database.db.update(s.facilities).set({ siteOfCare: "office", placeOfService: "11" }).where(eq(s.facilities.id, graph.facilityId));
  await database.db.update(s.claims).set({ status: "void" }).where(eq(s.claims.id, graph.claimId));
  const as = { coordinator: { userId: graph.userId, organizationId: graph.organizationId } } as World["as"];
  for (const role of ["biller", "admin"] as const satisfies Role[]) {
    const [user] = await database.db.insert(s.users).values({ email: `${role}-${randomUUID().slice(0, 8)}@example.test`, name: `${label} ${role}`, passwordHash: "not-a-hash" }).returning();
    await database.db.insert(s.memberships).values({ organizationId: graph.organizationId, userId: user!.id, role });
    as[role] = { userId: user!.id, organizationId: graph.organizationId };
  }
  const caseId = randomUUID();
  const run = async (command: Record<string, unknown>) => {
    const outcome = await engine.execute({ organizationId: graph.organizationId, actor: { userId: graph.userId, role: "coordinator" }, command: { caseId, ...command } });
    if (!outcome.ok) throw new Error(outcome.error.message);
  };
  await run(createCaseCommand(graph));
  await run({ type: "submit", channel: "fax", proofReference: "fax-1" });
  if (options.approve !== false) {
    await run({ type: "record-decision", outcome: "approved", authorizationNumber: "12345", effectiveFrom: "2026-01-15", effectiveTo: "2026-07-14", lines: [{ lineNumber: 1, authorizedUnits: 240 }] });
  }
  return { graph, caseId, as };
}

/** A coded claim: a J1745 drug line, an administration line, optionally a saline line and findings. */
async function makeClaim(g: TenantGraph, options: { units?: number; saline?: boolean; findings?: { severity: "error" | "warning"; rule: string }[] } = {}) {
  const dateOfService = "2026-03-04";
  const [encounter] = await database.db
    .insert(s.encounters)
    .values({ organizationId: g.organizationId, patientId: g.patientId, facilityId: g.facilityId, renderingProviderId: g.providerId, setting: "professional", dateOfService, diagnoses: ["K50.90"], weightKg: 80 })
    .returning();
  const [claim] = await database.db
    .insert(s.claims)
    .values({ organizationId: g.organizationId, claimNumber: `CL-${randomUUID().slice(0, 8)}`, encounterId: encounter!.id, patientId: g.patientId, coverageId: g.coverageId, setting: "professional", status: "draft", totalChargeCents: 250_000 })
    .returning();
  const line = (lineNumber: number, code: string, units: number, extra: Partial<typeof s.claimLines.$inferInsert> = {}) => ({ organizationId: g.organizationId, claimId: claim!.id, lineNumber, code, units, dateOfService, ...extra });
  await database.db.insert(s.claimLines).values([
    line(1, "J1745", options.units ?? 40, { ndc11: "57894003001", ndcQualifier: "UN", ndcQuantity: 4, modifiers: ["JZ"], chargeCents: 200_000 }),
    line(2, "96413", 1, { chargeCents: 50_000 }),
    ...(options.saline ? [line(3, "J7050", 1, { ndc11: "00338004904", ndcQualifier: "ML", ndcQuantity: 250 })] : []),
  ]);
  const findingIds: string[] = [];
  for (const f of options.findings ?? []) {
    const [row] = await database.db.insert(s.claimFindings).values({ organizationId: g.organizationId, claimId: claim!.id, lineNumber: 1, rule: f.rule, severity: f.severity, message: `${f.rule} on line 1` }).returning();
    findingIds.push(row!.id);
  }
  return { claimId: claim!.id, findingIds };
}

const args = (request: Request, claimId: string) => ({ request, params: { claimId }, context: {} });
const load = async (who: Identity, claimId: string) => settle(loader(args(await getAs(who, `/claims/${claimId}`), claimId)));
const post = async (who: Identity, claimId: string, fields: Record<string, string>) => settle(action(args(await postAs(who, `/claims/${claimId}`, fields), claimId)));
const claimRow = async (claimId: string) => (await database.db.select().from(s.claims).where(eq(s.claims.id, claimId)))[0]!;
const openHolds = (claimId: string) => database.db.select().from(s.claimHolds).where(and(eq(s.claimHolds.claimId, claimId), isNull(s.claimHolds.releasedAt)));
const auditOf = (claimId: string, action: string) => database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entityId, claimId), eq(s.auditLog.action, action)));

describe("the claim page", () => {
  it("shows a held claim's header, lines and holds with the fix, dollars at risk and the case that would clear it", async () => {
    const w = await world("Held", { approve: false });
    const { claimId } = await makeClaim(w.graph);
    const { value: first } = await post(w.as.biller, claimId, { intent: "reevaluate" });
    expect(first?.saved).toBe(true);
    expect(first?.message).toMatch(/still held/);

    const { value: page } = await load(w.as.biller, claimId);
    expect(page!.header).toMatchObject({ status: "held", setting: "professional", patientInitials: "PH", totalChargeCents: 250_000, dateOfService: "2026-03-04" });
    expect(page!.header.mrn).toMatch(/^Held-MRN-/);
    expect(page!.lines.map((l) => [l.lineNumber, l.code, l.units, l.modifiers, l.ndc11])).toEqual([
      [1, "J1745", 40, ["JZ"], "57894003001"],
      [2, "96413", 1, [], null],
    ]);
    const [hold] = page!.openHolds;
    expect(hold).toMatchObject({ caseId: w.caseId, atRiskCents: 20_500, lineNumber: 1 });
    expect(hold!.caseNumber).toMatch(/\S/);
    expect(hold!.message.length).toBeGreaterThan(0);
    expect(hold!.fix.length).toBeGreaterThan(0);
    expect(page!.atRiskCents).toBe(page!.openHolds.reduce((sum, h) => sum + h.atRiskCents, 0));
    expect(page!.canWork).toBe(true);
    expect(page!.canOverride).toBe(false);
    expect(page!.history.map((h) => h.kind)).toEqual(expect.arrayContaining(["coded", "hold-opened", "evaluated"]));
    expect(page!.history.find((h) => h.kind === "evaluated")?.actorName).toBe("Held biller");

    // The holds queue links each row to this page.
    const { value: queue } = await settle(claimsLoader({ request: await getAs(w.as.biller, "/claims"), params: {}, context: {} }));
    expect(queue!.holds.rows.some((r) => r.claimId === claimId)).toBe(true);
  });

  it("a biller's acknowledgement of the only warning re-evaluates and releases the claim", async () => {
    const w = await world("Warned");
    const { claimId, findingIds } = await makeClaim(w.graph, { findings: [{ severity: "warning", rule: "ADMIN_TIME_MISSING" }] });
    const { value: held } = await post(w.as.biller, claimId, { intent: "reevaluate" });
    expect(held?.saved).toBe(true);
    expect((await claimRow(claimId)).status).toBe("held");
    expect((await openHolds(claimId)).map((h) => h.reason)).toEqual(["coding-warning"]);

    // A coordinator reads the claim but may not acknowledge: a direct POST is refused.
    const { value: coordinatorView } = await load(w.as.coordinator, claimId);
    expect(coordinatorView!.canWork).toBe(false);
    const refused = await post(w.as.coordinator, claimId, { intent: "acknowledge-finding", findingId: findingIds[0]! });
    expect(refused.response?.status).toBe(403);

    const { value } = await post(w.as.biller, claimId, { intent: "acknowledge-finding", findingId: findingIds[0]! });
    expect(value?.saved).toBe(true);
    expect(value?.message).toMatch(/released/);
    const claim = await claimRow(claimId);
    expect(claim.status).toBe("released");
    expect(await openHolds(claimId)).toHaveLength(0);
    const { value: page } = await load(w.as.biller, claimId);
    expect(page!.findings[0]).toMatchObject({ acknowledgedByName: "Warned biller" });
    expect(page!.history.map((h) => h.kind)).toEqual(expect.arrayContaining(["finding-acknowledged", "hold-closed", "released"]));
  });

  it("refuses to acknowledge an error or another claim's finding, naming the field", async () => {
    const w = await world("Errors");
    const { claimId, findingIds } = await makeClaim(w.graph, { findings: [{ severity: "error", rule: "DRUG_NDC_MISSING" }] });
    const { value: error } = await post(w.as.biller, claimId, { intent: "acknowledge-finding", findingId: findingIds[0]! });
    expect(error?.saved).toBe(false);
    expect(error?.reply.error?.findingId?.[0]).toMatch(/Only warnings can be acknowledged/);
    const other = await makeClaim(w.graph, { findings: [{ severity: "warning", rule: "ADMIN_TIME_MISSING" }] });
    const { value: elsewhere } = await post(w.as.biller, claimId, { intent: "acknowledge-finding", findingId: other.findingIds[0]! });
    expect(elsewhere?.reply.error?.findingId?.[0]).toMatch(/not on this claim/);
    const { value: garbage } = await post(w.as.biller, claimId, { intent: "acknowledge-finding", findingId: "not-a-finding" });
    expect(garbage?.reply.error?.findingId?.[0]).toMatch(/Choose the warning/);
    const [finding] = await database.db.select().from(s.claimFindings).where(eq(s.claimFindings.id, other.findingIds[0]!));
    expect(finding!.acknowledgedAt).toBeNull();
  });

  it("only an admin may override, and only with a reason: a missing reason is a field error and writes nothing", async () => {
    const w = await world("Override", { approve: false });
    const { claimId } = await makeClaim(w.graph);
    await post(w.as.biller, claimId, { intent: "reevaluate" });
    expect((await openHolds(claimId)).length).toBeGreaterThan(0);

    for (const role of ["coordinator", "biller"] as const) {
      const { response } = await post(w.as[role], claimId, { intent: "override-holds", reason: "Payer confirmed by phone, ref 778" });
      expect(response?.status).toBe(403);
    }
    const { value: blank } = await post(w.as.admin, claimId, { intent: "override-holds", reason: "  ok " });
    expect(blank?.saved).toBe(false);
    expect(blank?.reply.error?.reason?.[0]).toMatch(/Reason: .*at least 5 characters/);
    expect((await claimRow(claimId)).status).toBe("held");
    expect((await openHolds(claimId)).length).toBeGreaterThan(0);
    expect(await auditOf(claimId, "claim-hold.overridden")).toHaveLength(0);

    const { value: adminView } = await load(w.as.admin, claimId);
    expect(adminView!.canOverride).toBe(true);
    const { value } = await post(w.as.admin, claimId, { intent: "override-holds", reason: "Payer confirmed by phone, ref 778" });
    expect(value?.saved).toBe(true);
    expect(value?.message).toMatch(/released/);
    expect((await claimRow(claimId)).status).toBe("released");
    expect(await openHolds(claimId)).toHaveLength(0);
    const [audit] = await auditOf(claimId, "claim-hold.overridden");
    expect(audit?.actorUserId).toBe(w.as.admin.userId);
    expect((audit?.detail as { reason?: string }).reason).toBe("Payer confirmed by phone, ref 778");
    const { value: page } = await load(w.as.biller, claimId);
    expect(page!.closedHolds[0]).toMatchObject({ overrideReason: "Payer confirmed by phone, ref 778", releasedByName: "Override admin" });
    const overridden = page!.history.find((h) => h.kind === "hold-overridden");
    expect(overridden?.actorName).toBe("Override admin");
    expect(overridden?.words).toContain("Payer confirmed by phone");
  });

  it("answers 404 for another organization's claim, on the page and on every action", async () => {
    const mine = await world("Mine");
    const theirs = await world("Theirs");
    const { claimId } = await makeClaim(theirs.graph, { findings: [{ severity: "warning", rule: "ADMIN_TIME_MISSING" }] });
    expect((await load(mine.as.biller, claimId)).response?.status).toBe(404);
    expect((await load(mine.as.biller, "not-a-claim")).response?.status).toBe(404);
    expect((await post(mine.as.biller, claimId, { intent: "reevaluate" })).response?.status).toBe(404);
    expect((await post(mine.as.admin, claimId, { intent: "override-holds", reason: "Payer confirmed by phone" })).response?.status).toBe(404);
    expect((await claimRow(claimId)).status).toBe("draft");
    expect(await auditOf(claimId, "claim-hold.overridden")).toHaveLength(0);
  });

  it("does not hold a claim for saline the payer's prior-authorization list leaves off", async () => {
    const listed = await world("Listed");
    await database.db.insert(s.payerRules).values({ organizationId: listed.graph.organizationId, payerId: listed.graph.payerId, kind: "pa-required", value: { hcpcs: ["J1745"] }, effectiveFrom: "2026-01-01", source: "Payer PA list" });
    const { claimId } = await makeClaim(listed.graph, { saline: true });
    const { value } = await post(listed.as.biller, claimId, { intent: "reevaluate" });
    expect(value?.message).toMatch(/released/);

    // With no list on file every catalog drug is checked: the saline line holds.
    const unlisted = await world("Unlisted");
    const other = await makeClaim(unlisted.graph, { saline: true });
    await post(unlisted.as.biller, other.claimId, { intent: "reevaluate" });
    expect((await claimRow(other.claimId)).status).toBe("held");
    expect((await openHolds(other.claimId)).map((h) => h.reason)).toEqual(["hcpcs-not-authorized"]);
  });
});
