// Magic sign-in links for email action pages. Asked for from an action page by someone who is not signed in; sent
// only to the addresses on file for that link (the provider's, their delegate's), never to a typed address. The
// secret is random, stored only as its SHA-256, works once, for 15 minutes, and only returns to the action it was
// asked from. Following it signs in the matching member account, or — for a provider or delegate without one —
// grants a session limited to that one action (docs/decisions/007-magic-links-for-email-actions.md).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database, Transaction } from "../db/client";
import * as s from "../db/schema";
import { withTenant } from "../db/tenant";
import { renderEmail } from "../emails";
import { brandFor, providerRecipients } from "./email-preferences";
import { loadEmailSettings } from "./email-preferences.server";
import { caseHeader, type EmailSender } from "./email.server";
import { linkKeyOf, type EmailActionGrant } from "./email-actions.server";
import { verifyEmailLink } from "./email-links.server";
import { loadCaseState } from "./engine/case-store.server";

export const SIGN_IN_LINK_TTL_MINUTES = 15;
/** How long a grant from a followed link lets a provider without an account act on that one link. */
export const EMAIL_ACTION_GRANT_TTL_MS = 30 * 60_000;
/** At most this many sign-in links per action link in the window, and per provider per hour. */
export const SIGN_IN_LINKS_PER_ACTION = 3;
export const SIGN_IN_LINKS_PER_PROVIDER_HOUR = 6;

export type SignInRequestResult =
  | { state: "sent" }
  /** Too many asked for recently: the same words whoever asks, so nothing is learned about accounts. */
  | { state: "rate-limited" }
  /** Email delivery is not configured (no RESEND_API_KEY): no link can be sent. */
  | { state: "unavailable" }
  | { state: "failed"; reason: string }
  | { state: "invalid" | "expired" | "used" };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** "{organizationId}.{secret}": the organization lets the lookup run under its row-level security. */
function newToken(organizationId: string) {
  const secret = randomBytes(32).toString("base64url");
  return { token: `${organizationId}.${secret}`, hash: sha256(secret) };
}

function parseToken(token: string): { organizationId: string; hash: string } | undefined {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { organizationId: match[1]!, hash: sha256(match[2]!) } : undefined;
}

/** A member whose address is this one (case-insensitive), active, in the organization. */
async function memberWithEmail(tx: Transaction, email: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ userId: s.users.id })
    .from(s.users)
    .innerJoin(s.memberships, eq(s.memberships.userId, s.users.id))
    .where(and(eq(sql`lower(${s.users.email})`, email.toLowerCase()), isNull(s.users.disabledAt)))
    .limit(1);
  return row?.userId;
}

async function providerAccount(tx: Transaction, providerId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ userId: s.memberships.userId })
    .from(s.memberships)
    .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
    .where(and(eq(s.memberships.providerId, providerId), isNull(s.users.disabledAt)))
    .limit(1);
  return row?.userId;
}

export interface SignInRequestContext {
  db: Database;
  secret: string;
  appUrl: string;
  now: Date;
  /** Undefined without Resend configuration. */
  send: EmailSender | undefined;
}

/**
 * Sends a sign-in link for the action link `token` to each address on file for it. The answer never says whether
 * an address or an account exists.
 */
export async function requestSignInLink(actionToken: string, context: SignInRequestContext): Promise<SignInRequestResult> {
  const verified = verifyEmailLink(actionToken, context.secret, context.now);
  if (!verified.ok) return { state: verified.reason };
  const link = verified.link;
  if (!context.send) return { state: "unavailable" };
  const send = context.send;
  const key = linkKeyOf(link);
  const prepared = await withTenant(context.db, link.organizationId, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in-link:${link.providerId}`}))`);
    const [used] = await tx.select({ state: s.emailLinkUses.state }).from(s.emailLinkUses).where(eq(s.emailLinkUses.linkKey, key));
    if (used?.state === "done") return { state: "used" } as const;
    const windowStart = new Date(context.now.getTime() - SIGN_IN_LINK_TTL_MINUTES * 60_000);
    const hourStart = new Date(context.now.getTime() - 60 * 60_000);
    const [forLink] = await tx.select({ n: count() }).from(s.signInLinks).where(and(eq(s.signInLinks.linkKey, key), gt(s.signInLinks.createdAt, windowStart)));
    const [forProvider] = await tx.select({ n: count() }).from(s.signInLinks).where(and(eq(s.signInLinks.providerId, link.providerId), gt(s.signInLinks.createdAt, hourStart)));
    const [provider] = await tx.select().from(s.providers).where(eq(s.providers.id, link.providerId));
    const state = await loadCaseState(tx, link.caseId);
    if (!provider || !state) return { state: "invalid" } as const;
    const settings = await loadEmailSettings(tx, link.organizationId);
    const header = await caseHeader(tx, link.organizationId, state, settings);
    const name = `${provider.firstName} ${provider.lastName}${provider.credentials ? `, ${provider.credentials}` : ""}`;
    const recipients = providerRecipients(
      { name, email: provider.email, npi: provider.npi, delegateName: provider.delegateName, delegateEmail: provider.delegateEmail, delegateMode: provider.delegateMode },
      "sign-in-link",
      settings,
      undefined,
    ).to;
    // One request writes a row per recipient: count requests, not rows.
    const perRequest = Math.max(1, recipients.length);
    if ((forLink?.n ?? 0) >= SIGN_IN_LINKS_PER_ACTION * perRequest || (forProvider?.n ?? 0) >= SIGN_IN_LINKS_PER_PROVIDER_HOUR * perRequest) return { state: "rate-limited" } as const;
    const outgoing = [];
    for (const recipient of recipients) {
      const { token, hash } = newToken(link.organizationId);
      const userId = recipient.kind === "provider" ? ((await providerAccount(tx, link.providerId)) ?? (await memberWithEmail(tx, recipient.email))) : await memberWithEmail(tx, recipient.email);
      const [row] = await tx
        .insert(s.signInLinks)
        .values({
          organizationId: link.organizationId,
          tokenHash: hash,
          linkKey: key,
          returnPath: `/email-action/${actionToken}`,
          providerId: link.providerId,
          recipient: recipient.kind === "delegate" ? "delegate" : "provider",
          ...(userId ? { userId } : {}),
          expiresAt: new Date(context.now.getTime() + SIGN_IN_LINK_TTL_MINUTES * 60_000),
          createdAt: context.now,
        })
        .returning({ id: s.signInLinks.id });
      const rendered = await renderEmail({
        template: "sign-in-link",
        organizationName: settings.organizationName,
        brand: brandFor(settings),
        recipientName: recipient.kind === "delegate" ? `${recipient.name} (for ${name})` : recipient.name,
        caseNumber: header.caseNumber,
        signInUrl: new URL(`/sign-in/email/${token}`, context.appUrl).toString(),
        expiresInMinutes: SIGN_IN_LINK_TTL_MINUTES,
      });
      outgoing.push({ id: row!.id, to: recipient.email, kind: recipient.kind, rendered, replyTo: settings.replyTo });
    }
    await tx.insert(s.auditLog).values({
      organizationId: link.organizationId,
      action: "sign-in-link.requested",
      entityType: "email-link",
      entityId: key,
      detail: { providerId: link.providerId, recipients: outgoing.map((o) => o.kind) },
      occurredAt: context.now,
    });
    return { state: "ready", outgoing } as const;
  });
  if (prepared.state !== "ready") return prepared;
  try {
    for (const o of prepared.outgoing) {
      await send({ to: [o.to], subject: o.rendered.subject, html: o.rendered.html, text: o.rendered.text, ...(o.replyTo ? { replyTo: o.replyTo } : {}), template: "sign-in-link", idempotencyKey: `sign-in-link:${o.id}` });
    }
  } catch (error) {
    return { state: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
  return { state: "sent" };
}

export type SignInLinkCheck =
  | { state: "ready"; organizationId: string; returnPath: string; caseNumber: string; providerName: string }
  | { state: "invalid" | "expired" | "used" };

async function findLink(tx: Transaction, hash: string) {
  const [row] = await tx.select().from(s.signInLinks).where(eq(s.signInLinks.tokenHash, hash)).limit(1);
  // The hash lookup is by an index; compare again in constant time so a near-match leaks nothing.
  if (!row || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(hash))) return undefined;
  return row;
}

function stateOf(row: { usedAt: Date | null; expiresAt: Date }, now: Date) {
  if (row.usedAt) return "used" as const;
  if (row.expiresAt.getTime() <= now.getTime()) return "expired" as const;
  return "ready" as const;
}

async function caseNumberFor(tx: Transaction, returnPath: string, secret: string): Promise<string> {
  const verified = verifyEmailLink(returnPath.replace(/^\/email-action\//, ""), secret, new Date(0));
  if (!verified.ok) return "";
  const [row] = await tx.select({ caseNumber: s.authorizationCases.caseNumber }).from(s.authorizationCases).where(eq(s.authorizationCases.id, verified.link.caseId));
  return row?.caseNumber ?? "";
}

/** What the sign-in page shows before the person presses Continue (a GET never spends the link: mail scanners fetch links). */
export async function checkSignInLink(db: Database, token: string, secret: string, now: Date): Promise<SignInLinkCheck> {
  const parsed = parseToken(token);
  if (!parsed) return { state: "invalid" };
  return withTenant(db, parsed.organizationId, async (tx) => {
    const row = await findLink(tx, parsed.hash);
    if (!row) return { state: "invalid" };
    const state = stateOf(row, now);
    if (state !== "ready") return { state };
    const [provider] = await tx.select({ firstName: s.providers.firstName, lastName: s.providers.lastName }).from(s.providers).where(eq(s.providers.id, row.providerId));
    return { state, organizationId: row.organizationId, returnPath: row.returnPath, caseNumber: await caseNumberFor(tx, row.returnPath, secret), providerName: provider ? `${provider.firstName} ${provider.lastName}` : "" };
  });
}

export type SignInLinkSpend =
  | { state: "member"; identity: { userId: string; organizationId: string }; returnPath: string }
  | { state: "grant"; grant: EmailActionGrant; returnPath: string }
  | { state: "invalid" | "expired" | "used" };

/** Spends the link (once: a conditional update) and says whom to sign in or what to grant. */
export async function spendSignInLink(db: Database, token: string, now: Date): Promise<SignInLinkSpend> {
  const parsed = parseToken(token);
  if (!parsed) return { state: "invalid" };
  return withTenant(db, parsed.organizationId, async (tx) => {
    const [spent] = await tx
      .update(s.signInLinks)
      .set({ usedAt: now })
      .where(and(eq(s.signInLinks.tokenHash, parsed.hash), isNull(s.signInLinks.usedAt), gt(s.signInLinks.expiresAt, now)))
      .returning();
    if (!spent) {
      const row = await findLink(tx, parsed.hash);
      return { state: row ? (stateOf(row, now) === "ready" ? "used" : stateOf(row, now)) : "invalid" } as SignInLinkSpend;
    }
    let userId = spent.userId;
    if (userId) {
      const [active] = await tx.select({ id: s.users.id }).from(s.users).innerJoin(s.memberships, eq(s.memberships.userId, s.users.id)).where(and(eq(s.users.id, userId), isNull(s.users.disabledAt))).limit(1);
      if (!active) userId = null;
    }
    await tx.insert(s.auditLog).values({
      organizationId: spent.organizationId,
      ...(userId ? { actorUserId: userId } : {}),
      action: "sign-in-link.used",
      entityType: "email-link",
      entityId: spent.linkKey,
      detail: { recipient: spent.recipient, signedIn: Boolean(userId) },
      occurredAt: now,
    });
    if (userId) return { state: "member", identity: { userId, organizationId: spent.organizationId }, returnPath: spent.returnPath };
    return {
      state: "grant",
      grant: { organizationId: spent.organizationId, linkKey: spent.linkKey, providerId: spent.providerId, recipient: spent.recipient, expiresAt: now.getTime() + EMAIL_ACTION_GRANT_TTL_MS },
      returnPath: spent.returnPath,
    };
  });
}
