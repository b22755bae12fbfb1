// The `claim-reevaluation` outbox topic: a case's coverage changed ({caseId, patientId, reason}) or a claim was
// coded ({claimId}). Either way the release gate runs again for the claims concerned, batched (a fixed number of
// queries per batch, one transaction per batch), so a held claim releases on its own once the approval (or the fix)
// arrives.
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { PermanentDeliveryError } from "../engine/outbox.server";
import { evaluateClaim, evaluateClaims, type ClaimEvaluation } from "./gate.server";

export const ClaimReevaluationPayloadSchema = z.union([
  z.object({ claimId: z.uuid() }),
  z.object({ caseId: z.uuid(), patientId: z.uuid(), reason: z.string().optional() }),
]);
export type ClaimReevaluationPayload = z.infer<typeof ClaimReevaluationPayloadSchema>;

/** Claims still waiting for the gate: coded (draft) or held. */
export const GATED_STATUSES = ["draft", "held"] as const;

/** Claims per gate transaction when re-evaluating many. */
export const REEVALUATION_BATCH = 200;

export async function reevaluateClaims(db: Database, organizationId: string, payload: unknown, now: Date): Promise<ClaimEvaluation[]> {
  const parsed = ClaimReevaluationPayloadSchema.safeParse(payload);
  if (!parsed.success) throw new PermanentDeliveryError(`claim-reevaluation: unreadable payload (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})`);
  const claimIds =
    "claimId" in parsed.data
      ? [parsed.data.claimId]
      : await withTenant(db, organizationId, async (tx) => {
          const { patientId } = parsed.data as { patientId: string };
          const rows = await tx
            .select({ id: s.claims.id })
            .from(s.claims)
            .where(and(eq(s.claims.patientId, patientId), inArray(s.claims.status, [...GATED_STATUSES])))
            .orderBy(s.claims.createdAt);
          return rows.map((r) => r.id);
        });
  if ("claimId" in parsed.data) return [await evaluateClaim(db, { organizationId, claimId: parsed.data.claimId, now })];
  const results: ClaimEvaluation[] = [];
  for (let i = 0; i < claimIds.length; i += REEVALUATION_BATCH) {
    results.push(...(await evaluateClaims(db, { organizationId, claimIds: claimIds.slice(i, i + REEVALUATION_BATCH), now })));
  }
  return results;
}
