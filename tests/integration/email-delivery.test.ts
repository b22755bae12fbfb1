// Email delivery end to end: lifecycle events write email outbox rows; the sweep delivers them through the real
// `resend` SDK pointed at a local capture server (RESEND_BASE_URL). Request shape, auth header, idempotency key,
// a redelivery that sends nothing new, a retry after a 500, a dead letter when nobody has an address, and no PHI.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { emailOutboxHandlers } from "~/email.server";
import { EmbeddedEngine } from "~/engine/embedded.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createCaseCommand, makeTenantGraph, type TenantGraph } from "../support/factories";
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

const PROVIDER_EMAIL = "dr.ada@clinic.example";

async function harness(label: string, options: { providerEmail?: string | null } = {}) {
  const graph = await makeTenantGraph(database.db, label);
  if (options.providerEmail !== null) await database.db.update(s.providers).set({ email: options.providerEmail ?? PROVIDER_EMAIL }).where(eq(s.providers.id, graph.providerId));
  // A member id distinctive enough that finding it in an email body means it leaked.
  graph.memberId = `XQZ${label.toUpperCase()}778899`;
  await database.db.update(s.coverages).set({ memberId: graph.memberId }).where(eq(s.coverages.id, graph.coverageId));
  let now = new Date("2026-01-05T14:00:00Z");
  const config = { RESEND_API_KEY: "re_test_123", RESEND_BASE_URL: capture.url, EMAIL_FROM: "Infusion PA <pa@infusion.example>", APP_URL: "https://pa.example.org", SESSION_SECRET: "s".repeat(40) };
  const startEngine = () => new EmbeddedEngine(database.db, { clock: () => now, log: () => {}, handlers: emailOutboxHandlers(config, { db: database.db }) });
  let engine = startEngine();
  const actor = { userId: graph.userId, role: "coordinator" as const };
  const run = async (command: Record<string, unknown>) => {
    const outcome = await engine.execute({ organizationId: graph.organizationId, command, actor });
    if (!outcome.ok) throw new Error(`${String(command.type)} refused: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.state;
  };
  const settle = async () => {
    for (let i = 0; i < 20; i++) {
      const r = await engine.sweepOnce();
      if (r.deadlines.handled === 0 && r.outbox.claimed === 0) return;
    }
    throw new Error("did not settle");
  };
  // The factory's graph carries a placeholder email row ("test:…"); only the lifecycle's rows matter here.
  const emailRows = async () =>
    (
      await database.db
        .select()
        .from(s.outbox)
        .where(and(eq(s.outbox.organizationId, graph.organizationId), eq(s.outbox.topic, "email")))
    ).filter((r) => !r.businessKey.startsWith("test:"));
  return { graph, restart: () => void (engine = startEngine()), run, settle, emailRows, setClock: (iso: string) => void (now = new Date(iso)), advance: (ms: number) => void (now = new Date(now.getTime() + ms)) };
}

async function pendedCase(h: Awaited<ReturnType<typeof harness>>) {
  const caseId = randomUUID();
  await h.run(createCaseCommand(h.graph, { caseId, regimenId: h.graph.regimenId }));
  await h.run({ type: "submit", caseId, channel: "portal", proofReference: "portal-1" });
  await h.run({ type: "record-payer-acknowledgement", caseId, references: [{ kind: "payer-reference", value: "REF-1" }] });
  await h.run({ type: "pend-for-information", caseId, items: ["Last 3 months of CRP", "Current weight"], dueOn: "2026-01-20" });
  return caseId;
}

/** What must never appear in an email body: names, MRN, birth date, member id, diagnosis, drug. */
async function phiOf(graph: TenantGraph) {
  const [patient] = await database.db.select().from(s.patients).where(eq(s.patients.id, graph.patientId));
  return [patient!.lastName, patient!.mrn, patient!.birthDate, "05/01/1970", graph.memberId, "K50.90", "J1745", "infliximab"];
}

function expectNoPhi(body: Record<string, unknown>, phi: string[]) {
  const text = `${String(body.subject)}\n${String(body.html)}\n${String(body.text)}`.toLowerCase();
  for (const value of phi) expect(text, `email must not contain "${value}"`).not.toContain(value.toLowerCase());
}

describe("email delivery through Resend", () => {
  it("sends the information request to the ordering provider, with the business key as idempotency key and no PHI", async () => {
    const h = await harness("Mailer");
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
    expectNoPhi(request!.body, await phiOf(h.graph));
    const [row] = await h.emailRows();
    expect(row!.deliveredAt).not.toBeNull();
    const audit = await database.db.select().from(s.auditLog).where(eq(s.auditLog.entityId, row!.id));
    expect(audit[0]?.detail).toMatchObject({ businessKey: key, providerMessageId: capture.sent.at(-1)!.id });
  });

  it("a redelivered row (crash after sending, before marking it delivered) sends nothing new", async () => {
    const h = await harness("Redeliver");
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
    const h = await harness("Retry");
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
    const h = await harness("NoAddress", { providerEmail: null });
    await pendedCase(h);
    const sentBefore = capture.sent.length;
    await h.settle();
    const [row] = await h.emailRows();
    expect(row!.deadAt).not.toBeNull();
    expect(row!.lastError).toMatch(/ordering provider .* has no email address/);
    expect(capture.sent.length).toBe(sentBefore);
  });

  it("renewal alerts reach the provider (with an attest link) and the coordinators exactly once per band, across restarts", async () => {
    const h = await harness("Renewal");
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
    for (const e of mine) expectNoPhi(e.body, await phiOf(h.graph));
  });

  it("the coordinator's daily digest lists the cases due that day, by case number and initials", async () => {
    const h = await harness("Digest");
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
    expectNoPhi(digest.body, await phiOf(h.graph));
  });
});
