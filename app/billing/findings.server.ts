// Acknowledging a coding warning on a claim (billers and admins): recorded on the finding and in audit_log, then the
// gate runs again so a claim held only by that warning releases.
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { hasAnyRole, type Role } from "../permissions";
import { evaluateClaim, type ClaimEvaluation } from "./gate.server";

export type AcknowledgeOutcome = { ok: true; evaluation: ClaimEvaluation } | { ok: false; code: "FORBIDDEN" | "NOT_FOUND" | "NOT_A_WARNING"; message: string };

export async function acknowledgeFinding(
  db: Database,
  input: { organizationId: string; findingId: string; actor: { userId: string; roles: readonly Role[] }; now?: Date },
): Promise<AcknowledgeOutcome> {
  if (!hasAnyRole(input.actor.roles, ["biller", "admin"])) return { ok: false, code: "FORBIDDEN", message: "Only a biller or an admin can acknowledge a coding warning." };
  const now = input.now ?? new Date();
  const found = await withTenant(db, input.organizationId, async (tx) => {
    const [finding] = await tx.select().from(s.claimFindings).where(eq(s.claimFindings.id, input.findingId));
    if (!finding) return { ok: false as const, code: "NOT_FOUND" as const, message: "No such finding in this organization." };
    if (finding.severity !== "warning") return { ok: false as const, code: "NOT_A_WARNING" as const, message: "Only warnings can be acknowledged; an error needs the coding fixed." };
    await tx
      .update(s.claimFindings)
      .set({ acknowledgedAt: now, acknowledgedById: input.actor.userId })
      .where(and(eq(s.claimFindings.id, finding.id), isNull(s.claimFindings.acknowledgedAt)));
    await tx.insert(s.auditLog).values({ organizationId: input.organizationId, actorUserId: input.actor.userId, action: "claim-finding.acknowledged", entityType: "claim_finding", entityId: finding.id, detail: { claimId: finding.claimId, rule: finding.rule }, occurredAt: now });
    return { ok: true as const, claimId: finding.claimId };
  });
  if (!found.ok) return found;
  return { ok: true, evaluation: await evaluateClaim(db, { organizationId: input.organizationId, claimId: found.claimId, actorUserId: input.actor.userId, now }) };
}
