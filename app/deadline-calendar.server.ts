// The user's deadlines read from their cases (assigned to them, or ordered by the provider they sign as), and the
// per-user feed secret behind /calendar.ics: only its SHA-256 is stored; regenerating it stops the old URL.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, inArray, isNotNull, notInArray, or } from "drizzle-orm";
import * as s from "../db/schema";
import type { Transaction } from "../db/client";
import { deadlines, localDate, type CaseState, type PayerRuleSet } from "./authorizations";
import { CLOSED_STATUSES } from "./authorizations/vocabulary";
import { DEFAULT_TIME_ZONE } from "./authorizations/calendar";
import { tenantTransaction } from "./db.server";
import { CALENDAR_KINDS, initials, type CalendarEntry, type CalendarKind } from "./deadline-calendar";
import { loadCaseStates, loadPayerRules } from "./engine/case-store.server";
import { hasAnyRole, sectionById, type Role } from "./permissions";

/** Who has a calendar: the people who own cases' deadlines (the Calendar section's roles). */
export const CALENDAR_ROLES: readonly Role[] = sectionById("calendar").roles;

const c = s.authorizationCases;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The calendar entries of one case: its open deadlines of the calendar's kinds and a scheduled P2P call. */
export function caseEntries(state: CaseState, rules: PayerRuleSet, now: Date, who: { caseNumber: string; firstName: string; lastName: string }): CalendarEntry[] {
  const tz = state.facility.timeZone || DEFAULT_TIME_ZONE;
  const base = { caseId: state.caseId, caseNumber: who.caseNumber, initials: initials(who.firstName, who.lastName) };
  const entries: CalendarEntry[] = deadlines(state, rules, now)
    .filter((d): d is typeof d & { kind: CalendarKind } => (CALENDAR_KINDS as readonly string[]).includes(d.kind))
    // A day-based deadline falls at the midnight that ends its last day: it belongs on that day, not the next.
    .map((d) => ({ ...base, uid: `${state.caseId}.${d.key}`, kind: d.kind, at: d.at.toISOString(), date: localDate(new Date(d.at.getTime() - 1), tz), overdue: d.at.getTime() <= now.getTime() }));
  const call = state.peerToPeer;
  if (call?.stage === "scheduled" && call.scheduledFor) {
    const at = new Date(call.scheduledFor);
    entries.push({ ...base, uid: `${state.caseId}.p2p-call`, kind: "p2p-call", at: at.toISOString(), date: localDate(at, tz), overdue: at.getTime() <= now.getTime() });
  }
  return entries;
}

/** The user's cases: open, and assigned to them or ordered by a provider they sign as. */
async function userCases(tx: Transaction, organizationId: string, userId: string) {
  const providers = await tx
    .select({ providerId: s.memberships.providerId })
    .from(s.memberships)
    .where(and(eq(s.memberships.userId, userId), isNotNull(s.memberships.providerId)));
  const providerIds = providers.map((p) => p.providerId!);
  return tx
    .select({ id: c.id, caseNumber: c.caseNumber, payerId: c.payerId, firstName: s.patients.firstName, lastName: s.patients.lastName })
    .from(c)
    .innerJoin(s.patients, eq(s.patients.id, c.patientId))
    .where(
      and(
        eq(c.organizationId, organizationId),
        notInArray(c.status, [...CLOSED_STATUSES]),
        providerIds.length ? or(eq(c.assigneeId, userId), inArray(c.orderingProviderId, providerIds)) : eq(c.assigneeId, userId),
      ),
    );
}

/** The user's calendar entries with `from <= at < to`, in time order. */
export function loadUserDeadlines(organizationId: string, userId: string, range: { from: Date; to: Date }, now: Date = new Date()): Promise<CalendarEntry[]> {
  return tenantTransaction(organizationId, async (tx) => {
    const cases = await userCases(tx, organizationId, userId);
    const states = await loadCaseStates(
      tx,
      cases.map((k) => k.id),
    );
    const rulesByPayer = new Map<string, PayerRuleSet>();
    const entries: CalendarEntry[] = [];
    for (const state of states) {
      const row = cases.find((k) => k.id === state.caseId);
      if (!row) continue;
      let rules = rulesByPayer.get(row.payerId);
      if (!rules) rulesByPayer.set(row.payerId, (rules = await loadPayerRules(tx, row.payerId)));
      entries.push(...caseEntries(state, rules, now, row));
    }
    const from = range.from.getTime();
    const to = range.to.getTime();
    return entries
      .filter((e) => {
        const at = Date.parse(e.at);
        return at >= from && at < to;
      })
      .sort((a, b) => a.at.localeCompare(b.at) || a.uid.localeCompare(b.uid));
  });
}

// ---------------------------------------------------------------- the feed secret

/** A new feed secret for the user, replacing any earlier one; the token is shown once and never stored. */
export function regenerateFeedToken(organizationId: string, userId: string, now: Date = new Date()): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  const tokenHash = sha256(secret);
  return tenantTransaction(organizationId, async (tx) => {
    await tx
      .insert(s.calendarFeeds)
      .values({ organizationId, userId, tokenHash, createdAt: now })
      .onConflictDoUpdate({ target: [s.calendarFeeds.organizationId, s.calendarFeeds.userId], set: { tokenHash, createdAt: now } });
    return `${organizationId}.${secret}`;
  });
}

/** When the user's current feed link was made, if they have one. */
export function feedCreatedAt(organizationId: string, userId: string): Promise<Date | null> {
  return tenantTransaction(organizationId, async (tx) => {
    const [row] = await tx
      .select({ createdAt: s.calendarFeeds.createdAt })
      .from(s.calendarFeeds)
      .where(and(eq(s.calendarFeeds.organizationId, organizationId), eq(s.calendarFeeds.userId, userId)));
    return row?.createdAt ?? null;
  });
}

/**
 * The member a feed token belongs to, or undefined: malformed, unknown (regenerated since), a disabled user, or a
 * member who no longer has a calendar role. The lookup is by the hash's index, then compared in constant time.
 */
export async function feedOwner(token: string | null | undefined): Promise<{ organizationId: string; userId: string } | undefined> {
  if (!token) return undefined;
  const dot = token.indexOf(".");
  const organizationId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (dot < 0 || !UUID.test(organizationId) || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return undefined;
  const hash = sha256(secret);
  return tenantTransaction(organizationId, async (tx) => {
    const [feed] = await tx.select().from(s.calendarFeeds).where(eq(s.calendarFeeds.tokenHash, hash)).limit(1);
    if (!feed || !timingSafeEqual(Buffer.from(feed.tokenHash), Buffer.from(hash))) return undefined;
    const members = await tx
      .select({ role: s.memberships.role, disabledAt: s.users.disabledAt })
      .from(s.memberships)
      .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
      .where(and(eq(s.memberships.userId, feed.userId), eq(s.memberships.organizationId, organizationId)));
    if (members.length === 0 || members.some((m) => m.disabledAt) || !hasAnyRole(members.map((m) => m.role), CALENDAR_ROLES)) return undefined;
    return { organizationId, userId: feed.userId };
  });
}
