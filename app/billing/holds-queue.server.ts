// The biller's holds queue: every open hold with its claim, patient, payer, dollars at risk and the case that would
// clear it, sorted the way a biller works the list (oldest first by default). One query per page, keyset-paged: the
// cursor is the last row's sort key, so a page never repeats or skips a hold while others are released meanwhile.
import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
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

/** Where a page starts: just after the hold with this sort key, opening time and id. */
export interface HoldsCursor {
  /** The sort's own key (dollars: cents; payer: name; reason: code); absent for age. */
  key?: string | number;
  openedAt: string;
  id: string;
}

export interface HoldsQuery {
  sort: HoldSort;
  reason: string | null;
  after?: HoldsCursor;
}

export const encodeHoldsCursor = (cursor: HoldsCursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

function decodeHoldsCursor(value: string, sort: HoldSort): HoldsCursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<HoldsCursor>;
    if (typeof c.openedAt !== "string" || Number.isNaN(Date.parse(c.openedAt))) return undefined;
    if (typeof c.id !== "string" || !/^[0-9a-f-]{36}$/i.test(c.id)) return undefined;
    const keyOk = sort === "age" ? c.key === undefined : sort === "dollars" ? Number.isSafeInteger(c.key) : typeof c.key === "string";
    return keyOk ? (c as HoldsCursor) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the queue's sort, reason filter and page cursor from the URL; unknown values fall back so old bookmarks
 * still open (a cursor from another sort, or a mangled one, starts at the first page).
 */
export function parseHoldsQuery(params: URLSearchParams): HoldsQuery {
  const sortParam = params.get("sort");
  const sort = (HOLD_SORTS as readonly string[]).includes(sortParam ?? "") ? (sortParam as HoldSort) : "age";
  const reason = params.get("reason")?.trim();
  const afterParam = params.get("after");
  const after = afterParam ? decodeHoldsCursor(afterParam, sort) : undefined;
  return { sort, reason: reason ? reason : null, ...(after ? { after } : {}) };
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

export interface HoldsPage {
  rows: HoldRow[];
  /** The cursor of the next page, when there is one. */
  next: string | null;
}

/** Rows after the cursor in the sort's order: (key, opened_at, id) compared the way the ORDER BY runs. */
function afterCursor(sort: HoldSort, c: HoldsCursor): SQL {
  const tail = sql`(${s.claimHolds.openedAt}, ${s.claimHolds.id}) > (${c.openedAt}::timestamptz, ${c.id}::uuid)`;
  if (sort === "age") return tail;
  if (sort === "dollars") return sql`(${s.claimHolds.atRiskCents} < ${c.key} or (${s.claimHolds.atRiskCents} = ${c.key} and ${tail}))`;
  const column = sort === "payer" ? s.payers.name : s.claimHolds.reason;
  return sql`(${column} > ${c.key} or (${column} = ${c.key} and ${tail}))`;
}

export function listOpenHolds(
  organizationId: string,
  query: HoldsQuery,
  options: { pageSize?: number } = {},
): Promise<HoldsPage> {
  const pageSize = options.pageSize ?? HOLDS_PAGE_SIZE;
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
        // Microseconds kept for the cursor: a Date would round them off and the next page would repeat this row.
        openedAtExact: sql<string>`to_char(${s.claimHolds.openedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
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
          query.after ? afterCursor(query.sort, query.after) : undefined,
        ),
      )
      .orderBy(...order, asc(s.claimHolds.id))
      .limit(pageSize + 1);
    const page = rows.slice(0, pageSize);
    const last = page.at(-1);
    const key = (r: (typeof rows)[number]) => ({ age: undefined, dollars: r.atRiskCents, payer: r.payer, reason: r.reason })[query.sort];
    return {
      next:
        rows.length > pageSize && last
          ? encodeHoldsCursor({ ...(key(last) === undefined ? {} : { key: key(last)! }), openedAt: last.openedAtExact, id: last.holdId })
          : null,
      rows: page.map(({ firstName, lastName, openedAt, openedAtExact: _exact, ...r }) => ({
        ...r,
        patientName: `${lastName}, ${firstName}`,
        openedAt: openedAt.toISOString(),
      })),
    };
  });
}
