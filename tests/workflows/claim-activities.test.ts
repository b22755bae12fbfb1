// The claim-release activities through MockActivityEnvironment against a real database, each run twice: first with a
// stand-in gate (the wiring, the tenant scoping, the idempotency), then with the real gate (app/billing/gate.server.ts),
// held and released.
import { MockActivityEnvironment } from "@temporalio/testing";
import { ApplicationFailure } from "@temporalio/common";
import { and, eq, isNull } from "drizzle-orm";
import * as s from "../../db/schema";
import { createActivities, type BillingDependencies, type ClaimEvaluation, type HoldAgingAlert } from "../../activities";
import { withTenant } from "../../db/tenant";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createCaseCommand, makeDrug, makeTenantGraph } from "../support/factories";
import { randomUUID } from "node:crypto";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("claimact");
});
afterAll(async () => database?.destroy());

const NOW = "2026-01-12T14:00:00.000Z";
const run = <A extends unknown[], R>(activity: (...args: A) => Promise<R>, ...args: A): Promise<R> =>
  new MockActivityEnvironment({ attempt: 2 }, { logger: quiet }).run<A, R, typeof activity>(activity, ...args);
const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (error: unknown) => error,
  );

/** A stand-in gate with the real one's contract: release once (holds closed, claim released), then report the same. */
const releasingGate: BillingDependencies = {
  async evaluateClaim(db, { organizationId, claimId, now = new Date() }): Promise<ClaimEvaluation> {
    return withTenant(db, organizationId, async (tx) => {
      const [claim] = await tx.select().from(s.claims).where(eq(s.claims.id, claimId));
      if (!claim) throw new Error(`claim ${claimId} not found`);
      if (claim.status === "released") return { claimId, status: "unchanged", openHolds: [], releasedAt: claim.releasedAt!.toISOString() };
      await tx.update(s.claimHolds).set({ releasedAt: now }).where(and(eq(s.claimHolds.claimId, claimId), isNull(s.claimHolds.releasedAt)));
      await tx.update(s.claims).set({ status: "released", releasedAt: now }).where(eq(s.claims.id, claimId));
      return { claimId, status: "released", openHolds: [], releasedAt: now.toISOString() };
    });
  },
};

test("evaluateClaim: the injected gate releases the claim once; a retry reports the same release", async () => {
  const graph = await makeTenantGraph(database.db, "ClaimGate");
  const activities = createActivities({ db: database.db, clock: () => new Date(NOW), billing: releasingGate });
  const first = await run(activities.evaluateClaim, { organizationId: graph.organizationId, claimId: graph.claimId });
  const again = await run(activities.evaluateClaim, { organizationId: graph.organizationId, claimId: graph.claimId });
  expect(first).toMatchObject({ status: "released", releasedAt: NOW });
  expect(again).toMatchObject({ status: "unchanged", releasedAt: NOW });
  const [claim] = await database.db.select({ status: s.claims.status }).from(s.claims).where(eq(s.claims.id, graph.claimId));
  expect(claim).toEqual({ status: "released" });
});

test("evaluateClaim and notifyHoldAging without the billing dependency fail for good, naming what is missing", async () => {
  const graph = await makeTenantGraph(database.db, "NoBilling");
  const activities = createActivities({ db: database.db, clock: () => new Date(NOW) });
  for (let attempt = 0; attempt < 2; attempt++) {
    const failure = await failureOf(run(activities.evaluateClaim, { organizationId: graph.organizationId, claimId: graph.claimId }));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: "MissingDependency", nonRetryable: true });
    expect((failure as Error).message).toContain("billing.evaluateClaim");
  }
  const withoutAlerts = createActivities({ db: database.db, billing: releasingGate });
  const alert = { organizationId: graph.organizationId, claimId: graph.claimId, thresholdDays: 7, oldestOpenedAt: NOW, openHolds: [] };
  const failure = await failureOf(run(withoutAlerts.notifyHoldAging, alert));
  expect(failure).toMatchObject({ type: "MissingDependency", nonRetryable: true });
  expect((failure as Error).message).toContain("billing.enqueueHoldAgingAlert");
});

test("notifyHoldAging: the alert reaches the injected notifier with the claim, the threshold and the worker's time", async () => {
  const graph = await makeTenantGraph(database.db, "Aging");
  const alerts: HoldAgingAlert[] = [];
  const activities = createActivities({
    db: database.db,
    clock: () => new Date(NOW),
    billing: { ...releasingGate, enqueueHoldAgingAlert: async (_db, alert) => void alerts.push(alert) },
  });
  const alert = { organizationId: graph.organizationId, claimId: graph.claimId, thresholdDays: 7, oldestOpenedAt: "2026-01-05T09:00:00.000Z", openHolds: [] };
  await run(activities.notifyHoldAging, alert);
  expect(alerts).toEqual([{ ...alert, now: new Date(NOW) }]);
});

test("deliverOutbox: a claim-reevaluation row signals each held claim of the patient once, never another tenant's", async () => {
  const graph = await makeTenantGraph(database.db, "Reevaluate");
  const other = await makeTenantGraph(database.db, "ReevaluateOther");
  const signalled: { organizationId: string; claimId: string; caseId: string; reason: string }[] = [];
  const activities = createActivities({
    db: database.db,
    clock: () => new Date(NOW),
    signalClaimRelease: async (organizationId, claimId, change) => void signalled.push({ organizationId, claimId, ...change }),
  });
  const row = (g: typeof graph, patientId: string) => ({
    organizationId: g.organizationId,
    topic: "claim-reevaluation",
    businessKey: `claim-reevaluation:${g.caseId}:2`,
    payload: { caseId: g.caseId, patientId, reason: "decision-recorded" },
    availableAt: new Date(NOW),
    createdAt: new Date(NOW),
  });
  // The second row names the first tenant's patient from the other tenant: row-level security finds nothing.
  await database.db.insert(s.outbox).values([row(graph, graph.patientId), row(other, graph.patientId)]);
  const first = await run(activities.deliverOutbox);
  const second = await run(activities.deliverOutbox);
  expect(first.delivered).toBeGreaterThanOrEqual(2);
  expect(second).toMatchObject({ claimed: 0, delivered: 0 });
  expect(signalled).toEqual([{ organizationId: graph.organizationId, claimId: graph.claimId, caseId: graph.caseId, reason: "decision-recorded" }]);
});

function noop() {}
const quiet = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };

test("evaluateClaim with the real billing gate: a second attempt changes nothing (no second deduction, no duplicate hold)", async () => {
  const { evaluateClaim } = await import("../../app/billing/gate.server");
  const graph = await makeTenantGraph(database.db, "RealGate");
  // The factory's placeholder case has no real history (as in tests/integration/billing-gate.test.ts): out of the way,
  // so the claim has no authorization behind it and the real gate holds it.
  await database.db.update(s.authorizationCases).set({ status: "voided" }).where(eq(s.authorizationCases.id, graph.caseId));
  const activities = createActivities({ db: database.db, clock: () => new Date(NOW), billing: { evaluateClaim } });
  const snapshot = () =>
    withTenant(database.db, graph.organizationId, async (tx) => ({
      ledger: (await tx.select({ id: s.unitLedgerEntries.id }).from(s.unitLedgerEntries)).length,
      openHolds: (await tx.select({ id: s.claimHolds.id }).from(s.claimHolds).where(and(eq(s.claimHolds.claimId, graph.claimId), isNull(s.claimHolds.releasedAt)))).length,
      claim: (await tx.select({ status: s.claims.status }).from(s.claims).where(eq(s.claims.id, graph.claimId)))[0]?.status,
    }));
  const first = await run(activities.evaluateClaim, { organizationId: graph.organizationId, claimId: graph.claimId });
  const afterFirst = await snapshot();
  const again = await run(activities.evaluateClaim, { organizationId: graph.organizationId, claimId: graph.claimId });
  expect(first.status).toBe("held");
  expect(first.openHolds.length).toBeGreaterThan(0);
  expect(afterFirst).toMatchObject({ claim: "held", openHolds: first.openHolds.length });
  expect(again.status).toBe("unchanged");
  expect(await snapshot()).toEqual(afterFirst);
  expect(again.openHolds.map((h) => h.reason)).toEqual(first.openHolds.map((h) => h.reason));
});

test("evaluateClaim with the real billing gate on an approved case: released once, its units deducted once, a retry reports the same release", async () => {
  const { evaluateClaim } = await import("../../app/billing/gate.server");
  await makeDrug(database.db, { hcpcs: "J1745", billingUnitQuantity: 10, billingUnit: "mg" });
  const graph = await makeTenantGraph(database.db, "RealGateRelease");
  // As in tests/integration/billing-gate.test.ts: the factory's placeholder case and claim out of the way, an office visit.
  await database.db.update(s.authorizationCases).set({ status: "voided" }).where(eq(s.authorizationCases.id, graph.caseId));
  await database.db.update(s.claims).set({ status: "void" }).where(eq(s.claims.id, graph.claimId));
  await database.db.update(s.facilities).set({ siteOfCare: "office", placeOfService: "11" }).where(eq(s.facilities.id, graph.facilityId));
  const activities = createActivities({ db: database.db, clock: () => new Date(NOW), billing: { evaluateClaim } });
  // The case is created, submitted and approved through the case activity the workflow uses.
  const caseId = randomUUID();
  const actor = { userId: graph.userId, role: "coordinator" as const };
  let version = 0;
  for (const command of [
    createCaseCommand(graph, { caseId }),
    { type: "submit", caseId, channel: "fax", proofReference: "fax-1" },
    { type: "record-decision", caseId, outcome: "approved", authorizationNumber: "12345", effectiveFrom: "2026-01-15", effectiveTo: "2026-07-14", lines: [{ lineNumber: 1, authorizedUnits: 240, mappedHcpcs: [] }] },
  ]) {
    const outcome = await run(activities.applyCaseCommand, { organizationId: graph.organizationId, command, actor, expectedVersion: version, now: NOW, commandId: randomUUID() });
    if (!outcome.ok) throw new Error(outcome.error.message);
    version = outcome.state.version;
  }
  const [encounter] = await database.db
    .insert(s.encounters)
    .values({ organizationId: graph.organizationId, patientId: graph.patientId, facilityId: graph.facilityId, renderingProviderId: graph.providerId, setting: "professional", dateOfService: "2026-03-04", diagnoses: ["K50.90"], weightKg: 80 })
    .returning();
  const [claim] = await database.db
    .insert(s.claims)
    .values({ organizationId: graph.organizationId, claimNumber: `CL-${randomUUID().slice(0, 8)}`, encounterId: encounter!.id, patientId: graph.patientId, coverageId: graph.coverageId, setting: "professional", status: "draft" })
    .returning();
  const [drugLine] = await database.db
    .insert(s.claimLines)
    .values({ organizationId: graph.organizationId, claimId: claim!.id, lineNumber: 1, code: "J1745", units: 40, dateOfService: "2026-03-04", ndc11: "57894003001", modifiers: ["JZ"] })
    .returning();
  await database.db.insert(s.claimLines).values({ organizationId: graph.organizationId, claimId: claim!.id, lineNumber: 2, code: "96413", units: 1, dateOfService: "2026-03-04" });
  const billed = () =>
    database.db
      .select({ units: s.unitLedgerEntries.units, caseId: s.unitLedgerEntries.caseId })
      .from(s.unitLedgerEntries)
      .where(and(eq(s.unitLedgerEntries.sourceType, "claim_line"), eq(s.unitLedgerEntries.sourceId, drugLine!.id)));

  const first = await run(activities.evaluateClaim, { organizationId: graph.organizationId, claimId: claim!.id });
  const again = await run(activities.evaluateClaim, { organizationId: graph.organizationId, claimId: claim!.id });
  expect(first).toMatchObject({ status: "released", openHolds: [], releasedAt: NOW });
  expect(again).toMatchObject({ status: "unchanged", openHolds: [], releasedAt: NOW });
  expect(await billed()).toEqual([{ units: -40, caseId }]);
  const [stored] = await database.db.select({ status: s.claims.status, releasedAt: s.claims.releasedAt }).from(s.claims).where(eq(s.claims.id, claim!.id));
  expect(stored).toEqual({ status: "released", releasedAt: new Date(NOW) });
});
