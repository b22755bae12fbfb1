// The clinician's side of an email: the link in a rendered renewal alert or information request opens a form;
// answering turns into case commands on the timeline; a second use, an expired link or a forged one is refused
// with a clear state, never an error.
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { openEmailAction, performEmailAction, type EmailActionContext } from "~/email-actions.server";
import { EMAIL_LINK_TTL_MS } from "~/email-links.server";
import { composeOutboxEmail } from "~/email.server";
import { EmbeddedEngine } from "~/engine/embedded.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createCaseCommand, makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
let graph: TenantGraph;
let engine: EmbeddedEngine;
const secret = "k".repeat(40);
const settings = { appUrl: "https://pa.example.org", secret };
let now = new Date("2026-01-05T14:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase("email_actions");
  graph = await makeTenantGraph(database.db, "Actions");
  await database.db.update(s.providers).set({ email: "dr@clinic.example" }).where(eq(s.providers.id, graph.providerId));
  engine = new EmbeddedEngine(database.db, { clock: () => now, log: () => {} });
});
afterAll(async () => database?.destroy());

const context = (at = now): EmailActionContext => ({ db: database.db, engine, secret, now: at });
const actor = () => ({ userId: graph.userId, role: "coordinator" as const });
async function run(command: Record<string, unknown>) {
  const outcome = await engine.execute({ organizationId: graph.organizationId, command, actor: actor() });
  if (!outcome.ok) throw new Error(`${String(command.type)} refused: ${outcome.error.message}`);
}

/** The action token in the email the outbox holds under `keyPrefix`. */
async function linkIn(keyPrefix: string): Promise<string> {
  const rows = await database.db.select().from(s.outbox).where(eq(s.outbox.organizationId, graph.organizationId));
  const row = rows.find((r) => r.businessKey.startsWith(keyPrefix));
  if (!row) throw new Error(`no outbox row ${keyPrefix}`);
  const email = await withTenant(database.db, graph.organizationId, (tx) => composeOutboxEmail(tx, row, settings));
  const match = /\/email-action\/([\w.-]+)/.exec(email.rendered.text);
  if (!match) throw new Error("no action link in the email");
  return match[1]!;
}

const timeline = async (caseId: string) =>
  database.db
    .select({ type: s.authorizationEvents.type, payload: s.authorizationEvents.payload })
    .from(s.authorizationEvents)
    .where(eq(s.authorizationEvents.caseId, caseId))
    .orderBy(asc(s.authorizationEvents.sequence));

describe("email action links", () => {
  it("attest from a renewal alert: the note and the weight land on the case; the link then works no more", async () => {
    const caseId = randomUUID();
    now = new Date("2026-01-05T14:00:00Z");
    await run(createCaseCommand(graph, { caseId, regimenId: graph.regimenId }));
    await run({ type: "submit", caseId, channel: "portal", proofReference: "p-1" });
    await run({ type: "record-decision", caseId, outcome: "approved", authorizationNumber: "A-1", effectiveFrom: "2026-01-15", effectiveTo: "2026-07-14", lines: [{ lineNumber: 1, authorizedUnits: 240, mappedHcpcs: [] }] });
    now = new Date("2026-06-14T12:00:00Z");
    await engine.sweepDeadlines();
    const token = await linkIn(`renewal-alert:${caseId}:30d`);

    const page = await openEmailAction(token, context());
    expect(page).toMatchObject({ state: "ready", details: { action: "attest-continued-therapy", patientInitials: "P.A.", effectiveTo: "2026-07-14" } });

    const result = await performEmailAction(token, { action: "attest-continued-therapy", value: { attest: "on", response: "Clinical remission since week 14", weightKg: 74.2 } }, context());
    expect(result).toMatchObject({ ok: true });
    const events = await timeline(caseId);
    const note = events.filter((e) => e.type === "note-added").at(-1);
    expect(JSON.stringify(note?.payload)).toContain("attests continued therapy");
    expect(JSON.stringify(note?.payload)).toContain("74.2 kg");
    const weights = await database.db
      .select()
      .from(s.patientWeights)
      .where(and(eq(s.patientWeights.patientId, graph.patientId), eq(s.patientWeights.measuredOn, "2026-06-14")));
    expect(weights[0]?.weightKg).toBe(74.2);

    const again = await performEmailAction(token, { action: "attest-continued-therapy", value: { attest: "on", response: "again" } }, context());
    expect(again).toMatchObject({ ok: false, page: { state: "used" } });
    expect((await timeline(caseId)).length).toBe(events.length);
    expect(await openEmailAction(token, context())).toMatchObject({ state: "used" });
  });

  it("upload from an information request attaches the document as requested by the payer", async () => {
    const caseId = randomUUID();
    now = new Date("2026-01-05T14:00:00Z");
    await run(createCaseCommand(graph, { caseId, regimenId: graph.regimenId }));
    await run({ type: "submit", caseId, channel: "portal", proofReference: "p-2" });
    await run({ type: "record-payer-acknowledgement", caseId, references: [{ kind: "payer-reference", value: "R-2" }] });
    await run({ type: "pend-for-information", caseId, items: ["Last 3 months of CRP"], dueOn: "2026-01-20" });
    const token = await linkIn(`information-request:${caseId}:`);
    expect(await openEmailAction(token, context())).toMatchObject({ state: "ready", details: { items: ["Last 3 months of CRP"], dueOn: "2026-01-20" } });
    const document = new File([new Uint8Array([37, 80, 68, 70, 45, 49])], "crp.pdf", { type: "application/pdf" });
    const result = await performEmailAction(token, { action: "upload-requested-document", value: { document, note: "CRP attached" } }, context());
    expect(result).toMatchObject({ ok: true });
    const attached = (await timeline(caseId)).filter((e) => e.type === "document-attached");
    expect(attached).toHaveLength(1);
    expect(attached[0]!.payload).toMatchObject({ kind: "clinical-note", requestedByPayer: true });
  });

  it("an expired or altered link gets a clear state", async () => {
    const token = await linkIn("renewal-alert:");
    const row = (await database.db.select().from(s.outbox).where(eq(s.outbox.organizationId, graph.organizationId))).find((r) => r.businessKey.startsWith("renewal-alert:"))!;
    expect(await openEmailAction(token, context(new Date(row.createdAt.getTime() + EMAIL_LINK_TTL_MS + 1)))).toEqual({ state: "expired" });
    expect(await openEmailAction(`${token.slice(0, -2)}xx`, context())).toEqual({ state: "invalid" });
    expect(await openEmailAction("nonsense", context())).toEqual({ state: "invalid" });
  });
});
