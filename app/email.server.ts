// Email effects of the lifecycle: turns an outbox row (topic "email") into a rendered message for its recipient,
// and delivers it through Resend with the row's business key as the idempotency key, so a redelivery after a crash
// or a retry sends nothing new. Without RESEND_API_KEY there is no handler: rows wait in the outbox and the in-app
// mail viewer renders them exactly as they would be sent.
import { and, asc, desc, eq, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import { Resend } from "resend";
import { z } from "zod";
import type { Database, Transaction } from "../db/client";
import * as s from "../db/schema";
import { withTenant } from "../db/tenant";
import { emailTemplateNames, renderEmail, type EmailBase, type EmailMessage, type RenderedEmail, type RenewalBand } from "../emails";
import { CLOSED_STATUSES, type CaseState } from "./authorizations";
import type { Config } from "./config.server";
import { databaseHandle } from "./db.server";
import { EMAIL_LINK_TTL_MS, emailActionUrl, signEmailLink, type EmailAction } from "./email-links.server";
import { loadCaseState } from "./engine/case-store.server";
import { PermanentDeliveryError, type OutboxHandler, type OutboxRow } from "./engine/outbox.server";
import { deadlineWords } from "./queues";

export const EmailPayloadSchema = z.object({
  template: z.enum(emailTemplateNames).exclude(["coordinator-digest"]),
  to: z.enum(["assignee", "ordering-provider"]),
  caseId: z.uuid(),
  providerId: z.uuid().optional(),
  assigneeId: z.uuid().nullable().optional(),
  eventType: z.string(),
});
export type EmailPayload = z.infer<typeof EmailPayloadSchema>;

export interface EmailSettings {
  appUrl: string;
  /** Signs action links (the session secret). */
  secret: string;
}

export interface ComposedEmail {
  outboxId: string;
  businessKey: string;
  template: EmailMessage["template"];
  /** Addresses; empty when nobody on the case has one (a permanent failure for the deliverer). */
  to: string[];
  /** Why `to` is empty, in words a coordinator can act on. */
  missingRecipient?: string;
  message: EmailMessage;
  rendered: RenderedEmail;
}

/** The part of the business key after "{template}:{caseId}:" (a band, a request id, a deadline key). */
function keySuffix(row: OutboxRow, payload: EmailPayload): string {
  const prefix = `${payload.template}:${payload.caseId}:`;
  return row.businessKey.startsWith(prefix) ? row.businessKey.slice(prefix.length) : "";
}

function parseBand(suffix: string): RenewalBand {
  if (suffix === "units") return "units";
  const days = Number(suffix.replace(/d$/, ""));
  return days === 30 || days === 14 || days === 7 ? days : 30;
}

const initials = (first: string, last: string) => `${first.trim().charAt(0).toUpperCase()}.${last.trim().charAt(0).toUpperCase()}.`;

/** What identifies a case in an email or on an action page: organization, case number, patient initials. */
export async function caseHeader(tx: Transaction, organizationId: string, state: CaseState) {
  const [caseRow] = await tx
    .select({ caseNumber: s.authorizationCases.caseNumber, nextDeadlineAt: s.authorizationCases.nextDeadlineAt, nextDeadlineKind: s.authorizationCases.nextDeadlineKind })
    .from(s.authorizationCases)
    .where(eq(s.authorizationCases.id, state.caseId));
  const [patient] = await tx.select({ firstName: s.patients.firstName, lastName: s.patients.lastName }).from(s.patients).where(eq(s.patients.id, state.patient.patientId));
  const [organization] = await tx.select({ name: s.organizations.name }).from(s.organizations).where(eq(s.organizations.id, organizationId));
  return {
    organizationName: organization?.name ?? "Infusion PA",
    caseNumber: caseRow?.caseNumber ?? state.caseNumber ?? "(no number)",
    patientInitials: patient ? initials(patient.firstName, patient.lastName) : "—",
    nextDeadlineAt: caseRow?.nextDeadlineAt ?? null,
    nextDeadlineKind: caseRow?.nextDeadlineKind ?? null,
  };
}

/** The information request an email is about (its id ends the business key), else the latest. */
export function informationRequestOf(state: CaseState, requestId: string | undefined) {
  return state.informationRequests.find((r) => r.requestId === requestId) ?? state.informationRequests.at(-1);
}

function unitsOf(state: CaseState): { authorizedUnits?: number; remainingUnits?: number } {
  if (!state.authorization) return {};
  const authorizedUnits = state.lines.reduce((sum, line) => sum + (line.authorizedUnits ?? line.requestedUnits), 0);
  if (!state.usage) return { authorizedUnits };
  const used = state.usage.lines.reduce((sum, line) => sum + line.usedUnits, 0);
  return { authorizedUnits, remainingUnits: Math.max(0, authorizedUnits - used) };
}

const actionOf: Partial<Record<EmailPayload["template"], EmailAction>> = {
  "renewal-alert": "attest-continued-therapy",
  "information-request": "upload-requested-document",
  "information-reminder": "upload-requested-document",
  "p2p-call-windows": "pick-p2p-windows",
};

async function recipients(tx: Transaction, payload: EmailPayload, providerId: string): Promise<{ to: string[]; name: string; missing?: string }> {
  if (payload.to === "ordering-provider") {
    const [provider] = await tx.select().from(s.providers).where(eq(s.providers.id, providerId));
    if (!provider) return { to: [], name: "Doctor", missing: "the ordering provider is not on file" };
    const name = `${provider.firstName} ${provider.lastName}${provider.credentials ? `, ${provider.credentials}` : ""}`;
    return provider.email ? { to: [provider.email], name } : { to: [], name, missing: `the ordering provider (NPI ${provider.npi}) has no email address on file` };
  }
  if (payload.assigneeId) {
    const [user] = await tx.select({ email: s.users.email, name: s.users.name, disabledAt: s.users.disabledAt }).from(s.users).where(eq(s.users.id, payload.assigneeId));
    if (user && !user.disabledAt) return { to: [user.email], name: user.name };
  }
  // Unassigned (or the assignee left): the organization's coordinators share the queue, so they all hear of it.
  const coordinators = await tx
    .select({ email: s.users.email })
    .from(s.memberships)
    .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
    .where(and(eq(s.memberships.role, "coordinator"), sql`${s.users.disabledAt} is null`))
    .orderBy(s.users.email);
  const to = [...new Set(coordinators.map((c) => c.email))];
  return to.length ? { to, name: "PA team" } : { to: [], name: "PA team", missing: "the case has no assignee and the organization has no coordinators" };
}

const templateOf = (row: OutboxRow): string | undefined => {
  const template = (row.payload as { template?: unknown } | null)?.template;
  return typeof template === "string" ? template : undefined;
};

export const DigestPayloadSchema = z.object({ template: z.literal("coordinator-digest"), to: z.email(), day: z.iso.date() });


/** The coordinator's due-today list: their cases and the unassigned ones, due by the end of the day (UTC). */
async function composeDigest(tx: Transaction, row: OutboxRow, settings: EmailSettings): Promise<ComposedEmail> {
  const parsed = DigestPayloadSchema.safeParse(row.payload);
  if (!parsed.success) throw new PermanentDeliveryError(`email ${row.businessKey}: unreadable digest payload (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})`);
  const { to, day } = parsed.data;
  const [user] = await tx.select({ id: s.users.id, name: s.users.name }).from(s.users).where(eq(sql`lower(${s.users.email})`, to.toLowerCase()));
  const [organization] = await tx.select({ name: s.organizations.name }).from(s.organizations).where(eq(s.organizations.id, row.organizationId));
  const dayEnd = new Date(`${day}T00:00:00Z`);
  dayEnd.setUTCDate(dayEnd.getUTCDate() + 1);
  const due = await tx
    .select({
      caseNumber: s.authorizationCases.caseNumber,
      dueAt: s.authorizationCases.nextDeadlineAt,
      kind: s.authorizationCases.nextDeadlineKind,
      firstName: s.patients.firstName,
      lastName: s.patients.lastName,
    })
    .from(s.authorizationCases)
    .innerJoin(s.patients, eq(s.patients.id, s.authorizationCases.patientId))
    .where(
      and(
        lt(s.authorizationCases.nextDeadlineAt, dayEnd),
        notInArray(s.authorizationCases.status, [...CLOSED_STATUSES]),
        user ? or(eq(s.authorizationCases.assigneeId, user.id), isNull(s.authorizationCases.assigneeId)) : isNull(s.authorizationCases.assigneeId),
      ),
    )
    .orderBy(asc(s.authorizationCases.nextDeadlineAt))
    .limit(100);
  const message: EmailMessage = {
    template: "coordinator-digest",
    organizationName: organization?.name ?? "Infusion PA",
    recipientName: user?.name ?? "PA team",
    day,
    queueUrl: new URL("/queues", settings.appUrl).toString(),
    items: due.map((d) => ({ caseNumber: d.caseNumber, patientInitials: initials(d.firstName, d.lastName), dueAt: d.dueAt!.toISOString(), what: deadlineWords(d.kind) })),
  };
  return {
    outboxId: row.id,
    businessKey: row.businessKey,
    template: "coordinator-digest",
    to: user ? [to] : [],
    ...(user ? {} : { missingRecipient: `${to} is not a member of this organization` }),
    message,
    rendered: await renderEmail(message),
  };
}

/** Builds the message for one outbox email row inside a tenant transaction. */
export async function composeOutboxEmail(tx: Transaction, row: OutboxRow, settings: EmailSettings): Promise<ComposedEmail> {
  const template = templateOf(row);
  if (template && !(emailTemplateNames as readonly string[]).includes(template)) {
    throw new PermanentDeliveryError(`email ${row.businessKey}: there is no email template "${template}" yet; retry it from Settings → Deliveries once there is`);
  }
  if (template === "coordinator-digest") return composeDigest(tx, row, settings);
  const parsed = EmailPayloadSchema.safeParse(row.payload);
  if (!parsed.success) throw new PermanentDeliveryError(`email ${row.businessKey}: unreadable payload (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})`);
  const payload = parsed.data;
  const state = await loadCaseState(tx, payload.caseId);
  if (!state) throw new PermanentDeliveryError(`email ${row.businessKey}: case ${payload.caseId} does not exist in this organization`);
  const header = await caseHeader(tx, row.organizationId, state);
  const providerId = payload.providerId ?? state.orderingProvider.providerId;
  const recipient = await recipients(tx, payload, providerId);

  const base: EmailBase = { ...header, recipientName: recipient.name, caseUrl: new URL(`/cases/${payload.caseId}`, settings.appUrl).toString() };
  const action = actionOf[payload.template];
  const actionUrl = action
    ? emailActionUrl(
        settings.appUrl,
        signEmailLink(
          { organizationId: row.organizationId, caseId: payload.caseId, providerId, businessKey: row.businessKey, action, expiresAt: new Date(row.createdAt.getTime() + EMAIL_LINK_TTL_MS) },
          settings.secret,
        ),
      )
    : base.caseUrl;
  const suffix = keySuffix(row, payload);
  const request = informationRequestOf(state, suffix);

  let message: EmailMessage;
  switch (payload.template) {
    case "renewal-alert":
      message = { template: payload.template, ...base, band: parseBand(suffix), effectiveTo: state.authorization?.effectiveTo ?? state.requested.to, ...unitsOf(state), actionUrl };
      break;
    case "renewal-alert-coordinator":
      message = { template: payload.template, ...base, band: parseBand(suffix), effectiveTo: state.authorization?.effectiveTo ?? state.requested.to, remainingUnits: unitsOf(state).remainingUnits };
      break;
    case "information-request":
    case "information-reminder":
      message = { template: payload.template, ...base, items: request?.items ?? [], dueOn: request?.dueOn ?? "", actionUrl };
      break;
    case "information-overdue":
      message = { template: payload.template, ...base, items: request?.items ?? [], dueOn: request?.dueOn ?? "" };
      break;
    case "p2p-call-windows":
      message = { template: payload.template, ...base, actionUrl, ...(header.nextDeadlineKind === "p2p-request" && header.nextDeadlineAt ? { deadline: header.nextDeadlineAt.toISOString() } : {}) };
      break;
    case "decision-overdue":
    case "p2p-window-closed":
    case "appeal-window-closed":
    case "site-of-care-transition-due": {
      const [event] = await tx
        .select({ payload: s.authorizationEvents.payload, occurredAt: s.authorizationEvents.occurredAt })
        .from(s.authorizationEvents)
        .where(and(eq(s.authorizationEvents.caseId, payload.caseId), eq(s.authorizationEvents.type, payload.eventType)))
        .orderBy(desc(s.authorizationEvents.sequence))
        .limit(1);
      const dueAt = (event?.payload as { dueAt?: string } | undefined)?.dueAt ?? event?.occurredAt.toISOString() ?? row.createdAt.toISOString();
      message = { template: payload.template, ...base, dueAt };
      break;
    }
  }
  return {
    outboxId: row.id,
    businessKey: row.businessKey,
    template: payload.template,
    to: recipient.to,
    ...(recipient.missing ? { missingRecipient: recipient.missing } : {}),
    message,
    rendered: await renderEmail(message),
  };
}

type EmailConfig = Pick<Config, "RESEND_API_KEY" | "RESEND_BASE_URL" | "EMAIL_FROM" | "APP_URL" | "SESSION_SECRET">;

// Resend answers these when retrying cannot help; everything else (429, 5xx, network) is retried with backoff.
const permanentResendErrors = new Set(["validation_error", "invalid_from_address", "invalid_parameter", "missing_required_field", "invalid_idempotent_request", "invalid_attachment", "invalid_api_key", "restricted_api_key", "missing_api_key"]);

/**
 * The outbox handler for topic "email": compose, send through Resend with idempotencyKey = business key, and record
 * the provider's message id in the audit log. No recipient address → PermanentDeliveryError (a dead letter the
 * coordinators see in Settings → Deliveries).
 */
export function emailOutboxHandler(config: EmailConfig, options: { db?: Database } = {}): OutboxHandler {
  if (!config.RESEND_API_KEY || !config.EMAIL_FROM) throw new Error("emailOutboxHandler needs RESEND_API_KEY and EMAIL_FROM; without them emails stay in the outbox");
  const resend = new Resend(config.RESEND_API_KEY, config.RESEND_BASE_URL ? { baseUrl: config.RESEND_BASE_URL.replace(/\/$/, "") } : undefined);
  const from = config.EMAIL_FROM;
  const settings = emailSettings(config);
  return async (row) => {
    const db = options.db ?? databaseHandle().db;
    const email = await withTenant(db, row.organizationId, (tx) => composeOutboxEmail(tx, row, settings));
    if (email.to.length === 0) throw new PermanentDeliveryError(`email ${row.businessKey}: no recipient — ${email.missingRecipient ?? "no address"}`);
    const { data, error } = await resend.emails.send(
      { from, to: email.to, subject: email.rendered.subject, html: email.rendered.html, text: email.rendered.text, tags: [{ name: "template", value: email.template }] },
      { idempotencyKey: row.businessKey },
    );
    if (error) {
      const message = `Resend refused ${row.businessKey}: ${error.name}${error.statusCode ? ` (${error.statusCode})` : ""}: ${error.message}`;
      throw permanentResendErrors.has(error.name) ? new PermanentDeliveryError(message) : new Error(message);
    }
    await withTenant(db, row.organizationId, (tx) =>
      tx.insert(s.auditLog).values({
        organizationId: row.organizationId,
        action: "email.sent",
        entityType: "outbox",
        entityId: row.id,
        detail: { businessKey: row.businessKey, template: email.template, providerMessageId: data.id },
      }),
    );
  };
}

/** The outbox handlers email needs under this configuration: none without RESEND_API_KEY (rows wait for the viewer). */
export function emailOutboxHandlers(config: EmailConfig, options: { db?: Database } = {}): Partial<Record<string, OutboxHandler>> {
  return config.RESEND_API_KEY && config.EMAIL_FROM ? { email: emailOutboxHandler(config, options) } : {};
}

export type EmailState = "waiting" | "sent" | "failed";

/** The mail viewer's list: the organization's email rows, newest first. */
export async function listOutboxEmails(organizationId: string, limit = 100) {
  const rows = await withTenant(databaseHandle().db, organizationId, (tx) => tx.select().from(s.outbox).where(eq(s.outbox.topic, "email")).orderBy(desc(s.outbox.createdAt), desc(s.outbox.id)).limit(limit));
  return rows.map((row) => {
    const payload = EmailPayloadSchema.safeParse(row.payload);
    const state: EmailState = row.deadAt ? "failed" : row.deliveredAt ? "sent" : "waiting";
    return { id: row.id, businessKey: row.businessKey, template: templateOf(row) ?? "unknown", to: payload.success ? payload.data.to : "other", state, lastError: row.lastError, createdAt: row.createdAt.toISOString() };
  });
}

/** One email rendered exactly as the deliverer would send it now. Undefined when it is not an email of this organization. */
export async function previewOutboxEmail(organizationId: string, outboxId: string, settings: EmailSettings): Promise<ComposedEmail | undefined> {
  return withTenant(databaseHandle().db, organizationId, async (tx) => {
    const [row] = await tx
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.id, outboxId), eq(s.outbox.topic, "email")));
    return row ? composeOutboxEmail(tx, row, settings) : undefined;
  });
}

export function emailSettings(config: Pick<Config, "APP_URL" | "SESSION_SECRET">): EmailSettings {
  return { appUrl: config.APP_URL, secret: config.SESSION_SECRET };
}
