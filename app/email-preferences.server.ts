// Reading and saving who-gets-which-email: the organization's email settings (branding, digest, notice defaults),
// each member's own preferences and each provider's delegate nurse. Every change is audited.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Transaction } from "../db/client";
import * as s from "../db/schema";
import { NOTICE_GROUPS, type NoticeGroup } from "../emails/types";
import { defaultEmailSettings, FALLBACK_TIME_ZONE, type MemberPreferences, type OrganizationEmailDefaults } from "./email-preferences";

/** The organization's email settings, with the defaults filled in (absent row = all defaults). */
export async function loadEmailSettings(tx: Transaction, organizationId: string): Promise<OrganizationEmailDefaults> {
  const [organization] = await tx.select({ name: s.organizations.name }).from(s.organizations).where(eq(s.organizations.id, organizationId));
  const [row] = await tx.select().from(s.organizationEmailSettings).where(eq(s.organizationEmailSettings.organizationId, organizationId));
  const [facility] = row?.timeZone ? [] : await tx.select({ timeZone: s.facilities.timeZone }).from(s.facilities).orderBy(asc(s.facilities.createdAt), asc(s.facilities.id)).limit(1);
  const fallback = defaultEmailSettings(organization?.name ?? "Infusion PA", facility?.timeZone ?? FALLBACK_TIME_ZONE);
  if (!row) return fallback;
  return {
    ...fallback,
    brandName: row.brandName,
    accentColor: row.accentColor,
    logoUrl: row.logoUrl,
    replyTo: row.replyTo,
    digestDefault: row.digestDefault,
    digestHour: row.digestHour,
    timeZone: row.timeZone ?? fallback.timeZone,
    noticesOff: row.noticesOff.filter((g) => (NOTICE_GROUPS as string[]).includes(g)),
  };
}

/** Members' own preferences by user id (absent = they follow the organization's defaults). */
export async function loadMemberPreferences(tx: Transaction, userIds: readonly string[]): Promise<Map<string, MemberPreferences>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.select().from(s.emailPreferences).where(inArray(s.emailPreferences.userId, [...userIds]));
  return new Map(rows.map((r) => [r.userId, { digest: r.digest, notices: r.notices }]));
}

export interface EmailSettingsInput {
  brandName?: string;
  accentColor?: string;
  logoUrl?: string;
  replyTo?: string;
  digestDefault: boolean;
  digestHour: number;
  timeZone?: string;
  noticesOn: NoticeGroup[];
}

async function audit(tx: Transaction, organizationId: string, actorUserId: string, action: string, entityType: string, entityId: string, detail: Record<string, unknown>) {
  await tx.insert(s.auditLog).values({ organizationId, actorUserId, action, entityType, entityId, detail });
}

export async function saveEmailSettings(tx: Transaction, organizationId: string, actorUserId: string, input: EmailSettingsInput) {
  const values = {
    brandName: input.brandName || null,
    accentColor: input.accentColor?.toLowerCase() || null,
    logoUrl: input.logoUrl || null,
    replyTo: input.replyTo || null,
    digestDefault: input.digestDefault,
    digestHour: input.digestHour,
    timeZone: input.timeZone || null,
    noticesOff: NOTICE_GROUPS.filter((g) => !input.noticesOn.includes(g)),
    updatedAt: new Date(),
    updatedById: actorUserId,
  };
  await tx.insert(s.organizationEmailSettings).values({ organizationId, ...values }).onConflictDoUpdate({ target: s.organizationEmailSettings.organizationId, set: values });
  // Addresses and names are staff contact data, not PHI; the audit keeps what changed.
  const { updatedAt: _at, updatedById: _by, ...detail } = values;
  await audit(tx, organizationId, actorUserId, "email-settings.updated", "organization", organizationId, detail);
}

export async function saveMemberPreferences(tx: Transaction, organizationId: string, userId: string, input: { digest: boolean; noticesOn: NoticeGroup[] }) {
  const notices = Object.fromEntries(NOTICE_GROUPS.map((g) => [g, input.noticesOn.includes(g)]));
  const values = { digest: input.digest, notices, updatedAt: new Date() };
  await tx
    .insert(s.emailPreferences)
    .values({ organizationId, userId, ...values })
    .onConflictDoUpdate({ target: [s.emailPreferences.organizationId, s.emailPreferences.userId], set: values });
  await audit(tx, organizationId, userId, "email-preferences.updated", "user", userId, { digest: input.digest, notices });
}

export type DelegateInput = { delegateMode: "none" } | { delegateMode: "instead" | "also"; delegateName: string; delegateEmail: string };

export async function saveProviderDelegate(tx: Transaction, organizationId: string, actorUserId: string, providerId: string, input: DelegateInput): Promise<boolean> {
  const values =
    input.delegateMode === "none"
      ? { delegateName: null, delegateEmail: null, delegateMode: null }
      : { delegateName: input.delegateName, delegateEmail: input.delegateEmail, delegateMode: input.delegateMode };
  const updated = await tx.update(s.providers).set(values).where(eq(s.providers.id, providerId)).returning({ id: s.providers.id });
  if (updated.length === 0) return false;
  await audit(tx, organizationId, actorUserId, "provider-delegate.updated", "provider", providerId, values);
  return true;
}

/** The provider a clinician signs as (their membership's provider), if any. */
export async function providerOfMember(tx: Transaction, userId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ providerId: s.memberships.providerId })
    .from(s.memberships)
    .where(and(eq(s.memberships.userId, userId), eq(s.memberships.role, "clinician")))
    .limit(1);
  return row?.providerId ?? undefined;
}

export interface DelegateRow {
  providerId: string;
  name: string;
  npi: string;
  email: string | null;
  delegateName: string | null;
  delegateEmail: string | null;
  delegateMode: "instead" | "also" | null;
}

const delegateRow = (p: typeof s.providers.$inferSelect): DelegateRow => ({
  providerId: p.id,
  name: `${p.firstName} ${p.lastName}${p.credentials ? `, ${p.credentials}` : ""}`,
  npi: p.npi,
  email: p.email,
  delegateName: p.delegateName,
  delegateEmail: p.delegateEmail,
  delegateMode: p.delegateMode,
});

/** Settings → Email: the organization's settings and every provider's delegate. */
export async function emailSettingsPage(tx: Transaction, organizationId: string) {
  const settings = await loadEmailSettings(tx, organizationId);
  const [stored] = await tx.select({ timeZone: s.organizationEmailSettings.timeZone }).from(s.organizationEmailSettings).where(eq(s.organizationEmailSettings.organizationId, organizationId));
  const providers = await tx.select().from(s.providers).orderBy(asc(s.providers.lastName), asc(s.providers.firstName));
  return { settings, timeZoneSetting: stored?.timeZone ?? null, providers: providers.map(delegateRow) };
}

/** My email preferences: the member's effective choices, the organization's defaults, and their provider's delegate. */
export async function myEmailPreferencesPage(tx: Transaction, organizationId: string, userId: string) {
  const settings = await loadEmailSettings(tx, organizationId);
  const own = (await loadMemberPreferences(tx, [userId])).get(userId);
  const defaultsOn = NOTICE_GROUPS.filter((g) => !settings.noticesOff.includes(g));
  const noticesOn = NOTICE_GROUPS.filter((g) => (typeof own?.notices[g] === "boolean" ? own.notices[g] : defaultsOn.includes(g)));
  const providerId = await providerOfMember(tx, userId);
  const [provider] = providerId ? await tx.select().from(s.providers).where(eq(s.providers.id, providerId)) : [];
  return {
    digest: own?.digest ?? settings.digestDefault,
    digestDefault: settings.digestDefault,
    digestHour: settings.digestHour,
    timeZone: settings.timeZone,
    noticesOn,
    defaultsOn,
    customized: Boolean(own),
    provider: provider ? delegateRow(provider) : null,
  };
}
