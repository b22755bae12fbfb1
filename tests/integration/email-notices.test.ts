// Decision notices, recipients and the daily digest end to end: the lifecycle writes the rows, the sweep delivers
// them through the real `resend` SDK to a local capture server. Who gets what follows the organization's defaults,
// each member's preferences and the provider's delegate nurse; emails carry the organization's brand and reply-to.
import { randomUUID } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { produceDailyDigests } from "~/email-digest.server";
import { saveEmailSettings, saveMemberPreferences, saveProviderDelegate } from "~/email-preferences.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { PROVIDER_EMAIL, emailHarness, expectNoPhi, phiOf, type EmailHarness } from "../support/email-harness";
import { createCaseCommand } from "../support/factories";
import { startResendCapture, type ResendCapture } from "../support/resend-capture";

let database: TestDatabase;
let capture: ResendCapture;
beforeAll(async () => {
  database = await createTestDatabase("email_notices");
  capture = await startResendCapture();
});
afterAll(async () => {
  await capture?.close();
  await database?.destroy();
});

const approval = { outcome: "partially_approved", authorizationNumber: "AUTH-551", effectiveFrom: "2026-01-15", effectiveTo: "2026-07-14", lines: [{ lineNumber: 1, authorizedUnits: 200, mappedHcpcs: [] }] };

async function submittedCase(h: EmailHarness) {
  const caseId = randomUUID();
  await h.run(createCaseCommand(h.graph, { caseId, regimenId: h.graph.regimenId }));
  await h.run({ type: "assign", caseId, assigneeId: h.graph.userId });
  await h.run({ type: "submit", caseId, channel: "portal", proofReference: "portal-1" });
  return caseId;
}

const sentFor = (caseId: string, since: number) => capture.sent.slice(since).filter((e) => String(e.idempotencyKey).includes(caseId));
const admin = (h: EmailHarness) => h.graph.userId;

describe("decision notices through Resend", () => {
  it("approved: the provider gets the authorization number, dates and units, once, with no PHI", async () => {
    const h = await emailHarness(database, capture, "Approve");
    const caseId = await submittedCase(h);
    const since = capture.sent.length;
    await h.run({ type: "record-decision", caseId, ...approval });
    await h.settle();
    h.restart();
    await h.settle();
    const notices = sentFor(caseId, since).filter((e) => e.idempotencyKey?.startsWith("decision-approved"));
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice!.body.to).toEqual([PROVIDER_EMAIL]);
    expect(String(notice!.body.subject)).toBe(`Approved: authorization AUTH-551, Jan 15, 2026 – Jul 14, 2026 (case ${(await caseNumber(caseId))})`);
    for (const body of [String(notice!.body.html), String(notice!.body.text)]) {
      expect(body).toContain("AUTH-551");
      expect(body).toContain("Line 1: 200 units authorized (240 units requested)");
    }
    expectNoPhi(notice!.body, await phiOf(database, h.graph));
  });

  it("denied: the payer's reason and the P2P and appeal deadlines with their rules; the assignee hears when someone else recorded it", async () => {
    const h = await emailHarness(database, capture, "Deny");
    await database.db.insert(s.payerRules).values({ organizationId: h.graph.organizationId, payerId: h.graph.payerId, kind: "p2p-window", value: { days: 14 }, effectiveFrom: "2025-01-01", source: "Deny Health provider manual §4.2" });
    const caseId = await submittedCase(h);
    const since = capture.sent.length;
    // Recorded by the system (an X12 response, say), not by the assignee.
    await h.runAs(null, { type: "record-decision", caseId, outcome: "denied", reason: "Step therapy not met: no trial of a conventional immunomodulator", denialCategory: "step_therapy" });
    await h.settle();
    const notices = sentFor(caseId, since).filter((e) => e.idempotencyKey?.startsWith("decision-denied"));
    expect(notices.map((n) => n.body.to)).toEqual(expect.arrayContaining([[PROVIDER_EMAIL], [expect.stringMatching(/^deny-\d+@example\.test$/)]]));
    const provider = notices.find((n) => (n.body.to as string[])[0] === PROVIDER_EMAIL)!;
    const text = String(provider.body.text);
    expect(text).toContain("Step therapy not met: no trial of a conventional immunomodulator");
    expect(text).toContain("Request a peer-to-peer review by Jan 19, 2026 (end of the day, EST)");
    expect(text).toMatch(/deny-health\/p2p-window@2025-01-01 \(Deny Health provider manual §4\.2\)/);
    expect(text).toMatch(/File the appeal by .* — Last day to file the level 1 appeal/);
    expect(text).toMatch(/Rule: default\/appeal-window/);
    expectNoPhi(provider.body, await phiOf(database, h.graph));
  });
});

async function caseNumber(caseId: string) {
  const [row] = await database.db.select({ n: s.authorizationCases.caseNumber }).from(s.authorizationCases).where(eq(s.authorizationCases.id, caseId));
  return row!.n;
}

describe("who gets which email", () => {
  it("a delegate nurse instead of the provider, then as well as the provider; the change is audited", async () => {
    const h = await emailHarness(database, capture, "Delegate");
    await withTenant(database.db, h.graph.organizationId, (tx) =>
      saveProviderDelegate(tx, h.graph.organizationId, admin(h), h.graph.providerId, { delegateMode: "instead", delegateName: "Sam Rivera, RN", delegateEmail: "sam@clinic.example" }),
    );
    let caseId = await submittedCase(h);
    let since = capture.sent.length;
    await h.run({ type: "record-decision", caseId, ...approval });
    await h.settle();
    let [notice] = sentFor(caseId, since).filter((e) => e.idempotencyKey?.startsWith("decision-approved"));
    expect(notice!.body.to).toEqual(["sam@clinic.example"]);
    expect(String(notice!.body.text)).toContain("Dear Sam Rivera, RN (for Ada Delegateson)");

    await withTenant(database.db, h.graph.organizationId, (tx) =>
      saveProviderDelegate(tx, h.graph.organizationId, admin(h), h.graph.providerId, { delegateMode: "also", delegateName: "Sam Rivera, RN", delegateEmail: "sam@clinic.example" }),
    );
    caseId = await submittedCase(h);
    since = capture.sent.length;
    await h.run({ type: "record-decision", caseId, ...approval });
    await h.settle();
    [notice] = sentFor(caseId, since).filter((e) => e.idempotencyKey?.startsWith("decision-approved"));
    expect(notice!.body.to).toEqual([PROVIDER_EMAIL, "sam@clinic.example"]);
    const audit = await database.db.select().from(s.auditLog).where(and(eq(s.auditLog.organizationId, h.graph.organizationId), eq(s.auditLog.action, "provider-delegate.updated")));
    expect(audit.map((a) => (a.detail as { delegateMode: string }).delegateMode)).toEqual(["instead", "also"]);
  });

  it("the provider's own account turned decision notices off: the row is delivered as skipped, nothing is sent, nothing dead-lettered", async () => {
    const h = await emailHarness(database, capture, "Quiet");
    const [user] = await database.db.insert(s.users).values({ email: `quiet-${randomUUID()}@clinic.example`, name: "Dr. Quiet", passwordHash: "x" }).returning();
    await database.db.insert(s.memberships).values({ organizationId: h.graph.organizationId, userId: user!.id, role: "clinician", providerId: h.graph.providerId });
    await withTenant(database.db, h.graph.organizationId, (tx) => saveMemberPreferences(tx, h.graph.organizationId, user!.id, { digest: false, noticesOn: ["renewal-alerts", "information-requests", "peer-to-peer", "deadlines"] }));
    const caseId = await submittedCase(h);
    const since = capture.sent.length;
    await h.run({ type: "record-decision", caseId, ...approval });
    await h.settle();
    expect(sentFor(caseId, since).filter((e) => e.idempotencyKey?.startsWith("decision-approved"))).toEqual([]);
    const [row] = await database.db.select().from(s.outbox).where(and(eq(s.outbox.organizationId, h.graph.organizationId), like(s.outbox.businessKey, `decision-approved:${caseId}:%`)));
    expect(row).toMatchObject({ deadAt: null });
    expect(row!.deliveredAt).not.toBeNull();
    const [skipped] = await database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entityId, row!.id), eq(s.auditLog.action, "email.skipped")));
    expect(skipped!.detail).toMatchObject({ reason: expect.stringContaining("turned this email off") as string });
    const [pref] = await database.db.select().from(s.auditLog).where(and(eq(s.auditLog.organizationId, h.graph.organizationId), eq(s.auditLog.action, "email-preferences.updated")));
    expect(pref!.detail).toMatchObject({ notices: { decisions: false, "renewal-alerts": true } });
  });

  it("the organization's brand and reply-to go on every email", async () => {
    const h = await emailHarness(database, capture, "Brand");
    await withTenant(database.db, h.graph.organizationId, (tx) =>
      saveEmailSettings(tx, h.graph.organizationId, admin(h), { brandName: "Brand Infusion Partners", accentColor: "#7a1f5c", logoUrl: "https://cdn.brand.example/logo.png", replyTo: "pa-team@brand.example", digestDefault: true, digestHour: 7, noticesOn: ["renewal-alerts", "information-requests", "peer-to-peer", "decisions", "deadlines"] }),
    );
    const caseId = await submittedCase(h);
    const since = capture.sent.length;
    await h.run({ type: "record-decision", caseId, ...approval });
    await h.settle();
    const [notice] = sentFor(caseId, since);
    expect(notice!.body).toMatchObject({ reply_to: "pa-team@brand.example" });
    expect(String(notice!.body.html)).toContain("Brand Infusion Partners · Prior authorizations");
    expect(String(notice!.body.html)).toContain("#7a1f5c");
    expect(String(notice!.body.html)).toContain("https://cdn.brand.example/logo.png");
  });
});

describe("the daily digest producer (virtual clock)", () => {
  const digestRows = async (organizationId: string) =>
    database.db.select().from(s.outbox).where(and(eq(s.outbox.organizationId, organizationId), like(s.outbox.businessKey, "daily-digest:%")));

  it("queues one digest per coordinator from the local digest hour, once per day, and the sweep sends it once", async () => {
    const h = await emailHarness(database, capture, "Morning", { digests: true });
    const org = h.graph.organizationId;
    await withTenant(database.db, org, (tx) => saveEmailSettings(tx, org, admin(h), { digestDefault: true, digestHour: 6, timeZone: "America/Chicago", noticesOn: [] }));
    const [off] = await database.db.insert(s.users).values({ email: `nodigest-${randomUUID()}@example.test`, name: "No Digest", passwordHash: "x" }).returning();
    await database.db.insert(s.memberships).values({ organizationId: org, userId: off!.id, role: "coordinator" });
    await withTenant(database.db, org, (tx) => saveMemberPreferences(tx, org, off!.id, { digest: false, noticesOn: [] }));

    // 05:59 in Chicago (11:59 UTC, winter): too early.
    h.setClock("2026-02-02T11:59:00Z");
    await h.settle();
    expect(await digestRows(org)).toEqual([]);
    // 06:00 in Chicago: one row for the coordinator who has it on, sent once even across a restart.
    h.setClock("2026-02-02T12:00:00Z");
    const since = capture.sent.length;
    await h.settle();
    h.restart();
    await h.settle();
    expect((await produceDailyDigests(database.db, new Date("2026-02-02T15:00:00Z"))).written).toBe(0);
    const rows = await digestRows(org);
    expect(rows.map((r) => r.businessKey)).toEqual([`daily-digest:${h.graph.userId}:2026-02-02`]);
    expect(rows[0]!.payload).toMatchObject({ template: "coordinator-digest", day: "2026-02-02", timeZone: "America/Chicago" });
    const sent = capture.sent.slice(since).filter((e) => e.idempotencyKey?.startsWith("daily-digest:") && rows.some((r) => r.businessKey === e.idempotencyKey));
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.body.subject)).toMatch(/^Due today \(Feb 2, 2026\)/);
    // The next local day gets its own.
    h.setClock("2026-02-03T12:30:00Z");
    await h.settle();
    expect((await digestRows(org)).map((r) => r.businessKey).sort()).toEqual([`daily-digest:${h.graph.userId}:2026-02-02`, `daily-digest:${h.graph.userId}:2026-02-03`]);
  });

  it("the organization default off: only coordinators who turned it on get one", async () => {
    const h = await emailHarness(database, capture, "Optin");
    const org = h.graph.organizationId;
    await withTenant(database.db, org, (tx) => saveEmailSettings(tx, org, admin(h), { digestDefault: false, digestHour: 0, timeZone: "UTC", noticesOn: [] }));
    await produceDailyDigests(database.db, new Date("2026-02-02T08:00:00Z"));
    expect(await digestRows(org)).toEqual([]);
    await withTenant(database.db, org, (tx) => saveMemberPreferences(tx, org, h.graph.userId, { digest: true, noticesOn: [] }));
    await produceDailyDigests(database.db, new Date("2026-02-02T08:05:00Z"));
    expect((await digestRows(org)).map((r) => r.businessKey)).toEqual([`daily-digest:${h.graph.userId}:2026-02-02`]);
  });
});
