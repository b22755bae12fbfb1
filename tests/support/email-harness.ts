// The email tests' harness: a tenant graph on a test database, the embedded engine on a virtual clock with the
// real email handler pointed at a local Resend capture server, and the PHI a body must never contain.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { produceDailyDigests } from "~/email-digest.server";
import { emailOutboxHandlers } from "~/email.server";
import { EmbeddedEngine } from "~/engine/embedded.server";
import type { TestDatabase } from "./database";
import { createCaseCommand, makeTenantGraph, type TenantGraph } from "./factories";
import type { ResendCapture } from "./resend-capture";

export const PROVIDER_EMAIL = "dr.ada@clinic.example";

export async function emailHarness(database: TestDatabase, capture: ResendCapture, label: string, options: { providerEmail?: string | null; digests?: boolean } = {}) {
  const graph = await makeTenantGraph(database.db, label);
  if (options.providerEmail !== null) await database.db.update(s.providers).set({ email: options.providerEmail ?? PROVIDER_EMAIL }).where(eq(s.providers.id, graph.providerId));
  // A member id distinctive enough that finding it in an email body means it leaked.
  graph.memberId = `XQZ${label.toUpperCase()}778899`;
  await database.db.update(s.coverages).set({ memberId: graph.memberId }).where(eq(s.coverages.id, graph.coverageId));
  let now = new Date("2026-01-05T14:00:00Z");
  const config = { RESEND_API_KEY: "re_test_123", RESEND_BASE_URL: capture.url, EMAIL_FROM: "Infusion PA <pa@infusion.example>", APP_URL: "https://pa.example.org", SESSION_SECRET: "s".repeat(40) };
  const startEngine = () =>
    new EmbeddedEngine(database.db, {
      clock: () => now,
      log: () => {},
      handlers: emailOutboxHandlers(config, { db: database.db }),
      ...(options.digests ? { jobs: { "daily-digest": (at: Date) => produceDailyDigests(database.db, at) } } : {}),
    });
  let engine = startEngine();
  const actor = { userId: graph.userId, role: "coordinator" as const };
  /** Runs a command as `who` (null: the system, as an X12 response or a timer would). */
  const runAs = async (who: typeof actor | null, command: Record<string, unknown>) => {
    const outcome = await engine.execute({ organizationId: graph.organizationId, command, ...(who ? { actor: who } : {}) });
    if (!outcome.ok) throw new Error(`${String(command.type)} refused: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.state;
  };
  const run = (command: Record<string, unknown>) => runAs(actor, command);
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
  return { graph, config, runAs, now: () => now, restart: () => void (engine = startEngine()), run, settle, emailRows, setClock: (iso: string) => void (now = new Date(iso)), advance: (ms: number) => void (now = new Date(now.getTime() + ms)) };
}

export type EmailHarness = Awaited<ReturnType<typeof emailHarness>>;

export async function pendedCase(h: EmailHarness) {
  const caseId = randomUUID();
  await h.run(createCaseCommand(h.graph, { caseId, regimenId: h.graph.regimenId }));
  await h.run({ type: "submit", caseId, channel: "portal", proofReference: "portal-1" });
  await h.run({ type: "record-payer-acknowledgement", caseId, references: [{ kind: "payer-reference", value: "REF-1" }] });
  await h.run({ type: "pend-for-information", caseId, items: ["Last 3 months of CRP", "Current weight"], dueOn: "2026-01-20" });
  return caseId;
}

/** What must never appear in an email body: names, MRN, birth date, member id, diagnosis, drug. */
export async function phiOf(database: TestDatabase, graph: TenantGraph) {
  const [patient] = await database.db.select().from(s.patients).where(eq(s.patients.id, graph.patientId));
  return [patient!.lastName, patient!.mrn, patient!.birthDate, "05/01/1970", graph.memberId, "K50.90", "J1745", "infliximab"];
}

export function expectNoPhi(body: Record<string, unknown>, phi: string[]) {
  const text = `${String(body.subject)}\n${String(body.html)}\n${String(body.text)}`.toLowerCase();
  for (const value of phi) expect(text, `email must not contain "${value}"`).not.toContain(value.toLowerCase());
}
