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

export type ReleaseFormat = "csv" | "jsonl";
export interface ReleaseExportRequest {
  format: ReleaseFormat;
  /** Released at or after this instant (start of the `from` day, UTC). */
  from?: Date;
  /** Released before this instant (the day after `to`, so `to` itself is included). */
  to?: Date;
}

/**
 * Reads an export request as the route and the CLI receive it (strings, possibly absent) and names the field that is
 * wrong. `from` and `to` are whole days, both included: from=2026-12-01&to=2026-12-01 is that one day.
 */
export function parseReleaseExportRequest(input: { format?: string | null; from?: string | null; to?: string | null }): { ok: true; request: ReleaseExportRequest } | { ok: false; field: "format" | "from" | "to"; message: string } {
  const format = input.format ?? "csv";
  if (format !== "csv" && format !== "jsonl") return { ok: false, field: "format", message: `format: expected csv or jsonl, got "${format}".` };
  const day = (value: string | null | undefined, field: "from" | "to") => {
    if (!value) return { ok: true as const };
    const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
    if (!at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== value) return { ok: false as const, field, message: `${field}: expected a date as YYYY-MM-DD, got "${value}".` };
    return { ok: true as const, at };
  };
  const from = day(input.from, "from");
  if (!from.ok) return from;
  const to = day(input.to, "to");
  if (!to.ok) return to;
  if (from.at && to.at && to.at < from.at) return { ok: false, field: "to", message: `to: expected a date on or after from (${input.from}), got "${input.to}".` };
  const request: ReleaseExportRequest = { format };
  if (from.at) request.from = from.at;
  if (to.at) request.to = new Date(to.at.getTime() + 24 * 60 * 60 * 1000);
  return { ok: true, request };
}

export const RELEASE_CONTENT_TYPES: Record<ReleaseFormat, string> = { csv: "text/csv; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8" };

export const formatReleaseRows = (rows: readonly ReleaseRow[], format: ReleaseFormat) => (format === "csv" ? toCsv(rows) : toJsonLines(rows));

export const toCsv = (rows: readonly ReleaseRow[]) => [RELEASE_COLUMNS.join(","), ...rows.map((r) => RELEASE_COLUMNS.map((c) => csvCell(r[c])).join(","))].join("\r\n") + "\r\n";
export const toJsonLines = (rows: readonly ReleaseRow[]) => rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
