// Release output for the billing system: one row per released claim line (X12 837 comes later). CSV with a header
// row and JSON lines carry the same columns, documented in docs/billing.md.
import { and, asc, eq, gte, isNotNull, lt } from "drizzle-orm";
import type { Database } from "../../db/client";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";

export const RELEASE_COLUMNS = [
  "claim_number",
  "released_at",
  "setting",
  "member_id",
  "line_number",
  "code",
  "modifiers",
  "units",
  "date_of_service",
  "ndc11",
  "ndc_qualifier",
  "ndc_quantity",
  "revenue_code",
  "charge_cents",
  "authorization_number",
] as const;
export type ReleaseRow = Record<(typeof RELEASE_COLUMNS)[number], string | number | null>;

export async function releasedClaimRows(db: Database, input: { organizationId: string; from?: Date; to?: Date }): Promise<ReleaseRow[]> {
  return withTenant(db, input.organizationId, async (tx) => {
    const rows = await tx
      .select({
        claimNumber: s.claims.claimNumber,
        releasedAt: s.claims.releasedAt,
        setting: s.claims.setting,
        memberId: s.coverages.memberId,
        line: s.claimLines,
        authorizationNumber: s.authorizationCases.authorizationNumber,
      })
      .from(s.claims)
      .innerJoin(s.claimLines, eq(s.claimLines.claimId, s.claims.id))
      .innerJoin(s.coverages, eq(s.coverages.id, s.claims.coverageId))
      .leftJoin(s.authorizationCases, eq(s.authorizationCases.id, s.claimLines.caseId))
      .where(and(eq(s.claims.status, "released"), isNotNull(s.claims.releasedAt), input.from ? gte(s.claims.releasedAt, input.from) : undefined, input.to ? lt(s.claims.releasedAt, input.to) : undefined))
      .orderBy(asc(s.claims.releasedAt), asc(s.claims.claimNumber), asc(s.claimLines.lineNumber));
    return rows.map((r) => ({
      claim_number: r.claimNumber,
      released_at: r.releasedAt?.toISOString() ?? null,
      setting: r.setting,
      member_id: r.memberId,
      line_number: r.line.lineNumber,
      code: r.line.code,
      modifiers: r.line.modifiers.join(" "),
      units: r.line.units,
      date_of_service: r.line.dateOfService,
      ndc11: r.line.ndc11,
      ndc_qualifier: r.line.ndcQualifier,
      ndc_quantity: r.line.ndcQuantity,
      revenue_code: r.line.revenueCode,
      charge_cents: r.line.chargeCents,
      authorization_number: r.authorizationNumber,
    }));
  });
}

const csvCell = (value: string | number | null) => {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const toCsv = (rows: readonly ReleaseRow[]) => [RELEASE_COLUMNS.join(","), ...rows.map((r) => RELEASE_COLUMNS.map((c) => csvCell(r[c])).join(","))].join("\r\n") + "\r\n";
export const toJsonLines = (rows: readonly ReleaseRow[]) => rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
