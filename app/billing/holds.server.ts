// Working holds by hand: an admin's override (with a required reason, audited) and the aging alerts to billers.
import { and, desc, eq, isNull, lte } from "drizzle-orm";
import type { Database } from "../../db/client";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { hasAnyRole, type Role } from "../permissions";

export type OverrideOutcome = { ok: true; released: boolean } | { ok: false; code: "FORBIDDEN" | "REASON_REQUIRED" | "NOT_FOUND"; message: string };

/**
 * Releases every open hold on a claim and the claim itself, by an admin's decision. The reason is required and is
 * written to the hold and to audit_log; the ledger is not touched here (the override says the claim goes anyway).
 */
export async function overrideClaimHolds(
  db: Database,
  input: { organizationId: string; claimId: string; actor: { userId: string; roles: readonly Role[] }; reason: string; now?: Date },
): Promise<OverrideOutcome> {
  if (!hasAnyRole(input.actor.roles, ["admin"])) return { ok: false, code: "FORBIDDEN", message: "Only an admin can override a hold." };
  const reason = input.reason.trim();
  if (reason.length < 5) return { ok: false, code: "REASON_REQUIRED", message: "Reason: say why the claim may go without passing the gate (at least 5 characters)." };
  const now = input.now ?? new Date();
  return withTenant(db, input.organizationId, async (tx) => {
    const [claim] = await tx.select().from(s.claims).where(eq(s.claims.id, input.claimId)).for("update");
    if (!claim) return { ok: false, code: "NOT_FOUND", message: "No such claim in this organization." };
    const closed = await tx
      .update(s.claimHolds)
      .set({ releasedAt: now, releasedById: input.actor.userId, overrideReason: reason })
      .where(and(eq(s.claimHolds.claimId, claim.id), isNull(s.claimHolds.releasedAt)))
      .returning({ id: s.claimHolds.id, reason: s.claimHolds.reason });
    const released = claim.status !== "released";
    if (released) await tx.update(s.claims).set({ status: "released", releasedAt: now, updatedAt: now }).where(eq(s.claims.id, claim.id));
    await tx.insert(s.auditLog).values({
      organizationId: input.organizationId,
      actorUserId: input.actor.userId,
      action: "claim-hold.overridden",
      entityType: "claim",
      entityId: claim.id,
      detail: { claimNumber: claim.claimNumber, reason, holds: closed.map((h) => ({ id: h.id, reason: h.reason })) },
      occurredAt: now,
    });
    return { ok: true, released };
  });
}

export const DEFAULT_HOLD_AGING_DAYS = [3, 7, 14] as const;
export const holdAgingKey = (holdId: string, threshold: number) => `hold-aging:${holdId}:${threshold}`;

const initials = (first: string, last: string) => `${first.charAt(0)}${last.charAt(0)}`.toUpperCase();

/**
 * For each open hold past a threshold in force (the organization's dated billing setting), one email outbox row per
 * biller keyed `hold-aging:{holdId}:{threshold}`: a second run writes nothing. No PHI: initials and the claim number.
 */
export async function enqueueHoldAgingAlerts(db: Database, options: { now: Date; organizationId?: string }): Promise<{ written: number }> {
  const { now } = options;
  const today = now.toISOString().slice(0, 10);
  // One organization when a claim's own aging timer asks (the Temporal claim-release workflow); otherwise all of them.
  const organizations = options.organizationId ? [{ id: options.organizationId }] : await db.select({ id: s.organizations.id }).from(s.organizations);
  let written = 0;
  for (const { id: organizationId } of organizations) {
    written += await withTenant(db, organizationId, async (tx) => {
      const [setting] = await tx.select().from(s.billingSettings).where(lte(s.billingSettings.effectiveFrom, today)).orderBy(desc(s.billingSettings.effectiveFrom)).limit(1);
      const thresholds = setting?.holdAgingDays ?? [...DEFAULT_HOLD_AGING_DAYS];
      const oldest = Math.min(...thresholds);
      const holds = await tx
        .select({ id: s.claimHolds.id, openedAt: s.claimHolds.openedAt, reason: s.claimHolds.reason, claimNumber: s.claims.claimNumber, firstName: s.patients.firstName, lastName: s.patients.lastName })
        .from(s.claimHolds)
        .innerJoin(s.claims, eq(s.claims.id, s.claimHolds.claimId))
        .innerJoin(s.patients, eq(s.patients.id, s.claims.patientId))
        .where(and(isNull(s.claimHolds.releasedAt), lte(s.claimHolds.openedAt, new Date(now.getTime() - oldest * 86_400_000))));
      if (holds.length === 0) return 0;
      const billers = await tx
        .selectDistinct({ userId: s.users.id, email: s.users.email })
        .from(s.memberships)
        .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
        .where(and(eq(s.memberships.role, "biller"), isNull(s.users.disabledAt)));
      if (billers.length === 0) return 0;
      const rows = holds.flatMap((hold) => {
        const ageDays = Math.floor((now.getTime() - hold.openedAt.getTime()) / 86_400_000);
        return thresholds
          .filter((t) => ageDays >= t)
          .map((threshold) => ({
            organizationId,
            topic: "email",
            businessKey: holdAgingKey(hold.id, threshold),
            payload: { template: "hold-aging", to: billers.map((b) => b.email), holdId: hold.id, threshold, claimNumber: hold.claimNumber, patientInitials: initials(hold.firstName, hold.lastName), reason: hold.reason },
            availableAt: now,
            createdAt: now,
          }));
      });
      if (rows.length === 0) return 0;
      const inserted = await tx.insert(s.outbox).values(rows).onConflictDoNothing({ target: [s.outbox.organizationId, s.outbox.businessKey] }).returning({ id: s.outbox.id });
      return inserted.length;
    });
  }
  return { written };
}
