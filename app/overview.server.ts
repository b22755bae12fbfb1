// Small tenant-scoped summaries the shell's section pages show until each section's full screens land.
import { count, eq, gte, isNull, and, lt, sql } from "drizzle-orm";
import * as s from "../db/schema";
import { localDate, startOfLocalDay } from "./authorizations/calendar";
import { tenantTransaction } from "./db.server";
import { loadEmailSettings } from "./email-preferences.server";

export function patientSummary(organizationId: string, now: Date) {
  const inTwoWeeks = new Date(now.getTime() + 14 * 86_400_000);
  return tenantTransaction(organizationId, async (tx) => {
    const [patients] = await tx.select({ n: count() }).from(s.patients);
    const [upcoming] = await tx
      .select({ n: count() })
      .from(s.scheduledInfusions)
      .where(and(eq(s.scheduledInfusions.status, "scheduled"), gte(s.scheduledInfusions.scheduledAt, now), lt(s.scheduledInfusions.scheduledAt, inTwoWeeks)));
    return { patients: patients?.n ?? 0, infusionsNextTwoWeeks: upcoming?.n ?? 0 };
  });
}

export function claimSummary(organizationId: string, now: Date = new Date()) {
  return tenantTransaction(organizationId, async (tx) => {
    // "Today" is the organization's day (its settings' time zone, else its first facility's), not UTC's: at 8 pm in
    // California the UTC day has already turned over.
    const { timeZone } = await loadEmailSettings(tx, organizationId);
    const byStatus = await tx.select({ status: s.claims.status, claims: count() }).from(s.claims).groupBy(s.claims.status);
    const [openHolds] = await tx.select({ n: count() }).from(s.claimHolds).where(isNull(s.claimHolds.releasedAt));
    // The biller strip: held claims and dollars at risk by reason, the oldest open hold, and what released today.
    const heldByReason = await tx
      .select({ reason: s.claimHolds.reason, claims: sql<number>`count(distinct ${s.claimHolds.claimId})::int`, atRiskCents: sql<number>`coalesce(sum(${s.claimHolds.atRiskCents}), 0)::bigint` })
      .from(s.claimHolds)
      .where(isNull(s.claimHolds.releasedAt))
      .groupBy(s.claimHolds.reason)
      .orderBy(sql`3 desc`);
    const [oldest] = await tx.select({ openedAt: sql<Date | null>`min(${s.claimHolds.openedAt})` }).from(s.claimHolds).where(isNull(s.claimHolds.releasedAt));
    const startOfDay = startOfLocalDay(localDate(now, timeZone), timeZone);
    const [releasedToday] = await tx.select({ n: count() }).from(s.claims).where(and(eq(s.claims.status, "released"), gte(s.claims.releasedAt, startOfDay)));
    const [heldClaims] = await tx.select({ n: sql<number>`count(distinct ${s.claimHolds.claimId})::int` }).from(s.claimHolds).where(isNull(s.claimHolds.releasedAt));
    return {
      byStatus,
      openHolds: openHolds?.n ?? 0,
      heldClaims: heldClaims?.n ?? 0,
      heldByReason: heldByReason.map((r) => ({ reason: r.reason, claims: Number(r.claims), atRiskCents: Number(r.atRiskCents) })),
      oldestHoldAt: oldest?.openedAt ? new Date(oldest.openedAt).toISOString() : null,
      releasedToday: releasedToday?.n ?? 0,
    };
  });
}

export function referenceSummary(organizationId: string) {
  return tenantTransaction(organizationId, async (tx) => {
    const [drugs] = await tx.select({ n: count() }).from(s.drugs);
    const [ndcs] = await tx.select({ n: count() }).from(s.ndcPackages);
    return { drugs: drugs?.n ?? 0, ndcPackages: ndcs?.n ?? 0 };
  });
}

export function settingsSummary(organizationId: string) {
  return tenantTransaction(organizationId, async (tx) => {
    const [payers] = await tx.select({ n: count() }).from(s.payers);
    const [rules] = await tx.select({ n: count() }).from(s.payerRules);
    const [facilities] = await tx.select({ n: count() }).from(s.facilities);
    const [members] = await tx.select({ n: sql<number>`count(distinct ${s.memberships.userId})::int` }).from(s.memberships);
    return { payers: payers?.n ?? 0, payerRules: rules?.n ?? 0, facilities: facilities?.n ?? 0, users: members?.n ?? 0 };
  });
}
