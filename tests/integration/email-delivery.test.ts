// Email delivery end to end: lifecycle events write email outbox rows; the sweep delivers them through the real
// `resend` SDK pointed at a local capture server (RESEND_BASE_URL). Request shape, auth header, idempotency key,
// a redelivery that sends nothing new, a retry after a 500, a dead letter when nobody has an address, and no PHI.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { PROVIDER_EMAIL, emailHarness, expectNoPhi, pendedCase, phiOf } from "../support/email-harness";
import { createCaseCommand } from "../support/factories";
import { startResendCapture, type ResendCapture } from "../support/resend-capture";

let database: TestDatabase;
let capture: ResendCapture;
beforeAll(async () => {
  database = await createTestDatabase("email");
  capture = await startResendCapture();
});
afterAll(async () => {
  await capture?.close();
  await database?.destroy();
});

describe("email delivery through Resend", () => {
  it("sends the information request to the ordering provider, with the business key as idempotency key and no PHI", async () => {
    const h = await emailHarness(database, capture, "Mailer");
    const caseId = await pendedCase(h);
    const before = capture.requests.length;
    await h.settle();
    const key = (await h.emailRows())[0]!.businessKey;
    expect(key).toMatch(new RegExp(`^information-request:${caseId}:`));
    const requests = capture.requests.slice(before);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request).toMatchObject({ method: "POST", path: "/emails" });
    expect(request!.headers.authorization).toBe("Bearer re_test_123");
    expect(request!.headers["idempotency-key"]).toBe(key);
    expect(request!.headers["content-type"]).toContain("application/json");
    expect(request!.headers["user-agent"]).toMatch(/^resend-node:/);
    expect(request!.body).toMatchObject({ from: "Infusion PA <pa@infusion.example>", to: [PROVIDER_EMAIL] });
    expect(String(request!.body.subject)).toContain("Jan 20, 2026");
    const html = String(request!.body.html);
    const text = String(request!.body.text);
    for (const body of [html, text]) {
      expect(body).toContain("Last 3 months of CRP");
      expect(body).toContain("Jan 20, 2026");
      expect(body).toContain("P.M."); // patient initials
      expect(body).toContain("https://pa.example.org/email-action/");
    }
    expectNoPhi(request!.body, await phiOf(database, h.graph));
    const [row] = await h.emailRows();
    expect(row!.deliveredAt).not.toBeNull();
    const audit = await database.db.select().from(s.auditLog).where(eq(s.auditLog.entityId, row!.id));
    expect(audit[0]?.detail).toMatchObject({ businessKey: key, providerMessageId: capture.sent.at(-1)!.id });
  });

  it("a redelivered row (crash after sending, before marking it delivered) sends nothing new", async () => {
    const h = await emailHarness(database, capture, "Redeliver");
    await pendedCase(h);
    await h.settle();
    const [row] = await h.emailRows();
    const sentBefore = capture.sent.length;
    const requestsBefore = capture.requests.length;
    // As if the sweep crashed after Resend accepted the email: the lease runs out and the row comes back.
    await database.db.update(s.outbox).set({ deliveredAt: null, leasedUntil: null }).where(eq(s.outbox.id, row!.id));
    await h.settle();
    expect(capture.requests.length).toBe(requestsBefore + 1);
    expect(capture.requests.at(-1)!.headers["idempotency-key"]).toBe(row!.businessKey);
    expect(capture.sent.length).toBe(sentBefore);
  });

  it("retries after a server error with backoff and sends once", async () => {
    const h = await emailHarness(database, capture, "Retry");
    await pendedCase(h);
    const sentBefore = capture.sent.length;
    capture.failNext(1, 500);
    await h.settle();
    let [row] = await h.emailRows();
    expect(row).toMatchObject({ deliveredAt: null, attempts: 1 });
    expect(row!.lastError).toContain("500");
    h.advance(31_000);
    await h.settle();
    [row] = await h.emailRows();
    expect(row!.deliveredAt).not.toBeNull();
    expect(capture.sent.length).toBe(sentBefore + 1);
  });

  it("dead-letters an email whose recipient has no address, saying why", async () => {
    const h = await emailHarness(database, capture, "NoAddress", { providerEmail: null });
    await pendedCase(h);
    const sentBefore = capture.sent.length;
    await h.settle();
    const [row] = await h.emailRows();
    expect(row!.deadAt).not.toBeNull();
    expect(row!.lastError).toMatch(/ordering provider .* has no email address/);
    expect(capture.sent.length).toBe(sentBefore);
  });

  it("renewal alerts reach the provider (with an attest link) and the coordinators exactly once per band, across restarts", async () => {
    const h = await emailHarness(database, capture, "Renewal");
    const caseId = randomUUID();
    await h.run(createCaseCommand(h.graph, { caseId, regimenId: h.graph.regimenId }));
    await h.run({ type: "submit", caseId, channel: "portal", proofReference: "portal-1" });
    await h.run({
      type: "record-decision",
      caseId,
      outcome: "approved",
      authorizationNumber: "AUTH-9",
      effectiveFrom: "2026-01-15",
      effectiveTo: "2026-07-14",
      lines: [{ lineNumber: 1, authorizedUnits: 240, mappedHcpcs: [] }],
    });
    const sentBefore = capture.sent.length;
    // A virtual clock through the three bands; the process "restarts" (a new engine) between sweeps.
    for (const day of ["2026-06-14", "2026-06-30", "2026-07-07"]) {
      h.setClock(`${day}T12:00:00Z`);
      await h.settle();
      h.restart();
      await h.settle();
    }
    const mine = capture.sent.slice(sentBefore).filter((e) => String(e.idempotencyKey).startsWith("renewal-alert") && String(e.idempotencyKey).includes(caseId));
    const keys = mine.map((e) => e.idempotencyKey).sort();
    expect(keys).toEqual(["30d", "14d", "7d"].flatMap((band) => [`renewal-alert-coordinator:${caseId}:${band}`, `renewal-alert:${caseId}:${band}`]).sort());
    const provider = mine.find((e) => e.idempotencyKey === `renewal-alert:${caseId}:30d`)!;
    expect(provider.body.to).toEqual([PROVIDER_EMAIL]);
    expect(String(provider.body.text)).toContain("Jul 14, 2026");
    expect(String(provider.body.text)).toContain("240 units");
    expect(String(provider.body.text)).toContain("30 days before the authorization ends");
    expect(String(provider.body.html)).toContain("/email-action/");
    expect(String(mine.find((e) => e.idempotencyKey === `renewal-alert:${caseId}:7d`)!.body.text)).toContain("7 days before the authorization ends");
    const coordinator = mine.find((e) => e.idempotencyKey?.startsWith("renewal-alert-coordinator"))!;
    expect(coordinator.body.to).toEqual([expect.stringMatching(/^renewal-\d+@example\.test$/)]);
    for (const e of mine) expectNoPhi(e.body, await phiOf(database, h.graph));
  });

  it("the coordinator's daily digest lists the cases due that day, by case number and initials", async () => {
    const h = await emailHarness(database, capture, "Digest");
    const caseId = await pendedCase(h);
    const [caseRow] = await database.db.select().from(s.authorizationCases).where(eq(s.authorizationCases.id, caseId));
    const [user] = await database.db.select().from(s.users).where(eq(s.users.id, h.graph.userId));
    const day = caseRow!.nextDeadlineAt!.toISOString().slice(0, 10);
    const key = `daily-digest:${user!.id}:${day}`;
    await database.db.insert(s.outbox).values({ organizationId: h.graph.organizationId, topic: "email", businessKey: key, payload: { template: "coordinator-digest", to: user!.email, day }, availableAt: new Date("2026-01-01T00:00:00Z") });
    await h.settle();
    const digest = capture.sent.find((e) => e.idempotencyKey === key)!;
    expect(digest.body.to).toEqual([user!.email]);
    expect(caseRow!.nextDeadlineKind).toBe("decision-due");
    expect(String(digest.body.text)).toContain(`${caseRow!.caseNumber} · P.D. — Payer decision due`);
    expectNoPhi(digest.body, await phiOf(database, h.graph));
  });
});
