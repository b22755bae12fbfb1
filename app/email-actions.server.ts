// What an email action link opens and does. The link's signature and expiry are checked first; it works once
// (its use is recorded in the audit log under an advisory lock, so two clicks cannot both act); the clinician's
// answer becomes lifecycle commands (add-note, attach-document) so it shows on the case timeline.
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database, Transaction } from "../db/client";
import * as s from "../db/schema";
import { withTenant } from "../db/tenant";
import type { Actor } from "./authorizations";
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
}

export type EmailActionPage =
  | { state: "invalid" }
  | { state: "expired" }
  | { state: "used"; usedAt: string; details: EmailActionDetails }
  | { state: "ready"; details: EmailActionDetails };

const USED = "email-link.used";

async function usedAt(tx: Transaction, link: EmailLink): Promise<Date | undefined> {
  const [row] = await tx
    .select({ occurredAt: s.auditLog.occurredAt })
    .from(s.auditLog)
    .where(and(eq(s.auditLog.action, USED), eq(s.auditLog.entityType, "email-link"), eq(s.auditLog.entityId, `${link.action}:${link.businessKey}`)))
    .limit(1);
  return row?.occurredAt;
}

async function details(tx: Transaction, link: EmailLink): Promise<EmailActionDetails | undefined> {
  const state = await loadCaseState(tx, link.caseId);
  if (!state) return undefined;
  const header = await caseHeader(tx, link.organizationId, state);
  const [provider] = await tx.select({ firstName: s.providers.firstName, lastName: s.providers.lastName }).from(s.providers).where(eq(s.providers.id, link.providerId));
  const request = informationRequestOf(state, link.businessKey.split(":").at(-1));
  return {
    action: link.action,
    organizationName: header.organizationName,
    caseNumber: header.caseNumber,
    patientInitials: header.patientInitials,
    providerName: provider ? `${provider.firstName} ${provider.lastName}` : "the ordering provider",
    items: link.action === "upload-requested-document" ? (request?.items ?? []) : [],
    ...(link.action === "upload-requested-document" && request ? { dueOn: request.dueOn } : {}),
    ...(state.authorization ? { effectiveTo: state.authorization.effectiveTo } : {}),
    expiresAt: link.expiresAt.toISOString(),
  };
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

/** What the link's page shows: the form, or why it cannot be used. */
export async function openEmailAction(token: string, context: EmailActionContext): Promise<EmailActionPage> {
  const verified = check(token, context);
  if (!verified.ok) return { state: verified.reason };
  const link = verified.link;
  return withTenant(context.db, link.organizationId, async (tx) => {
    const found = await details(tx, link);
    if (!found) return { state: "invalid" } as const;
    const used = await usedAt(tx, link);
    return used ? { state: "used", usedAt: used.toISOString(), details: found } : { state: "ready", details: found };
  });
}

export type EmailActionInput =
  | { action: "attest-continued-therapy"; value: z.infer<typeof AttestContinuedTherapySchema> }
  | { action: "upload-requested-document"; value: z.infer<typeof UploadRequestedDocumentSchema> }
  | { action: "pick-p2p-windows"; value: z.infer<typeof PickP2PWindowsSchema> };

export type EmailActionResult = { ok: true; details: EmailActionDetails } | { ok: false; page: Exclude<EmailActionPage, { state: "ready" }> } | { ok: false; refused: string };

/** The provider's clinician account, when they have one: their answer is then attributed to them. */
async function providerActor(tx: Transaction, providerId: string): Promise<Actor | undefined> {
  const [membership] = await tx.select({ userId: s.memberships.userId }).from(s.memberships).where(eq(s.memberships.providerId, providerId)).limit(1);
  return membership ? { userId: membership.userId, role: "clinician" } : undefined;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Performs the action once. The link's use, the uploaded document and the weight are written in one tenant
 * transaction (serialised per link by an advisory lock); the case commands follow through the engine.
 */
export async function performEmailAction(token: string, input: EmailActionInput, context: EmailActionContext): Promise<EmailActionResult> {
  const verified = check(token, context);
  if (!verified.ok) return { ok: false, page: { state: verified.reason } };
  const link = verified.link;
  if (link.action !== input.action) return { ok: false, page: { state: "invalid" } };
  const documentBytes = input.action === "upload-requested-document" ? new Uint8Array(await input.value.document.arrayBuffer()) : undefined;

  type Prepared = { page: Exclude<EmailActionPage, { state: "ready" }> } | { found: EmailActionDetails; actor: Actor | undefined; documentId: string | undefined };
  const prepared = await withTenant(context.db, link.organizationId, async (tx): Promise<Prepared> => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`email-link:${link.action}:${link.businessKey}`}))`);
    const found = await details(tx, link);
    if (!found) return { page: { state: "invalid" } };
    const used = await usedAt(tx, link);
    if (used) return { page: { state: "used", usedAt: used.toISOString(), details: found } };
    const state = (await loadCaseState(tx, link.caseId))!;
    const actor = await providerActor(tx, link.providerId);
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
          ...(actor ? { uploadedById: actor.userId } : {}),
        })
        .returning({ id: s.documents.id });
      documentId = document!.id;
    }
    if (input.action === "attest-continued-therapy" && input.value.weightKg !== undefined) {
      const measuredOn = isoDay(context.now);
      await tx
        .insert(s.patientWeights)
        .values({ organizationId: link.organizationId, patientId: state.patient.patientId, measuredOn, weightKg: input.value.weightKg })
        .onConflictDoUpdate({ target: [s.patientWeights.patientId, s.patientWeights.measuredOn], set: { weightKg: input.value.weightKg } });
    }
    await tx.insert(s.auditLog).values({
      organizationId: link.organizationId,
      ...(actor ? { actorUserId: actor.userId } : {}),
      action: USED,
      entityType: "email-link",
      entityId: `${link.action}:${link.businessKey}`,
      detail: { caseId: link.caseId, providerId: link.providerId, ...(documentId ? { documentId } : {}) },
      occurredAt: context.now,
    });
    return { found, actor, documentId };
  });
  if ("page" in prepared) return { ok: false, page: prepared.page };

  const by = `${prepared.found.providerName} (ordering provider, from the emailed link)`;
  const commands: Record<string, unknown>[] = [];
  switch (input.action) {
    case "attest-continued-therapy":
      commands.push({
        type: "add-note",
        caseId: link.caseId,
        text: `${by} attests continued therapy. Response to therapy: ${input.value.response}${input.value.weightKg !== undefined ? ` Current weight: ${input.value.weightKg} kg (${isoDay(context.now)}).` : ""}`,
        tags: ["continued-therapy-attestation"],
      });
      break;
    case "upload-requested-document":
      commands.push({ type: "attach-document", caseId: link.caseId, documentId: prepared.documentId, kind: "clinical-note", requestedByPayer: true });
      if (input.value.note) commands.push({ type: "add-note", caseId: link.caseId, text: `${by} uploaded the requested document: ${input.value.note}`, tags: ["provider-response"] });
      break;
    case "pick-p2p-windows":
      commands.push({
        type: "add-note",
        caseId: link.caseId,
        text: `${by} can take the peer-to-peer call: ${input.value.windows.join("; ")}${input.value.phone ? ` (phone ${input.value.phone})` : ""}.`,
        tags: ["p2p-call-windows"],
      });
      break;
  }
  for (const command of commands) {
    const outcome = await context.engine.execute({ organizationId: link.organizationId, command, ...(prepared.actor ? { actor: prepared.actor } : {}) });
    if (!outcome.ok) return { ok: false, refused: `${outcome.error.message} Your answer was recorded; the PA team will follow up.` };
  }
  return { ok: true, details: prepared.found };
}
