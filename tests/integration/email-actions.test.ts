// The clinician's side of an email: the link in a rendered renewal alert or information request opens a form;
// answering turns into case commands on the timeline; a second use, an expired link or a forged one is refused
// with a clear state, never an error.
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { openEmailAction, performEmailAction, type EmailActionContext, type EmailActionViewer } from "~/email-actions.server";
import { EMAIL_LINK_TTL_MS } from "~/email-links.server";
import { checkSignInLink, requestSignInLink, spendSignInLink, SIGN_IN_LINK_TTL_MINUTES } from "~/email-sign-in.server";
import { composeOutboxEmail, resendSender } from "~/email.server";
import type { LifecycleEngine } from "~/engine/port";
import { startResendCapture, type ResendCapture } from "../support/resend-capture";
import { EmbeddedEngine } from "~/engine/embedded.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createCaseCommand, makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
let graph: TenantGraph;
let engine: EmbeddedEngine;
/** The provider's own clinician account, signed in. */
let clinician: EmailActionViewer;
const secret = "k".repeat(40);
const settings = { appUrl: "https://pa.example.org", secret };
let now = new Date("2026-01-05T14:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase("email_actions");
  graph = await makeTenantGraph(database.db, "Actions");
  await database.db.update(s.providers).set({ email: "dr@clinic.example" }).where(eq(s.providers.id, graph.providerId));
  const [user] = await database.db.insert(s.users).values({ email: `dr-${randomUUID()}@clinic.example`, name: "Dr. Ada Actionson", passwordHash: "x" }).returning();
  await database.db.insert(s.memberships).values({ organizationId: graph.organizationId, userId: user!.id, role: "clinician", providerId: graph.providerId });
  clinician = { user: { userId: user!.id, organizationId: graph.organizationId, name: user!.name, email: user!.email, roles: ["clinician"] } };
  engine = new EmbeddedEngine(database.db, { clock: () => now, log: () => {} });
});
let capture: ResendCapture;
beforeAll(async () => {
  capture = await startResendCapture();
});
afterAll(async () => {
  await capture?.close();
  await database?.destroy();
});

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

    const page = await openEmailAction(token, context(), clinician);
    expect(page).toMatchObject({ state: "ready", details: { action: "attest-continued-therapy", patientInitials: "P.A.", effectiveTo: "2026-07-14", answeringAs: "Ada Actionsson" } });

    const result = await performEmailAction(token, { action: "attest-continued-therapy", value: { attest: "on", response: "Clinical remission since week 14", weightKg: 74.2 } }, context(), clinician);
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

    const again = await performEmailAction(token, { action: "attest-continued-therapy", value: { attest: "on", response: "again" } }, context(), clinician);
    expect(again).toMatchObject({ ok: false, page: { state: "used" } });
    expect((await timeline(caseId)).length).toBe(events.length);
    expect(await openEmailAction(token, context(), clinician)).toMatchObject({ state: "used" });
  });

  it("upload from an information request attaches the document as requested by the payer", async () => {
    const caseId = randomUUID();
    now = new Date("2026-01-05T14:00:00Z");
    await run(createCaseCommand(graph, { caseId, regimenId: graph.regimenId }));
    await run({ type: "submit", caseId, channel: "portal", proofReference: "p-2" });
    await run({ type: "record-payer-acknowledgement", caseId, references: [{ kind: "payer-reference", value: "R-2" }] });
    await run({ type: "pend-for-information", caseId, items: ["Last 3 months of CRP"], dueOn: "2026-01-20" });
    const token = await linkIn(`information-request:${caseId}:`);
    expect(await openEmailAction(token, context(), clinician)).toMatchObject({ state: "ready", details: { items: ["Last 3 months of CRP"], dueOn: "2026-01-20" } });
    const document = new File([new Uint8Array([37, 80, 68, 70, 45, 49])], "crp.pdf", { type: "application/pdf" });
    const result = await performEmailAction(token, { action: "upload-requested-document", value: { document, note: "CRP attached" } }, context(), clinician);
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

/** A fresh approved case with its 30-day renewal alert queued; returns the attest link's token. */
async function renewalLink(): Promise<{ caseId: string; token: string }> {
  const caseId = randomUUID();
  now = new Date("2026-01-05T14:00:00Z");
  await run(createCaseCommand(graph, { caseId, regimenId: graph.regimenId }));
  await run({ type: "submit", caseId, channel: "portal", proofReference: `p-${caseId}` });
  await run({ type: "record-decision", caseId, outcome: "approved", authorizationNumber: `A-${caseId.slice(0, 6)}`, effectiveFrom: "2026-01-15", effectiveTo: "2026-07-14", lines: [{ lineNumber: 1, authorizedUnits: 240, mappedHcpcs: [] }] });
  now = new Date("2026-06-14T12:00:00Z");
  await engine.sweepDeadlines();
  return { caseId, token: await linkIn(`renewal-alert:${caseId}:30d`) };
}

const attest = { action: "attest-continued-therapy", value: { attest: "on", response: "Stable on therapy" } } as const;
const signInContext = () => ({ db: database.db, secret, appUrl: settings.appUrl, now, send: resendSender({ RESEND_API_KEY: "re_test", RESEND_BASE_URL: capture.url, EMAIL_FROM: "PA <pa@x.example>" }) });
const signInTokenIn = (text: string) => /\/sign-in\/email\/([\w.-]+)/.exec(text)?.[1];

describe("who may act on a link", () => {
  it("the token alone opens only a sign-in offer; acting without signing in records nothing", async () => {
    const { caseId, token } = await renewalLink();
    expect(await openEmailAction(token, context())).toMatchObject({ state: "sign-in", details: { caseNumber: expect.stringMatching(/^PA-/) as string } });
    const before = (await timeline(caseId)).length;
    expect(await performEmailAction(token, attest, context())).toMatchObject({ ok: false, page: { state: "sign-in" } });
    expect((await timeline(caseId)).length).toBe(before);
  });

  it("signed in as someone else (a coordinator): the page says who is signed in and offers the sign-in link", async () => {
    const { token } = await renewalLink();
    const coordinator: EmailActionViewer = { user: { userId: graph.userId, organizationId: graph.organizationId, name: "Casey Coordinator", email: "casey@x.example", roles: ["coordinator"] } };
    expect(await openEmailAction(token, context(), coordinator)).toMatchObject({ state: "sign-in", signedInAs: "Casey Coordinator" });
  });

  it("the emailed sign-in link goes to the address on file, signs in the provider's account once, and returns to the action", async () => {
    const { caseId, token } = await renewalLink();
    const sentBefore = capture.sent.length;
    expect(await requestSignInLink(token, signInContext())).toEqual({ state: "sent" });
    const [email] = capture.sent.slice(sentBefore);
    expect(email!.body.to).toEqual(["dr@clinic.example"]);
    expect(email!.idempotencyKey).toMatch(/^sign-in-link:/);
    expect(String(email!.body.text)).toContain(`expires in ${SIGN_IN_LINK_TTL_MINUTES} minutes`);
    const signIn = signInTokenIn(String(email!.body.text))!;
    // Only the hash is at rest.
    const stored = await database.db.select().from(s.signInLinks).where(eq(s.signInLinks.organizationId, graph.organizationId));
    expect(stored.some((r) => signIn.endsWith(r.tokenHash) || r.tokenHash === signIn.split(".")[1])).toBe(false);

    expect(await checkSignInLink(database.db, signIn, secret, now)).toMatchObject({ state: "ready", returnPath: `/email-action/${token}` });
    const spent = await spendSignInLink(database.db, signIn, now);
    expect(spent).toEqual({ state: "member", identity: { userId: clinician.user!.userId, organizationId: graph.organizationId }, returnPath: `/email-action/${token}` });
    expect(await spendSignInLink(database.db, signIn, now)).toEqual({ state: "used" });
    expect((await performEmailAction(token, attest, context(), clinician)).ok).toBe(true);
    expect(JSON.stringify((await timeline(caseId)).at(-1)!.payload)).toContain("(ordering provider, signed in)");
  });

  it("a sign-in link expires after 15 minutes and a forged one is invalid", async () => {
    const { token } = await renewalLink();
    const sentBefore = capture.sent.length;
    await requestSignInLink(token, signInContext());
    const signIn = signInTokenIn(String(capture.sent.slice(sentBefore)[0]!.body.text))!;
    const later = new Date(now.getTime() + SIGN_IN_LINK_TTL_MINUTES * 60_000 + 1);
    expect(await checkSignInLink(database.db, signIn, secret, later)).toEqual({ state: "expired" });
    expect(await spendSignInLink(database.db, signIn, later)).toEqual({ state: "expired" });
    expect(await spendSignInLink(database.db, `${graph.organizationId}.${"A".repeat(43)}`, now)).toEqual({ state: "invalid" });
    expect(await spendSignInLink(database.db, "nonsense", now)).toEqual({ state: "invalid" });
  });

  it("is rate-limited per action link, with the same answer whoever asks", async () => {
    const { token } = await renewalLink();
    for (let i = 0; i < 3; i++) expect(await requestSignInLink(token, signInContext())).toEqual({ state: "sent" });
    expect(await requestSignInLink(token, signInContext())).toEqual({ state: "rate-limited" });
    // Without email delivery nothing can be sent, and nothing is stored.
    expect(await requestSignInLink(token, { ...signInContext(), send: undefined })).toEqual({ state: "unavailable" });
  });

  it("a provider without an account acts through a grant limited to that one link; a delegate nurse 'instead' gets the link", async () => {
    const [bare] = await database.db.insert(s.providers).values({ organizationId: graph.organizationId, npi: "1999999990", firstName: "Lin", lastName: "Noaccount", email: "lin@clinic.example", delegateName: "Sam Rivera, RN", delegateEmail: "sam@clinic.example", delegateMode: "instead" }).returning();
    const caseId = randomUUID();
    now = new Date("2026-01-05T14:00:00Z");
    await run(createCaseCommand(graph, { caseId, regimenId: graph.regimenId, orderingProvider: { providerId: bare!.id, npi: bare!.npi } }));
    await run({ type: "submit", caseId, channel: "portal", proofReference: "p-bare" });
    await run({ type: "record-payer-acknowledgement", caseId, references: [{ kind: "payer-reference", value: "R-bare" }] });
    await run({ type: "pend-for-information", caseId, items: ["Recent labs"], dueOn: "2026-01-20" });
    const token = await linkIn(`information-request:${caseId}:`);
    const sentBefore = capture.sent.length;
    await requestSignInLink(token, signInContext());
    const [email] = capture.sent.slice(sentBefore);
    expect(email!.body.to).toEqual(["sam@clinic.example"]);
    const spent = await spendSignInLink(database.db, signInTokenIn(String(email!.body.text))!, now);
    expect(spent).toMatchObject({ state: "grant", grant: { recipient: "delegate", providerId: bare!.id } });
    const grants = spent.state === "grant" ? [spent.grant] : [];
    expect(await openEmailAction(token, context(), { grants })).toMatchObject({ state: "ready", details: { answeringAs: "Sam Rivera, RN (delegate of Lin Noaccount)" } });
    // The grant opens this link only.
    const grantedAt = now;
    const other = await renewalLink();
    now = grantedAt;
    expect(await openEmailAction(other.token, context(), { grants })).toMatchObject({ state: "sign-in" });
    const document = new File([new Uint8Array([37, 80, 68, 70])], "labs.pdf", { type: "application/pdf" });
    // A grant lasts 30 minutes.
    expect(await openEmailAction(token, context(new Date(grantedAt.getTime() + 31 * 60_000)), { grants })).toMatchObject({ state: "sign-in" });
    expect(await performEmailAction(token, { action: "upload-requested-document", value: { document, note: "Labs attached" } }, context(), { grants })).toMatchObject({ ok: true });
    const notes = (await timeline(caseId)).filter((e) => e.type === "note-added");
    expect(JSON.stringify(notes.at(-1)!.payload)).toContain("Sam Rivera, RN (delegate of Lin Noaccount, signed in by emailed link) uploaded the requested document");
  });
});

describe("a link is spent only with a successful command", () => {
  it("the engine refuses: nothing is saved, the link still works, and the next try spends it", async () => {
    const { caseId, token } = await renewalLink();
    let refuse = true;
    const flaky: Pick<LifecycleEngine, "execute"> = {
      execute: async (request) => {
        if (refuse) return { ok: false, error: { code: "CASE_NOT_FOUND", category: "not-found", message: "The engine is not taking commands for this case right now.", issues: [] } as never };
        return engine.execute(request);
      },
    };
    const before = (await timeline(caseId)).length;
    const refused = await performEmailAction(token, { ...attest, value: { ...attest.value, weightKg: 70.1 } }, { ...context(), engine: flaky }, clinician);
    expect(refused).toMatchObject({ ok: false, refused: expect.stringContaining("this link still works") as string });
    expect((await timeline(caseId)).length).toBe(before);
    expect(await openEmailAction(token, context(), clinician)).toMatchObject({ state: "ready" });
    const weights = await database.db.select().from(s.patientWeights).where(and(eq(s.patientWeights.patientId, graph.patientId), eq(s.patientWeights.weightKg, 70.1)));
    expect(weights).toEqual([]);
    refuse = false;
    expect(await performEmailAction(token, attest, { ...context(), engine: flaky }, clinician)).toMatchObject({ ok: true });
    expect(await openEmailAction(token, context(), clinician)).toMatchObject({ state: "used" });
  });

  it("an upload to a voided case is refused by the real engine: no document is kept and the link is not spent", async () => {
    const caseId = randomUUID();
    now = new Date("2026-01-05T14:00:00Z");
    await run(createCaseCommand(graph, { caseId, regimenId: graph.regimenId }));
    await run({ type: "submit", caseId, channel: "portal", proofReference: "p-void" });
    await run({ type: "record-payer-acknowledgement", caseId, references: [{ kind: "payer-reference", value: "R-void" }] });
    await run({ type: "pend-for-information", caseId, items: ["Letter of medical necessity"], dueOn: "2026-01-20" });
    const token = await linkIn(`information-request:${caseId}:`);
    await run({ type: "void", caseId, reason: "Entered in error" });
    const document = new File([new Uint8Array([37, 80, 68, 70])], "lmn.pdf", { type: "application/pdf" });
    const result = await performEmailAction(token, { action: "upload-requested-document", value: { document } }, context(), clinician);
    expect(result).toMatchObject({ ok: false, refused: expect.stringContaining("Nothing was recorded") as string });
    expect(await database.db.select().from(s.documents).where(eq(s.documents.caseId, caseId))).toEqual([]);
    expect(await openEmailAction(token, context(), clinician)).toMatchObject({ state: "ready" });
  });

  it("two clicks at once: one answer lands, the other is told the link is in use or used", async () => {
    const { caseId, token } = await renewalLink();
    const before = (await timeline(caseId)).filter((e) => e.type === "note-added").length;
    const results = await Promise.all([performEmailAction(token, attest, context(), clinician), performEmailAction(token, attest, context(), clinician)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await timeline(caseId)).filter((e) => e.type === "note-added").length).toBe(before + 1);
  });
});
