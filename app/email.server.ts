// Email effects of the lifecycle: turns an outbox row (topic "email") into a rendered message for its recipient,
// and delivers it through Resend with the row's business key as the idempotency key, so a redelivery after a crash
// or a retry sends nothing new. Without RESEND_API_KEY there is no handler: rows wait in the outbox and the in-app
// mail viewer renders them exactly as they would be sent.
import {
  and,
  asc,
  desc,
  eq,
  inArray,
  isNull,
  lt,
  notInArray,
  or,
  sql,
} from "drizzle-orm";
import { Resend } from "resend";
import { z } from "zod";
import type { Database, Transaction } from "../db/client";
import * as s from "../db/schema";
import { withTenant } from "../db/tenant";
import {
  emailTemplateNames,
  renderEmail,
  type CaseEmailTemplate,
  type EmailBase,
  type EmailMessage,
  type RenderedEmail,
  type RenewalBand,
} from "../emails";
import {
  CLOSED_STATUSES,
  endOfLocalDay,
  replay,
  type CaseState,
} from "./authorizations";
import type { Config } from "./config.server";
import { databaseHandle } from "./db.server";
import {
  EMAIL_LINK_TTL_MS,
  emailActionUrl,
  signEmailLink,
  type EmailAction,
} from "./email-links.server";
import {
  brandFor,
  memberRecipients,
  providerRecipients,
  wantsDigest,
  type EmailRecipient,
  type OrganizationEmailDefaults,
  type ResolvedRecipients,
} from "./email-preferences";
import {
  loadEmailSettings,
  loadMemberPreferences,
} from "./email-preferences.server";
import { loadCaseEvents } from "./engine/case-store.server";
import {
  PermanentDeliveryError,
  type OutboxHandler,
  type OutboxRow,
} from "./engine/outbox.server";
import { deadlineWords } from "./queues";

const caseTemplates = emailTemplateNames.filter(
  (t): t is CaseEmailTemplate =>
    t !== "coordinator-digest" && t !== "sign-in-link" && t !== "hold-aging",
);

const NoticeDeadlineSchema = z.object({
  kind: z.enum(["p2p-request", "appeal-filing"]),
  at: z.iso.datetime(),
  rule: z.string(),
  source: z.string(),
  description: z.string(),
});

export const EmailPayloadSchema = z.object({
  template: z.enum(
    caseTemplates as [CaseEmailTemplate, ...CaseEmailTemplate[]],
  ),
  to: z.enum(["assignee", "ordering-provider"]),
  caseId: z.uuid(),
  providerId: z.uuid().optional(),
  assigneeId: z.uuid().nullable().optional(),
  eventType: z.string(),
  /** Decision notices: the case version right after the decision, and the deadlines it started. */
  version: z.number().int().positive().optional(),
  stage: z.enum(["initial", "peer-to-peer", "appeal"]).optional(),
  appealLevel: z
    .union([z.literal(1), z.literal(2), z.literal("external")])
    .optional(),
  deadlines: z.array(NoticeDeadlineSchema).optional(),
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
  /** Addresses; empty when nobody on the case has one (a permanent failure for the deliverer) or wants it. */
  to: string[];
  /** Who they are (provider, delegate nurse, member). */
  recipients: EmailRecipient[];
  /** Why `to` is empty, in words a coordinator can act on. */
  missingRecipient?: string;
  /** Why nobody is addressed on purpose (preferences): the deliverer records it and sends nothing. */
  skipped?: string;
  replyTo?: string;
  message: EmailMessage;
  rendered: RenderedEmail;
}

/** The part of the business key after "{template}:{caseId}:" (a band, a request id, a deadline key). */
function keySuffix(row: OutboxRow, payload: EmailPayload): string {
  const prefix = `${payload.template}:${payload.caseId}:`;
  return row.businessKey.startsWith(prefix)
    ? row.businessKey.slice(prefix.length)
    : "";
}

function parseBand(suffix: string): RenewalBand {
  if (suffix === "units") return "units";
  const days = Number(suffix.replace(/d$/, ""));
  return days === 30 || days === 14 || days === 7 ? days : 30;
}

const initials = (first: string, last: string) =>
  `${first.trim().charAt(0).toUpperCase()}.${last.trim().charAt(0).toUpperCase()}.`;

/** What identifies a case in an email or on an action page: organization (and its brand), case number, patient initials. */
export async function caseHeader(
  tx: Transaction,
  organizationId: string,
  state: CaseState,
  settings?: OrganizationEmailDefaults,
) {
  const [caseRow] = await tx
    .select({
      caseNumber: s.authorizationCases.caseNumber,
      nextDeadlineAt: s.authorizationCases.nextDeadlineAt,
      nextDeadlineKind: s.authorizationCases.nextDeadlineKind,
    })
    .from(s.authorizationCases)
    .where(eq(s.authorizationCases.id, state.caseId));
  const [patient] = await tx
    .select({ firstName: s.patients.firstName, lastName: s.patients.lastName })
    .from(s.patients)
    .where(eq(s.patients.id, state.patient.patientId));
  const email = settings ?? (await loadEmailSettings(tx, organizationId));
  return {
    organizationName: email.organizationName,
    brand: brandFor(email),
    caseNumber: caseRow?.caseNumber ?? state.caseNumber ?? "(no number)",
    patientInitials: patient
      ? initials(patient.firstName, patient.lastName)
      : "—",
    nextDeadlineAt: caseRow?.nextDeadlineAt ?? null,
    nextDeadlineKind: caseRow?.nextDeadlineKind ?? null,
  };
}

/** The information request an email is about (its id ends the business key), else the latest. */
export function informationRequestOf(
  state: CaseState,
  requestId: string | undefined,
) {
  return (
    state.informationRequests.find((r) => r.requestId === requestId) ??
    state.informationRequests.at(-1)
  );
}

function unitsOf(state: CaseState): {
  authorizedUnits?: number;
  remainingUnits?: number;
} {
  if (!state.authorization) return {};
  const authorizedUnits = state.lines.reduce(
    (sum, line) => sum + (line.authorizedUnits ?? line.requestedUnits),
    0,
  );
  if (!state.usage) return { authorizedUnits };
  const used = state.usage.lines.reduce((sum, line) => sum + line.usedUnits, 0);
  return {
    authorizedUnits,
    remainingUnits: Math.max(0, authorizedUnits - used),
  };
}

const actionOf: Partial<Record<EmailPayload["template"], EmailAction>> = {
  "renewal-alert": "attest-continued-therapy",
  "information-request": "upload-requested-document",
  "information-reminder": "upload-requested-document",
  "p2p-call-windows": "pick-p2p-windows",
};

async function providerContact(tx: Transaction, providerId: string) {
  const [provider] = await tx
    .select()
    .from(s.providers)
    .where(eq(s.providers.id, providerId));
  if (!provider) return undefined;
  return {
    provider,
    contact: {
      name: `${provider.firstName} ${provider.lastName}${provider.credentials ? `, ${provider.credentials}` : ""}`,
      email: provider.email,
      npi: provider.npi,
      delegateName: provider.delegateName,
      delegateEmail: provider.delegateEmail,
      delegateMode: provider.delegateMode,
    },
  };
}

/** The clinician account that signs as this provider, if any. */
async function providerUserId(
  tx: Transaction,
  providerId: string,
): Promise<string | undefined> {
  const [membership] = await tx
    .select({ userId: s.memberships.userId })
    .from(s.memberships)
    .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
    .where(
      and(eq(s.memberships.providerId, providerId), isNull(s.users.disabledAt)),
    )
    .orderBy(asc(s.memberships.createdAt))
    .limit(1);
  return membership?.userId;
}

/**
 * Who an email goes to under the organization's defaults, each member's preferences and the provider's delegate
 * (rules in app/email-preferences.ts).
 */
export async function resolveRecipients(
  tx: Transaction,
  template: string,
  to: EmailPayload["to"],
  ids: { providerId: string; assigneeId?: string | null | undefined },
  settings: OrganizationEmailDefaults,
): Promise<ResolvedRecipients> {
  if (to === "ordering-provider") {
    const found = await providerContact(tx, ids.providerId);
    if (!found)
      return {
        to: [],
        greeting: "Doctor",
        missing: "the ordering provider is not on file",
      };
    const userId = await providerUserId(tx, ids.providerId);
    const preferences = userId
      ? (await loadMemberPreferences(tx, [userId])).get(userId)
      : undefined;
    return providerRecipients(found.contact, template, settings, preferences);
  }
  if (ids.assigneeId) {
    const [user] = await tx
      .select({
        email: s.users.email,
        name: s.users.name,
        disabledAt: s.users.disabledAt,
      })
      .from(s.users)
      .where(eq(s.users.id, ids.assigneeId));
    if (user && !user.disabledAt) {
      const preferences = (
        await loadMemberPreferences(tx, [ids.assigneeId])
      ).get(ids.assigneeId);
      return memberRecipients(
        [
          {
            userId: ids.assigneeId,
            email: user.email,
            name: user.name,
            ...(preferences ? { preferences } : {}),
          },
        ],
        template,
        settings,
        user.name,
      );
    }
  }
  // Unassigned (or the assignee left): the organization's coordinators share the queue, so they all hear of it.
  const coordinators = await tx
    .select({ userId: s.users.id, email: s.users.email, name: s.users.name })
    .from(s.memberships)
    .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
    .where(
      and(
        eq(s.memberships.role, "coordinator"),
        sql`${s.users.disabledAt} is null`,
      ),
    )
    .orderBy(s.users.email);
  const preferences = await loadMemberPreferences(
    tx,
    coordinators.map((c) => c.userId),
  );
  return memberRecipients(
    coordinators.map((c) => ({
      ...c,
      ...(preferences.get(c.userId)
        ? { preferences: preferences.get(c.userId)! }
        : {}),
    })),
    template,
    settings,
    "PA team",
  );
}

const templateOf = (row: OutboxRow): string | undefined => {
  const template = (row.payload as { template?: unknown } | null)?.template;
  return typeof template === "string" ? template : undefined;
};

export const DigestPayloadSchema = z.object({
  template: z.literal("coordinator-digest"),
  to: z.email(),
  day: z.iso.date(),
  timeZone: z.string().optional(),
});

const composed = async (
  row: OutboxRow,
  template: EmailMessage["template"],
  message: EmailMessage,
  recipients: ResolvedRecipients,
  settings: OrganizationEmailDefaults,
): Promise<ComposedEmail> => ({
  outboxId: row.id,
  businessKey: row.businessKey,
  template,
  to: recipients.to.map((r) => r.email),
  recipients: recipients.to,
  ...(recipients.missing ? { missingRecipient: recipients.missing } : {}),
  ...(recipients.skipped ? { skipped: recipients.skipped } : {}),
  ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
  message,
  rendered: await renderEmail(message),
});

/**
 * The coordinator's due-today list: their cases and the unassigned ones, due by the end of `day` in the
 * organization's time zone, most overdue first.
 */
async function composeDigest(
  tx: Transaction,
  row: OutboxRow,
  settings: EmailSettings,
): Promise<ComposedEmail> {
  const parsed = DigestPayloadSchema.safeParse(row.payload);
  if (!parsed.success)
    throw new PermanentDeliveryError(
      `email ${row.businessKey}: unreadable digest payload (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})`,
    );
  const { to, day } = parsed.data;
  const email = await loadEmailSettings(tx, row.organizationId);
  const [user] = await tx
    .select({ id: s.users.id, name: s.users.name, email: s.users.email })
    .from(s.users)
    .where(eq(sql`lower(${s.users.email})`, to.toLowerCase()));
  const dayEnd = endOfLocalDay(day, parsed.data.timeZone ?? email.timeZone);
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
        user
          ? or(
              eq(s.authorizationCases.assigneeId, user.id),
              isNull(s.authorizationCases.assigneeId),
            )
          : isNull(s.authorizationCases.assigneeId),
      ),
    )
    .orderBy(asc(s.authorizationCases.nextDeadlineAt))
    .limit(100);
  const message: EmailMessage = {
    template: "coordinator-digest",
    organizationName: email.organizationName,
    brand: brandFor(email),
    recipientName: user?.name ?? "PA team",
    day,
    queueUrl: new URL("/queues", settings.appUrl).toString(),
    timeZone: parsed.data.timeZone ?? email.timeZone,
    items: due.map((d) => ({
      caseNumber: d.caseNumber,
      patientInitials: initials(d.firstName, d.lastName),
      dueAt: d.dueAt!.toISOString(),
      what: deadlineWords(d.kind),
    })),
  };
  const preferences = user
    ? (await loadMemberPreferences(tx, [user.id])).get(user.id)
    : undefined;
  const recipients: ResolvedRecipients = !user
    ? {
        to: [],
        greeting: "PA team",
        missing: `${to} is not a member of this organization`,
      }
    : wantsDigest(email, preferences)
      ? {
          to: [
            {
              email: user.email,
              name: user.name,
              kind: "member",
              userId: user.id,
            },
          ],
          greeting: user.name,
        }
      : {
          to: [],
          greeting: user.name,
          skipped: `${user.name} turned the daily digest off`,
        };
  return composed(row, "coordinator-digest", message, recipients, email);
}

function linesOf(state: CaseState) {
  const visits = state.unitType === "visits";
  return state.lines.map((line) => ({
    lineNumber: line.lineNumber,
    requested: visits ? line.requestedVisits : line.requestedUnits,
    authorized: (visits ? line.authorizedVisits : line.authorizedUnits) ?? 0,
  }));
}

/** The case right after the event an email is about (decision notices carry its version), else as it is now. */
async function stateForEmail(
  tx: Transaction,
  caseId: string,
  version: number | undefined,
) {
  const events = await loadCaseEvents(tx, caseId);
  const now = replay(events);
  if (!now) return undefined;
  if (!version || version > events.length)
    return { now, then: now, event: undefined };
  return {
    now,
    then: replay(events.slice(0, version))!,
    event: events[version - 1],
  };
}

export const HoldAgingPayloadSchema = z.object({
  template: z.literal("hold-aging"),
  to: z.array(z.email()).min(1),
  holdId: z.uuid(),
  threshold: z.number().int().positive(),
  claimNumber: z.string().min(1),
  patientInitials: z.string(),
  reason: z.string().min(1),
});

/** To the billers: a hold crossed an aging threshold. A hold released since the row was written sends nothing. */
async function composeHoldAging(
  tx: Transaction,
  row: OutboxRow,
  settings: EmailSettings,
): Promise<ComposedEmail> {
  const parsed = HoldAgingPayloadSchema.safeParse(row.payload);
  if (!parsed.success)
    throw new PermanentDeliveryError(
      `email ${row.businessKey}: unreadable hold-aging payload (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})`,
    );
  const payload = parsed.data;
  const email = await loadEmailSettings(tx, row.organizationId);
  const [hold] = await tx
    .select({ releasedAt: s.claimHolds.releasedAt })
    .from(s.claimHolds)
    .where(eq(s.claimHolds.id, payload.holdId));
  const addresses = payload.to.map((a) => a.toLowerCase());
  const members = await tx
    .select({ id: s.users.id, name: s.users.name, email: s.users.email })
    .from(s.users)
    .where(inArray(sql`lower(${s.users.email})`, addresses));
  const recipients: ResolvedRecipients = !hold
    ? {
        to: [],
        greeting: "Billing team",
        skipped: "the hold no longer exists (the claim was re-coded)",
      }
    : hold.releasedAt
      ? {
          to: [],
          greeting: "Billing team",
          skipped: "the hold was released before the alert went out",
        }
      : members.length === 0
        ? {
            to: [],
            greeting: "Billing team",
            missing: `none of ${payload.to.join(", ")} is a member of this organization`,
          }
        : {
            to: members.map((m) => ({
              email: m.email,
              name: m.name,
              kind: "member" as const,
              userId: m.id,
            })),
            greeting: members.length === 1 ? members[0]!.name : "Billing team",
          };
  const claimsUrl = new URL(
    `/claims?reason=${encodeURIComponent(payload.reason)}`,
    settings.appUrl,
  ).toString();
  const message: EmailMessage = {
    template: "hold-aging",
    organizationName: email.organizationName,
    brand: brandFor(email),
    recipientName: recipients.greeting,
    claimNumber: payload.claimNumber,
    patientInitials: payload.patientInitials,
    reason: payload.reason.replace(/-/g, " "),
    thresholdDays: payload.threshold,
    claimsUrl,
  };
  return composed(row, "hold-aging", message, recipients, email);
}

/** Builds the message for one outbox email row inside a tenant transaction. */
export async function composeOutboxEmail(
  tx: Transaction,
  row: OutboxRow,
  settings: EmailSettings,
): Promise<ComposedEmail> {
  const template = templateOf(row);
  if (
    template &&
    !(emailTemplateNames as readonly string[]).includes(template)
  ) {
    throw new PermanentDeliveryError(
      `email ${row.businessKey}: there is no email template "${template}" yet; retry it from Settings → Deliveries once there is`,
    );
  }
  if (template === "coordinator-digest")
    return composeDigest(tx, row, settings);
  if (template === "hold-aging") return composeHoldAging(tx, row, settings);
  const parsed = EmailPayloadSchema.safeParse(row.payload);
  if (!parsed.success)
    throw new PermanentDeliveryError(
      `email ${row.businessKey}: unreadable payload (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})`,
    );
  const payload = parsed.data;
  const loaded = await stateForEmail(tx, payload.caseId, payload.version);
  if (!loaded)
    throw new PermanentDeliveryError(
      `email ${row.businessKey}: case ${payload.caseId} does not exist in this organization`,
    );
  const state = loaded.now;
  const email = await loadEmailSettings(tx, row.organizationId);
  const header = await caseHeader(tx, row.organizationId, state, email);
  const providerId = payload.providerId ?? state.orderingProvider.providerId;
  const recipient = await resolveRecipients(
    tx,
    payload.template,
    payload.to,
    { providerId, assigneeId: payload.assigneeId },
    email,
  );

  const base: EmailBase = {
    organizationName: header.organizationName,
    brand: header.brand,
    caseNumber: header.caseNumber,
    patientInitials: header.patientInitials,
    recipientName: recipient.greeting,
    caseUrl: new URL(`/cases/${payload.caseId}`, settings.appUrl).toString(),
  };
  const action = actionOf[payload.template];
  const actionUrl = action
    ? emailActionUrl(
        settings.appUrl,
        signEmailLink(
          {
            organizationId: row.organizationId,
            caseId: payload.caseId,
            providerId,
            businessKey: row.businessKey,
            action,
            expiresAt: new Date(row.createdAt.getTime() + EMAIL_LINK_TTL_MS),
          },
          settings.secret,
        ),
      )
    : base.caseUrl;
  const suffix = keySuffix(row, payload);
  const request = informationRequestOf(state, suffix);

  let message: EmailMessage;
  switch (payload.template) {
    case "renewal-alert":
      message = {
        template: payload.template,
        ...base,
        band: parseBand(suffix),
        effectiveTo: state.authorization?.effectiveTo ?? state.requested.to,
        ...unitsOf(state),
        actionUrl,
      };
      break;
    case "renewal-alert-coordinator":
      message = {
        template: payload.template,
        ...base,
        band: parseBand(suffix),
        effectiveTo: state.authorization?.effectiveTo ?? state.requested.to,
        remainingUnits: unitsOf(state).remainingUnits,
      };
      break;
    case "information-request":
    case "information-reminder":
      message = {
        template: payload.template,
        ...base,
        items: request?.items ?? [],
        dueOn: request?.dueOn ?? "",
        actionUrl,
      };
      break;
    case "information-overdue":
      message = {
        template: payload.template,
        ...base,
        items: request?.items ?? [],
        dueOn: request?.dueOn ?? "",
      };
      break;
    case "p2p-call-windows":
      message = {
        template: payload.template,
        ...base,
        actionUrl,
        ...(header.nextDeadlineKind === "p2p-request" && header.nextDeadlineAt
          ? { deadline: header.nextDeadlineAt.toISOString() }
          : {}),
      };
      break;
    case "decision-approved": {
      const then = loaded.then;
      const granted = then.authorization;
      if (!granted)
        throw new PermanentDeliveryError(
          `email ${row.businessKey}: case ${header.caseNumber} has no authorization at version ${payload.version ?? "?"}`,
        );
      message = {
        template: payload.template,
        ...base,
        stage: payload.stage ?? "initial",
        ...(payload.appealLevel !== undefined
          ? { appealLevel: payload.appealLevel }
          : {}),
        outcome: granted.outcome,
        authorizationNumber: granted.authorizationNumber,
        effectiveFrom: granted.effectiveFrom,
        effectiveTo: granted.effectiveTo,
        unitType: then.unitType,
        lines: linesOf(then),
      };
      break;
    }
    case "decision-denied": {
      const data = (loaded.event?.data ?? {}) as {
        reason?: string;
        denialCategory?: string;
      };
      message = {
        template: payload.template,
        ...base,
        stage: payload.stage ?? "initial",
        ...(payload.appealLevel !== undefined
          ? { appealLevel: payload.appealLevel }
          : {}),
        ...(data.reason ? { reason: data.reason } : {}),
        ...(data.denialCategory ? { denialCategory: data.denialCategory } : {}),
        deadlines: payload.deadlines ?? [],
        timeZone: state.facility.timeZone,
      };
      break;
    }
    case "decision-overdue":
    case "p2p-window-closed":
    case "appeal-window-closed":
    case "site-of-care-transition-due": {
      const [event] = await tx
        .select({
          payload: s.authorizationEvents.payload,
          occurredAt: s.authorizationEvents.occurredAt,
        })
        .from(s.authorizationEvents)
        .where(
          and(
            eq(s.authorizationEvents.caseId, payload.caseId),
            eq(s.authorizationEvents.type, payload.eventType),
          ),
        )
        .orderBy(desc(s.authorizationEvents.sequence))
        .limit(1);
      const dueAt =
        (event?.payload as { dueAt?: string } | undefined)?.dueAt ??
        event?.occurredAt.toISOString() ??
        row.createdAt.toISOString();
      message = { template: payload.template, ...base, dueAt };
      break;
    }
  }
  return composed(row, payload.template, message, recipient, email);
}

type EmailConfig = Pick<
  Config,
  | "RESEND_API_KEY"
  | "RESEND_BASE_URL"
  | "EMAIL_FROM"
  | "APP_URL"
  | "SESSION_SECRET"
>;

// Resend answers these when retrying cannot help; everything else (429, 5xx, network) is retried with backoff.
const permanentResendErrors = new Set([
  "validation_error",
  "invalid_from_address",
  "invalid_parameter",
  "missing_required_field",
  "invalid_idempotent_request",
  "invalid_attachment",
  "invalid_api_key",
  "restricted_api_key",
  "missing_api_key",
]);

export interface OutgoingEmail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  replyTo?: string;
  template: string;
  /** Resend's idempotency key: a resend with the same key sends nothing new. */
  idempotencyKey: string;
}

export type EmailSender = (
  email: OutgoingEmail,
) => Promise<{ providerMessageId: string }>;

/** Sends through the resend SDK. Refusals retrying cannot fix throw PermanentDeliveryError; the rest plain errors. */
export function resendSender(
  config: Pick<Config, "RESEND_API_KEY" | "RESEND_BASE_URL" | "EMAIL_FROM">,
): EmailSender | undefined {
  if (!config.RESEND_API_KEY || !config.EMAIL_FROM) return undefined;
  const resend = new Resend(
    config.RESEND_API_KEY,
    config.RESEND_BASE_URL
      ? { baseUrl: config.RESEND_BASE_URL.replace(/\/$/, "") }
      : undefined,
  );
  const from = config.EMAIL_FROM;
  return async (email) => {
    const { data, error } = await resend.emails.send(
      {
        from,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        ...(email.replyTo ? { replyTo: email.replyTo } : {}),
        tags: [{ name: "template", value: email.template }],
      },
      { idempotencyKey: email.idempotencyKey },
    );
    if (error) {
      const message = `Resend refused ${email.idempotencyKey}: ${error.name}${error.statusCode ? ` (${error.statusCode})` : ""}: ${error.message}`;
      throw permanentResendErrors.has(error.name)
        ? new PermanentDeliveryError(message)
        : new Error(message);
    }
    return { providerMessageId: data.id };
  };
}

/**
 * The outbox handler for topic "email": compose, send through Resend with idempotencyKey = business key, and record
 * the provider's message id in the audit log. No recipient address → PermanentDeliveryError (a dead letter the
 * coordinators see in Settings → Deliveries); nobody wants it (preferences) → recorded as skipped, nothing sent.
 */
export function emailOutboxHandler(
  config: EmailConfig,
  options: { db?: Database } = {},
): OutboxHandler {
  const send = resendSender(config);
  if (!send)
    throw new Error(
      "emailOutboxHandler needs RESEND_API_KEY and EMAIL_FROM; without them emails stay in the outbox",
    );
  const settings = emailSettings(config);
  return async (row) => {
    const db = options.db ?? databaseHandle().db;
    const email = await withTenant(db, row.organizationId, (tx) =>
      composeOutboxEmail(tx, row, settings),
    );
    const record = (action: string, detail: Record<string, unknown>) =>
      withTenant(db, row.organizationId, (tx) =>
        tx
          .insert(s.auditLog)
          .values({
            organizationId: row.organizationId,
            action,
            entityType: "outbox",
            entityId: row.id,
            detail: {
              businessKey: row.businessKey,
              template: email.template,
              ...detail,
            },
          }),
      );
    if (email.to.length === 0 && email.skipped) {
      await record("email.skipped", { reason: email.skipped });
      return;
    }
    if (email.to.length === 0)
      throw new PermanentDeliveryError(
        `email ${row.businessKey}: no recipient — ${email.missingRecipient ?? "no address"}`,
      );
    const sent = await send({
      to: email.to,
      subject: email.rendered.subject,
      html: email.rendered.html,
      text: email.rendered.text,
      ...(email.replyTo ? { replyTo: email.replyTo } : {}),
      template: email.template,
      idempotencyKey: row.businessKey,
    });
    await record("email.sent", {
      providerMessageId: sent.providerMessageId,
      recipients: email.recipients.map((r) => r.kind),
    });
  };
}

/** The outbox handlers email needs under this configuration: none without RESEND_API_KEY (rows wait for the viewer). */
export function emailOutboxHandlers(
  config: EmailConfig,
  options: { db?: Database } = {},
): Partial<Record<string, OutboxHandler>> {
  return config.RESEND_API_KEY && config.EMAIL_FROM
    ? { email: emailOutboxHandler(config, options) }
    : {};
}

export type EmailState = "waiting" | "sent" | "failed";

/** The mail viewer's list: the organization's email rows, newest first. */
export async function listOutboxEmails(organizationId: string, limit = 100) {
  const rows = await withTenant(databaseHandle().db, organizationId, (tx) =>
    tx
      .select()
      .from(s.outbox)
      .where(eq(s.outbox.topic, "email"))
      .orderBy(desc(s.outbox.createdAt), desc(s.outbox.id))
      .limit(limit),
  );
  return rows.map((row) => {
    const payload = EmailPayloadSchema.safeParse(row.payload);
    const state: EmailState = row.deadAt
      ? "failed"
      : row.deliveredAt
        ? "sent"
        : "waiting";
    return {
      id: row.id,
      businessKey: row.businessKey,
      template: templateOf(row) ?? "unknown",
      to: payload.success ? payload.data.to : "other",
      state,
      lastError: row.lastError,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

/** One email rendered exactly as the deliverer would send it now. Undefined when it is not an email of this organization. */
export async function previewOutboxEmail(
  organizationId: string,
  outboxId: string,
  settings: EmailSettings,
): Promise<ComposedEmail | undefined> {
  return withTenant(databaseHandle().db, organizationId, async (tx) => {
    const [row] = await tx
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.id, outboxId), eq(s.outbox.topic, "email")));
    return row ? composeOutboxEmail(tx, row, settings) : undefined;
  });
}

export function emailSettings(
  config: Pick<Config, "APP_URL" | "SESSION_SECRET">,
): EmailSettings {
  return { appUrl: config.APP_URL, secret: config.SESSION_SECRET };
}
