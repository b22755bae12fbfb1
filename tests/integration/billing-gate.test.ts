// The release gate on real Postgres: approved claims release and deduct once; units, dates and site of care hold
// with the fix; a biosimilar the payer mapped releases; an approval arriving later releases the held claim through
// the embedded engine's outbox; overrides are admin-only and audited; aging alerts go out once per threshold.
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import * as s from "../../db/schema";
import {
  RELEASE_COLUMNS,
  releasedClaimRows,
  toCsv,
  toJsonLines,
} from "~/billing/export.server";
import { evaluateClaim, evaluateClaims } from "~/billing/gate.server";
import { acknowledgeFinding } from "~/billing/findings.server";
import {
  enqueueHoldAgingAlerts,
  overrideClaimHolds,
} from "~/billing/holds.server";
import { EmbeddedEngine } from "~/engine/embedded.server";
import { composeOutboxEmail } from "~/email.server";
import { withTenant } from "../../db/tenant";
import { createTestDatabase, type TestDatabase } from "../support/database";
import {
  createCaseCommand,
  makeDrug,
  makeTenantGraph,
  type TenantGraph,
} from "../support/factories";

let database: TestDatabase;
let now = new Date("2026-03-05T15:00:00Z");
let engine: EmbeddedEngine;
let infliximab: Awaited<ReturnType<typeof makeDrug>>;
let biosimilar: Awaited<ReturnType<typeof makeDrug>>;

beforeAll(async () => {
  database = await createTestDatabase("billing_gate");
  engine = new EmbeddedEngine(database.db, { clock: () => now, log: () => {} });
  infliximab = await makeDrug(database.db, {
    hcpcs: "J1745",
    billingUnitQuantity: 10,
    billingUnit: "mg",
  });
  biosimilar = await makeDrug(database.db, {
    hcpcs: "Q5103",
    shortName: "infliximab-dyyb",
    billingUnitQuantity: 10,
    billingUnit: "mg",
    referenceHcpcs: "J1745",
  });
  const [asp] = await database.db
    .insert(s.referenceImports)
    .values({
      kind: "asp",
      effectiveFrom: "2026-01-01",
      fileName: "2026Q1 ASP.csv",
      sha256: "00",
      encoding: "utf-8",
      rowsLoaded: 1,
      rowsRejected: 0,
    })
    .returning();
  await database.db
    .insert(s.aspPrices)
    .values({
      importId: asp!.id,
      effectiveFrom: "2026-01-01",
      hcpcs: "J1745",
      shortDescription: "Infliximab 10 mg",
      dosage: "10 MG",
      paymentLimit: 5.125,
      sourceLine: 2,
    });
});
afterAll(async () => database?.destroy());

interface Scenario {
  graph: TenantGraph;
  caseId: string;
}

const actor = (g: TenantGraph) => ({
  userId: g.userId,
  role: "coordinator" as const,
});

async function run(
  g: TenantGraph,
  caseId: string,
  command: Record<string, unknown>,
) {
  const outcome = await engine.execute({
    organizationId: g.organizationId,
    actor: actor(g),
    command: { caseId, ...command },
  });
  if (!outcome.ok) throw new Error(outcome.error.message);
}

const approval = (mappedHcpcs: string[] = []) => ({
  type: "record-decision",
  outcome: "approved",
  authorizationNumber: "12345",
  effectiveFrom: "2026-01-15",
  effectiveTo: "2026-07-14",
  lines: [{ lineNumber: 1, authorizedUnits: 240, mappedHcpcs }],
});

/** A patient with a J1745 case, submitted and (unless told otherwise) approved for 240 units, billed in an office. */
async function scenario(
  label: string,
  options: { approve?: boolean; mappedHcpcs?: string[] } = {},
): Promise<Scenario> {
  const graph = await makeTenantGraph(database.db, label);
  // The factory's placeholder case has no real history: take it out of the gate's way.
  await database.db
    .update(s.authorizationCases)
    .set({ status: "voided" })
    .where(eq(s.authorizationCases.id, graph.caseId));
  await database.db
    .update(s.facilities)
    .set({ siteOfCare: "office", placeOfService: "11" })
    .where(eq(s.facilities.id, graph.facilityId));
  await database.db
    .update(s.claims)
    .set({ status: "void" })
    .where(eq(s.claims.id, graph.claimId));
  const caseId = randomUUID();
  await run(graph, caseId, createCaseCommand(graph));
  await run(graph, caseId, {
    type: "submit",
    channel: "fax",
    proofReference: "fax-1",
  });
  if (options.approve !== false)
    await run(graph, caseId, approval(options.mappedHcpcs));
  return { graph, caseId };
}

/** A coded claim for one visit: one drug line (and an administration line). */
async function makeClaim(
  g: TenantGraph,
  line: {
    code?: string;
    units?: number;
    dateOfService?: string;
    ndc11?: string | null;
  } = {},
) {
  const dateOfService = line.dateOfService ?? "2026-03-04";
  const [encounter] = await database.db
    .insert(s.encounters)
    .values({
      organizationId: g.organizationId,
      patientId: g.patientId,
      facilityId: g.facilityId,
      renderingProviderId: g.providerId,
      setting: "professional",
      dateOfService,
      diagnoses: ["K50.90"],
      weightKg: 80,
    })
    .returning();
  const [claim] = await database.db
    .insert(s.claims)
    .values({
      organizationId: g.organizationId,
      claimNumber: `CL-${randomUUID().slice(0, 8)}`,
      encounterId: encounter!.id,
      patientId: g.patientId,
      coverageId: g.coverageId,
      setting: "professional",
      status: "draft",
    })
    .returning();
  const [drugLine] = await database.db
    .insert(s.claimLines)
    .values({
      organizationId: g.organizationId,
      claimId: claim!.id,
      lineNumber: 1,
      code: line.code ?? "J1745",
      units: line.units ?? 40,
      dateOfService,
      ndc11: line.ndc11 === undefined ? "57894003001" : line.ndc11,
      modifiers: ["JZ"],
    })
    .returning();
  await database.db
    .insert(s.claimLines)
    .values({
      organizationId: g.organizationId,
      claimId: claim!.id,
      lineNumber: 2,
      code: "96413",
      units: 1,
      dateOfService,
    });
  return { claimId: claim!.id, drugLineId: drugLine!.id };
}

const openHolds = (claimId: string) =>
  database.db
    .select()
    .from(s.claimHolds)
    .where(
      and(eq(s.claimHolds.claimId, claimId), isNull(s.claimHolds.releasedAt)),
    );
const claimRow = async (claimId: string) =>
  (
    await database.db.select().from(s.claims).where(eq(s.claims.id, claimId))
  )[0]!;
const billedEntries = (claimLineId: string) =>
  database.db
    .select()
    .from(s.unitLedgerEntries)
    .where(
      and(
        eq(s.unitLedgerEntries.sourceType, "claim_line"),
        eq(s.unitLedgerEntries.sourceId, claimLineId),
      ),
    );

describe("the release gate", () => {
  it("releases a claim for an approved case and deducts its units once", async () => {
    const { graph, caseId } = await scenario("Approved");
    const { claimId, drugLineId } = await makeClaim(graph);
    const first = await evaluateClaim(database.db, {
      organizationId: graph.organizationId,
      claimId,
      now,
    });
    expect(first).toMatchObject({
      claimId,
      status: "released",
      openHolds: [],
      releasedAt: now.toISOString(),
    });
    expect((await claimRow(claimId)).status).toBe("released");
    expect(
      (await billedEntries(drugLineId)).map((e) => [e.kind, e.units, e.caseId]),
    ).toEqual([["billed", -40, caseId]]);
    const state = await engine.readCase(graph.organizationId, caseId);
    expect(state?.usage?.lines[0]?.usedUnits).toBe(40);

    const second = await evaluateClaim(database.db, {
      organizationId: graph.organizationId,
      claimId,
      now,
    });
    expect(second.status).toBe("unchanged");
    expect(await billedEntries(drugLineId)).toHaveLength(1);
    expect(
      (await engine.readCase(graph.organizationId, caseId))?.usage?.lines[0]
        ?.usedUnits,
    ).toBe(40);
  });

  it("holds a claim whose units exceed what is left, with the fix and the dollars at risk, once", async () => {
    const { graph, caseId } = await scenario("Units");
    const { claimId, drugLineId } = await makeClaim(graph, { units: 250 });
    const first = await evaluateClaim(database.db, {
      organizationId: graph.organizationId,
      claimId,
      now,
    });
    expect(first.status).toBe("held");
    expect(first.openHolds).toEqual([
      expect.objectContaining({
        field: "units",
        reason: "units-exceeded",
        caseId,
        message: "Units exceed remaining: 250 billed, 240 left on auth 12345.",
      }),
    ]);
    const [hold] = await openHolds(claimId);
    expect(hold).toMatchObject({
      claimLineId: drugLineId,
      atRiskCents: 128125,
    });
    expect((await claimRow(claimId)).status).toBe("held");

    const second = await evaluateClaim(database.db, {
      organizationId: graph.organizationId,
      claimId,
      now: new Date(now.getTime() + 60_000),
    });
    expect(second.status).toBe("unchanged");
    expect(second.openHolds[0]?.openedAt).toBe(first.openHolds[0]?.openedAt);
    expect(await openHolds(claimId)).toHaveLength(1);
    expect(await billedEntries(drugLineId)).toHaveLength(0);
  });

  it("evaluates a batch of one patient's claims in turn: the second sees the units the first took", async () => {
    const { graph, caseId } = await scenario("Batch");
    const first = await makeClaim(graph, { units: 150 });
    const second = await makeClaim(graph, { units: 150, dateOfService: "2026-03-05" });
    const results = await evaluateClaims(database.db, {
      organizationId: graph.organizationId,
      claimIds: [first.claimId, second.claimId],
      now,
    });
    expect(results.map((r) => [r.claimId, r.status])).toEqual([
      [first.claimId, "released"],
      [second.claimId, "held"],
    ]);
    expect(results[1]!.openHolds).toEqual([
      expect.objectContaining({
        reason: "units-exceeded",
        caseId,
        message: "Units exceed remaining: 150 billed, 90 left on auth 12345.",
      }),
    ]);
    expect(
      (await billedEntries(first.drugLineId)).map((e) => e.units),
    ).toEqual([-150]);
    expect(await billedEntries(second.drugLineId)).toHaveLength(0);
  });

  it("holds a claim dated after the authorization expired", async () => {
    const { graph, caseId } = await scenario("Expired");
    const { claimId } = await makeClaim(graph, { dateOfService: "2026-08-03" });
    const result = await evaluateClaim(database.db, {
      organizationId: graph.organizationId,
      claimId,
      now: new Date("2026-08-04T15:00:00Z"),
    });
    expect(result.status).toBe("held");
    expect(result.openHolds.map((h) => [h.field, h.reason, h.caseId])).toEqual([
      ["dates", "outside-dates", caseId],
    ]);
    expect(result.openHolds[0]?.fix).toMatch(/renewal/);
  });

  it("holds a claim billed from a site of care the payer did not authorize", async () => {
    const { graph } = await scenario("Site");
    await database.db
      .update(s.facilities)
      .set({ siteOfCare: "hopd_on_campus", placeOfService: "22" })
      .where(eq(s.facilities.id, graph.facilityId));
    const { claimId } = await makeClaim(graph);
    const result = await evaluateClaim(database.db, {
      organizationId: graph.organizationId,
      claimId,
      now,
    });
    expect(result.status).toBe("held");
    expect(result.openHolds.map((h) => h.reason)).toContain("site-of-care");
    expect(
      result.openHolds.find((h) => h.reason === "site-of-care")?.fix,
    ).toMatch(/site-of-care exception/);
  });

  it("releases a biosimilar switch the payer mapped to the authorization", async () => {
    const { graph } = await scenario("Biosimilar", {
      mappedHcpcs: [biosimilar.hcpcs],
    });
    const { claimId } = await makeClaim(graph, { code: biosimilar.hcpcs });
    const result = await evaluateClaim(database.db, {
      organizationId: graph.organizationId,
      claimId,
      now,
    });
    expect(result).toMatchObject({ status: "released", openHolds: [] });
    expect(infliximab.hcpcs).toBe("J1745");
  });

  it("releases a held claim by itself once the approval arrives (embedded driver)", async () => {
    const { graph, caseId } = await scenario("Later", { approve: false });
    const { claimId, drugLineId } = await makeClaim(graph);
    const held = await evaluateClaim(database.db, {
      organizationId: graph.organizationId,
      claimId,
      now,
    });
    expect(held.status).toBe("held");
    expect(held.openHolds).toContainEqual(
      expect.objectContaining({
        field: "status",
        reason: "authorization-pending",
        caseId,
      }),
    );

    now = new Date(now.getTime() + 3_600_000);
    await run(graph, caseId, approval());
    // The approval queued a claim-reevaluation for the patient; the sweep delivers it.
    for (let i = 0; i < 3; i++) await engine.sweepOnce();
    const claim = await claimRow(claimId);
    expect(claim.status).toBe("released");
    expect(await openHolds(claimId)).toHaveLength(0);
    const closed = await database.db
      .select()
      .from(s.claimHolds)
      .where(eq(s.claimHolds.claimId, claimId));
    expect(
      closed.every((h) => h.releasedAt !== null && h.releasedById === null),
    ).toBe(true);
    expect(await billedEntries(drugLineId)).toHaveLength(1);
  });

  it("lets only an admin override, with a reason, and audits it", async () => {
    const { graph } = await scenario("Override");
    const { claimId } = await makeClaim(graph, { units: 250 });
    await evaluateClaim(database.db, {
      organizationId: graph.organizationId,
      claimId,
      now,
    });
    const base = { organizationId: graph.organizationId, claimId, now };
    expect(
      await overrideClaimHolds(database.db, {
        ...base,
        actor: { userId: graph.userId, roles: ["biller"] },
        reason: "Payer confirmed by phone",
      }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(
      await overrideClaimHolds(database.db, {
        ...base,
        actor: { userId: graph.userId, roles: ["admin"] },
        reason: "  ",
      }),
    ).toMatchObject({ ok: false, code: "REASON_REQUIRED" });
    expect(await openHolds(claimId)).toHaveLength(1);
    expect(
      await overrideClaimHolds(database.db, {
        ...base,
        actor: { userId: graph.userId, roles: ["admin"] },
        reason: "Payer confirmed 250 units by phone, ref 8812",
      }),
    ).toEqual({ ok: true, released: true });
    expect((await claimRow(claimId)).status).toBe("released");
    const [hold] = await database.db
      .select()
      .from(s.claimHolds)
      .where(eq(s.claimHolds.claimId, claimId));
    expect(hold).toMatchObject({
      releasedById: graph.userId,
      overrideReason: "Payer confirmed 250 units by phone, ref 8812",
    });
    const audit = await database.db
      .select()
      .from(s.auditLog)
      .where(
        and(
          eq(s.auditLog.entityId, claimId),
          eq(s.auditLog.action, "claim-hold.overridden"),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: graph.userId,
      detail: expect.objectContaining({
        reason: "Payer confirmed 250 units by phone, ref 8812",
      }) as unknown,
    });
  });

  it("alerts billers once per aging threshold, without PHI", async () => {
    const { graph } = await scenario("Aging");
    await database.db
      .update(s.memberships)
      .set({ role: "biller" })
      .where(eq(s.memberships.organizationId, graph.organizationId));
    const { claimId } = await makeClaim(graph, { units: 250 });
    const opened = new Date("2026-03-05T15:00:00Z");
    await evaluateClaim(database.db, {
      organizationId: graph.organizationId,
      claimId,
      now: opened,
    });
    const [hold] = await openHolds(claimId);
    const alerts = () =>
      database.db
        .select()
        .from(s.outbox)
        .where(
          and(
            eq(s.outbox.organizationId, graph.organizationId),
            eq(s.outbox.topic, "email"),
          ),
        );
    const day = (n: number) =>
      new Date(opened.getTime() + n * 86_400_000 + 60_000);
    // The factory's billing setting: alerts at 3 and 7 days.
    await enqueueHoldAgingAlerts(database.db, { now: day(2) });
    expect(
      (await alerts()).filter((r) => r.businessKey.startsWith("hold-aging:")),
    ).toHaveLength(0);
    await enqueueHoldAgingAlerts(database.db, { now: day(3) });
    await enqueueHoldAgingAlerts(database.db, { now: day(4) });
    expect(
      (await alerts())
        .filter((r) => r.businessKey.startsWith("hold-aging:"))
        .map((r) => r.businessKey),
    ).toEqual([`hold-aging:${hold!.id}:3`]);
    await enqueueHoldAgingAlerts(database.db, { now: day(8) });
    const keys = (await alerts())
      .filter((r) => r.businessKey.startsWith("hold-aging:"))
      .map((r) => r.businessKey)
      .sort();
    expect(keys).toEqual([
      `hold-aging:${hold!.id}:3`,
      `hold-aging:${hold!.id}:7`,
    ]);
    const body = JSON.stringify(
      (await alerts()).find((r) => r.businessKey.startsWith("hold-aging:"))
        ?.payload,
    );
    expect(body).toContain("PA");
    expect(body).not.toMatch(/Agingpatient|1970-05-01|MRN/);

    // The deliverer renders it with the hold-aging template (no dead letter), and sends nothing once the hold is released.
    const row = (await alerts()).find(
      (r) => r.businessKey === `hold-aging:${hold!.id}:7`,
    )!;
    const settings = {
      appUrl: "https://pa.example.org",
      secret: "x".repeat(32),
    };
    const email = await withTenant(database.db, graph.organizationId, (tx) =>
      composeOutboxEmail(tx, row, settings),
    );
    expect(email.to.length).toBeGreaterThan(0);
    expect(email.rendered.subject).toMatch(/^Claim \S+ held 7\+ days: /);
    expect(email.rendered.text).toContain("/claims?reason=");
    expect(email.rendered.text).not.toMatch(/Agingpatient|MRN/);
    await database.db
      .update(s.claimHolds)
      .set({ releasedAt: day(9) })
      .where(eq(s.claimHolds.id, hold!.id));
    const afterRelease = await withTenant(
      database.db,
      graph.organizationId,
      (tx) => composeOutboxEmail(tx, row, settings),
    );
    expect(afterRelease.to).toEqual([]);
    expect(afterRelease.skipped).toMatch(/released/);
  });

  it("exports released claims as CSV and JSON lines with the documented columns", async () => {
    const { graph } = await scenario("Export");
    const { claimId } = await makeClaim(graph);
    await evaluateClaim(database.db, {
      organizationId: graph.organizationId,
      claimId,
      now,
    });
    const rows = await releasedClaimRows(database.db, {
      organizationId: graph.organizationId,
    });
    expect(
      rows.map((r) => [r.line_number, r.code, r.units, r.authorization_number]),
    ).toEqual([
      [1, "J1745", 40, "12345"],
      [2, "96413", 1, null],
    ]);
    const csv = toCsv(rows).split("\r\n");
    expect(csv[0]).toBe(RELEASE_COLUMNS.join(","));
    expect(csv).toHaveLength(4);
    const lines = toJsonLines(rows)
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(lines[0]!)).toEqual([...RELEASE_COLUMNS]);
  });

  it("holds a claim on an unacknowledged warning and releases it once a biller acknowledges it", async () => {
    const { graph } = await scenario("Warning");
    const { claimId } = await makeClaim(graph);
    const [finding] = await database.db
      .insert(s.claimFindings)
      .values({
        organizationId: graph.organizationId,
        claimId,
        lineNumber: 2,
        rule: "ADMIN_TIME_MISSING",
        severity: "warning",
        message: "Stop time missing.",
      })
      .returning();
    const held = await evaluateClaim(database.db, {
      organizationId: graph.organizationId,
      claimId,
      now,
    });
    expect(held.openHolds.map((h) => [h.field, h.reason])).toEqual([
      ["coding", "coding-warning"],
    ]);
    expect(
      await acknowledgeFinding(database.db, {
        organizationId: graph.organizationId,
        findingId: finding!.id,
        actor: { userId: graph.userId, roles: ["clinician"] },
      }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const acknowledged = await acknowledgeFinding(database.db, {
      organizationId: graph.organizationId,
      findingId: finding!.id,
      actor: { userId: graph.userId, roles: ["biller"] },
      now,
    });
    expect(acknowledged).toMatchObject({
      ok: true,
      evaluation: { status: "released" },
    });
  });
});
