// What an email action link opens and does. The link's signature and expiry are checked first; then who is asking:
// the provider's own account or their delegate's (signed in), or someone who followed a sign-in link sent to an
// address on file (a grant limited to this one action). The token alone opens nothing but a page that offers that
// sign-in link. The answer becomes lifecycle commands (add-note, attach-document) so it shows on the case timeline,
// and the link is spent only when the engine accepts them: a refused command leaves it usable and nothing saved.
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database, Transaction } from "../db/client";
import * as s from "../db/schema";
import { withTenant } from "../db/tenant";
import type { Actor } from "./authorizations";
import type { Role } from "./permissions";
import type { AttestContinuedTherapySchema, PickP2PWindowsSchema, UploadRequestedDocumentSchema } from "./email-action-forms";
import { caseHeader, informationRequestOf } from "./email.server";
import { verifyEmailLink, type EmailAction, type EmailLink } from "./email-links.server";
import { loadCaseState } from "./engine/case-store.server";
import { loadConfig } from "./config.server";
import { databaseHandle } from "./db.server";
import { lifecycleEngine } from "./engine/index.server";
import type { LifecycleEngine } from "./engine/port";

export interface EmailActionContext {
  db: Database;
  engine: Pick<LifecycleEngine, "execute">;
  secret: string;
  now: Date;
}

/**
 * A sign-in link's grant, kept in the session cookie: it lets the person who followed it (a provider or delegate
 * without an account) act on this one link, for a short while.
 */
export interface EmailActionGrant {
  organizationId: string;
  /** "{action}:{businessKey}" of the link it was asked from. */
  linkKey: string;
  providerId: string;
  recipient: "provider" | "delegate";
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Who opened the page: a signed-in member and/or a grant from a sign-in link. */
export interface EmailActionViewer {
  user?: { userId: string; organizationId: string; name: string; email: string; roles: readonly Role[] };
  grants?: readonly EmailActionGrant[];
}

export interface EmailActionDetails {
  action: EmailAction;
  organizationName: string;
  caseNumber: string;
  patientInitials: string;
  providerName: string;
  /** What the payer asked for (upload links). */
  items: string[];
  dueOn?: string;
  /** When the current authorization ends (attest links). */
  effectiveTo?: string;
  expiresAt: string;
  /** Who will be recorded as answering: "Dr. Lee" or "Sam Rivera, RN (delegate of Dr. Lee)". */
  answeringAs?: string;
}

export type EmailActionPage =
  | { state: "invalid" }
  | { state: "expired" }
  | { state: "used"; usedAt: string; details: EmailActionDetails }
  /** Not (yet) allowed to act: the page offers a sign-in link to the address on file. */
  | { state: "sign-in"; details: EmailActionDetails; signedInAs?: string }
  | { state: "ready"; details: EmailActionDetails };

export const linkKeyOf = (link: Pick<EmailLink, "action" | "businessKey">) => `${link.action}:${link.businessKey}`;

/** A claim left pending this long (a crash between claiming and finishing) may be taken over. */
const CLAIM_TIMEOUT_MS = 5 * 60_000;

async function linkUse(tx: Transaction, link: EmailLink) {
  const [row] = await tx.select().from(s.emailLinkUses).where(eq(s.emailLinkUses.linkKey, linkKeyOf(link))).limit(1);
  return row;
}

const providerName = (p: { firstName: string; lastName: string; credentials: string | null }) => `${p.firstName} ${p.lastName}${p.credentials ? `, ${p.credentials}` : ""}`;

async function details(tx: Transaction, link: EmailLink): Promise<EmailActionDetails | undefined> {
  const state = await loadCaseState(tx, link.caseId);
  if (!state) return undefined;
  const header = await caseHeader(tx, link.organizationId, state);
  const [provider] = await tx.select().from(s.providers).where(eq(s.providers.id, link.providerId));
  const request = informationRequestOf(state, link.businessKey.split(":").at(-1));
  return {
    action: link.action,
    organizationName: header.brand.name,
    caseNumber: header.caseNumber,
    patientInitials: header.patientInitials,
    providerName: provider ? providerName(provider) : "the ordering provider",
    items: link.action === "upload-requested-document" ? (request?.items ?? []) : [],
    ...(link.action === "upload-requested-document" && request ? { dueOn: request.dueOn } : {}),
    ...(state.authorization ? { effectiveTo: state.authorization.effectiveTo } : {}),
    expiresAt: link.expiresAt.toISOString(),
  };
}

/** Who acts, as the case timeline will record them. */
interface Answerer {
  actor: Actor | undefined;
  /** "Dr. Ada Lee (ordering provider, …)" for the note. */
  by: string;
  answeringAs: string;
}

/**
 * May this viewer answer this link? The provider's clinician account (their membership's provider), an account
 * with the provider's or the delegate's address on file, or a grant from a sign-in link sent to one of them.
 */
async function answererFor(tx: Transaction, link: EmailLink, viewer: EmailActionViewer, now: Date): Promise<Answerer | undefined> {
  const [provider] = await tx.select().from(s.providers).where(eq(s.providers.id, link.providerId));
  if (!provider) return undefined;
  const name = providerName(provider);
  const delegate = provider.delegateEmail && provider.delegateMode ? { name: provider.delegateName ?? "Delegate", email: provider.delegateEmail.toLowerCase() } : undefined;
  const user = viewer.user;
  if (user && user.organizationId === link.organizationId) {
    const [membership] = await tx
      .select({ role: s.memberships.role })
      .from(s.memberships)
      .where(and(eq(s.memberships.userId, user.userId), eq(s.memberships.providerId, link.providerId)))
      .limit(1);
    const email = user.email.toLowerCase();
    if (membership || (provider.email && provider.email.toLowerCase() === email)) {
      return { actor: { userId: user.userId, role: membership?.role ?? "clinician" }, by: `${name} (ordering provider, signed in)`, answeringAs: name };
    }
    if (delegate && delegate.email === email && user.roles[0]) {
      return { actor: { userId: user.userId, role: user.roles.includes("clinician") ? "clinician" : user.roles[0] }, by: `${user.name} (delegate of ${name}, signed in)`, answeringAs: `${user.name} (delegate of ${name})` };
    }
  }
  const grant = (viewer.grants ?? []).find((g) => g.organizationId === link.organizationId && g.linkKey === linkKeyOf(link) && g.providerId === link.providerId && g.expiresAt > now.getTime());
  if (grant?.recipient === "provider") return { actor: undefined, by: `${name} (ordering provider, signed in by emailed link)`, answeringAs: name };
  if (grant?.recipient === "delegate" && delegate) return { actor: undefined, by: `${delegate.name} (delegate of ${name}, signed in by emailed link)`, answeringAs: `${delegate.name} (delegate of ${name})` };
  return undefined;
}

/** The process's context for a request. */
export function emailActionContext(now = new Date()): EmailActionContext {
  return { db: databaseHandle().db, engine: lifecycleEngine(), secret: loadConfig().SESSION_SECRET, now };
}

/** Which form a token asks for, when it verifies (expiry aside: the page says so). */
export function emailActionOf(token: string, secret: string): EmailAction | undefined {
  const verified = verifyEmailLink(token, secret, new Date(0));
  return verified.ok ? verified.link.action : undefined;
}

function check(token: string, context: EmailActionContext) {
  return verifyEmailLink(token, context.secret, context.now);
}

async function pageFor(tx: Transaction, link: EmailLink, viewer: EmailActionViewer, now: Date): Promise<{ page: Exclude<EmailActionPage, { state: "ready" }> } | { found: EmailActionDetails; answerer: Answerer }> {
  const found = await details(tx, link);
  if (!found) return { page: { state: "invalid" } };
  const use = await linkUse(tx, link);
  if (use?.state === "done") return { page: { state: "used", usedAt: use.usedAt!.toISOString(), details: found } };
  const answerer = await answererFor(tx, link, viewer, now);
  if (!answerer) return { page: { state: "sign-in", details: found, ...(viewer.user ? { signedInAs: viewer.user.name } : {}) } };
  return { found: { ...found, answeringAs: answerer.answeringAs }, answerer };
}

/** What the link's page shows: the form, a sign-in offer, or why it cannot be used. */
export async function openEmailAction(token: string, context: EmailActionContext, viewer: EmailActionViewer = {}): Promise<EmailActionPage> {
  const verified = check(token, context);
  if (!verified.ok) return { state: verified.reason };
  const link = verified.link;
  return withTenant(context.db, link.organizationId, async (tx) => {
    const result = await pageFor(tx, link, viewer, context.now);
    return "page" in result ? result.page : { state: "ready", details: result.found };
  });
}

export type EmailActionInput =
  | { action: "attest-continued-therapy"; value: z.infer<typeof AttestContinuedTherapySchema> }
  | { action: "upload-requested-document"; value: z.infer<typeof UploadRequestedDocumentSchema> }
  | { action: "pick-p2p-windows"; value: z.infer<typeof PickP2PWindowsSchema> };

export type EmailActionResult =
  | { ok: true; details: EmailActionDetails }
  | { ok: false; page: Exclude<EmailActionPage, { state: "ready" }> }
  /** The engine refused (or is busy with this link): nothing was recorded and the link still works. */
  | { ok: false; refused: string };

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function commandsFor(link: EmailLink, input: EmailActionInput, by: string, documentId: string | undefined, now: Date): Record<string, unknown>[] {
  switch (input.action) {
    case "attest-continued-therapy":
      return [
        {
          type: "add-note",
          caseId: link.caseId,
          text: `${by} attests continued therapy. Response to therapy: ${input.value.response}${input.value.weightKg !== undefined ? ` Current weight: ${input.value.weightKg} kg (${isoDay(now)}).` : ""}`,
          tags: ["continued-therapy-attestation"],
        },
      ];
    case "upload-requested-document":
      return [
        { type: "attach-document", caseId: link.caseId, documentId, kind: "clinical-note", requestedByPayer: true },
        ...(input.value.note ? [{ type: "add-note", caseId: link.caseId, text: `${by} uploaded the requested document: ${input.value.note}`, tags: ["provider-response"] }] : []),
      ];
    case "pick-p2p-windows":
      return [
        {
          type: "add-note",
          caseId: link.caseId,
          text: `${by} can take the peer-to-peer call: ${input.value.windows.join("; ")}${input.value.phone ? ` (phone ${input.value.phone})` : ""}.`,
          tags: ["p2p-call-windows"],
        },
      ];
  }
}

/**
 * Performs the action once, spending the link only when the engine accepts it:
 * 1. claim the link (a pending row, under an advisory lock) and store the uploaded document — one transaction;
 * 2. send the case commands through the lifecycle engine;
 * 3. accepted → record the weight and mark the link used (audited); refused or failed → drop the claim and the
 *    document, so nothing is half-written and the clinician can try again.
 */
export async function performEmailAction(token: string, input: EmailActionInput, context: EmailActionContext, viewer: EmailActionViewer = {}): Promise<EmailActionResult> {
  const verified = check(token, context);
  if (!verified.ok) return { ok: false, page: { state: verified.reason } };
  const link = verified.link;
  if (link.action !== input.action) return { ok: false, page: { state: "invalid" } };
  const documentBytes = input.action === "upload-requested-document" ? new Uint8Array(await input.value.document.arrayBuffer()) : undefined;
  const key = linkKeyOf(link);

  type Claimed = { page: Exclude<EmailActionPage, { state: "ready" }> } | { busy: true } | { found: EmailActionDetails; answerer: Answerer; documentId: string | undefined; patientId: string };
  const claimed = await withTenant(context.db, link.organizationId, async (tx): Promise<Claimed> => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`email-link:${key}`}))`);
    const result = await pageFor(tx, link, viewer, context.now);
    if ("page" in result) return result;
    const use = await linkUse(tx, link);
    if (use && use.claimedAt.getTime() > context.now.getTime() - CLAIM_TIMEOUT_MS) return { busy: true };
    if (use) await tx.update(s.emailLinkUses).set({ claimedAt: context.now }).where(eq(s.emailLinkUses.id, use.id));
    else await tx.insert(s.emailLinkUses).values({ organizationId: link.organizationId, linkKey: key, state: "pending", claimedAt: context.now });
    const state = (await loadCaseState(tx, link.caseId))!;
    let documentId: string | undefined;
    if (input.action === "upload-requested-document" && documentBytes) {
      const file = input.value.document;
      const [document] = await tx
        .insert(s.documents)
        .values({
          organizationId: link.organizationId,
          patientId: state.patient.patientId,
          caseId: link.caseId,
          kind: "clinical-note",
          fileName: file.name || "document",
          contentType: file.type,
          sizeBytes: documentBytes.byteLength,
          sha256: createHash("sha256").update(documentBytes).digest("hex"),
          content: documentBytes,
          requestedByPayer: true,
          ...(result.answerer.actor ? { uploadedById: result.answerer.actor.userId } : {}),
        })
        .returning({ id: s.documents.id });
      documentId = document!.id;
    }
    return { found: result.found, answerer: result.answerer, documentId, patientId: state.patient.patientId };
  });
  if ("page" in claimed) return { ok: false, page: claimed.page };
  if ("busy" in claimed) return { ok: false, refused: "This link is being used right now (another window or click). Wait a minute and reload the page." };

  const release = () =>
    withTenant(context.db, link.organizationId, async (tx) => {
      if (claimed.documentId) await tx.delete(s.documents).where(eq(s.documents.id, claimed.documentId));
      await tx.delete(s.emailLinkUses).where(and(eq(s.emailLinkUses.linkKey, key), eq(s.emailLinkUses.state, "pending")));
    });

  const commands = commandsFor(link, input, claimed.answerer.by, claimed.documentId, context.now);
  let accepted = 0;
  let laterRefusal: string | undefined;
  try {
    for (const command of commands) {
      const outcome = await context.engine.execute({ organizationId: link.organizationId, command, ...(claimed.answerer.actor ? { actor: claimed.answerer.actor } : {}) });
      if (!outcome.ok) {
        if (accepted === 0) {
          await release();
          return { ok: false, refused: `${outcome.error.message} Nothing was recorded and this link still works; the PA team can also be reached directly.` };
        }
        laterRefusal = outcome.error.message;
        break;
      }
      accepted++;
    }
  } catch (error) {
    if (accepted === 0) await release();
    throw error;
  }

  await withTenant(context.db, link.organizationId, async (tx) => {
    if (input.action === "attest-continued-therapy" && input.value.weightKg !== undefined) {
      const measuredOn = isoDay(context.now);
      await tx
        .insert(s.patientWeights)
        .values({ organizationId: link.organizationId, patientId: claimed.patientId, measuredOn, weightKg: input.value.weightKg })
        .onConflictDoUpdate({ target: [s.patientWeights.patientId, s.patientWeights.measuredOn], set: { weightKg: input.value.weightKg } });
    }
    await tx
      .update(s.emailLinkUses)
      .set({ state: "done", usedAt: context.now, actorUserId: claimed.answerer.actor?.userId ?? null })
      .where(eq(s.emailLinkUses.linkKey, key));
    await tx.insert(s.auditLog).values({
      organizationId: link.organizationId,
      ...(claimed.answerer.actor ? { actorUserId: claimed.answerer.actor.userId } : {}),
      action: "email-link.used",
      entityType: "email-link",
      entityId: key,
      detail: { caseId: link.caseId, providerId: link.providerId, answeredBy: claimed.answerer.actor ? "member" : "sign-in-link", ...(claimed.documentId ? { documentId: claimed.documentId } : {}), ...(laterRefusal ? { partlyRefused: laterRefusal } : {}) },
      occurredAt: context.now,
    });
  });
  if (laterRefusal) return { ok: false, refused: `Part of your answer was recorded, but: ${laterRefusal} The PA team will follow up.` };
  return { ok: true, details: claimed.found };
}
