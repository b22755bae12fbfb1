// The biller's holds queue: every open hold with its claim, patient, payer, dollars at risk and the case that would
// clear it, sorted the way a biller works the list (oldest first by default). One query, bounded.
import { and, asc, desc, eq, isNull, type SQL } from "drizzle-orm";
import * as s from "../../db/schema";
import { tenantTransaction } from "../db.server";

export const HOLD_SORTS = ["age", "dollars", "payer", "reason"] as const;
export type HoldSort = (typeof HOLD_SORTS)[number];
export const HOLD_SORT_LABELS: Record<HoldSort, string> = {
  age: "Oldest first",
  dollars: "Dollars at risk",
  payer: "Payer",
  reason: "Reason",
};
export const HOLDS_PAGE_SIZE = 200;

export interface HoldsQuery {
  sort: HoldSort;
  reason: string | null;
}

/** Reads the queue's sort and reason filter from the URL; unknown values fall back so old bookmarks still open. */
export function parseHoldsQuery(params: URLSearchParams): HoldsQuery {
  const sort = params.get("sort");
  const reason = params.get("reason")?.trim();
  return {
    sort: (HOLD_SORTS as readonly string[]).includes(sort ?? "")
      ? (sort as HoldSort)
      : "age",
    reason: reason ? reason : null,
  };
}

export interface HoldRow {
  holdId: string;
  claimId: string;
  claimNumber: string;
  claimStatus: string;
  patientName: string;
  mrn: string;
  payer: string;
  plan: string;
  reason: string;
  field: string;
  message: string;
  fix: string;
  atRiskCents: number;
  openedAt: string;
  caseId: string | null;
  caseNumber: string | null;
}

export function listOpenHolds(
  organizationId: string,
  query: HoldsQuery,
): Promise<{ rows: HoldRow[]; truncated: boolean }> {
  const order: SQL[] = {
    age: [asc(s.claimHolds.openedAt)],
    dollars: [desc(s.claimHolds.atRiskCents), asc(s.claimHolds.openedAt)],
    payer: [asc(s.payers.name), asc(s.claimHolds.openedAt)],
    reason: [asc(s.claimHolds.reason), asc(s.claimHolds.openedAt)],
  }[query.sort];
  return tenantTransaction(organizationId, async (tx) => {
    const rows = await tx
      .select({
        holdId: s.claimHolds.id,
        claimId: s.claims.id,
        claimNumber: s.claims.claimNumber,
        claimStatus: s.claims.status,
        firstName: s.patients.firstName,
        lastName: s.patients.lastName,
        mrn: s.patients.mrn,
        payer: s.payers.name,
        plan: s.payerPlans.name,
        reason: s.claimHolds.reason,
        field: s.claimHolds.field,
        message: s.claimHolds.message,
        fix: s.claimHolds.fix,
        atRiskCents: s.claimHolds.atRiskCents,
        openedAt: s.claimHolds.openedAt,
        caseId: s.claimHolds.caseId,
        caseNumber: s.authorizationCases.caseNumber,
      })
      .from(s.claimHolds)
      .innerJoin(s.claims, eq(s.claims.id, s.claimHolds.claimId))
      .innerJoin(s.patients, eq(s.patients.id, s.claims.patientId))
      .innerJoin(s.coverages, eq(s.coverages.id, s.claims.coverageId))
      .innerJoin(s.payerPlans, eq(s.payerPlans.id, s.coverages.planId))
      .innerJoin(s.payers, eq(s.payers.id, s.payerPlans.payerId))
      .leftJoin(
        s.authorizationCases,
        eq(s.authorizationCases.id, s.claimHolds.caseId),
      )
      .where(
        and(
          isNull(s.claimHolds.releasedAt),
          query.reason ? eq(s.claimHolds.reason, query.reason) : undefined,
        ),
      )
      .orderBy(...order, asc(s.claimHolds.id))
      .limit(HOLDS_PAGE_SIZE + 1);
    return {
      truncated: rows.length > HOLDS_PAGE_SIZE,
      rows: rows
        .slice(0, HOLDS_PAGE_SIZE)
        .map(({ firstName, lastName, openedAt, ...r }) => ({
          ...r,
          patientName: `${lastName}, ${firstName}`,
          openedAt: openedAt.toISOString(),
        })),
    };
  });
}
