// Queue pages and counts: one keyset-paginated, index-ordered query per page plus one grouped count query.
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import * as s from "../db/schema";
import { AUTHORIZATION_STATUSES, type AuthorizationStatus } from "./authorizations/vocabulary";
import { selectRows, type Transaction } from "../db/client";
import { tenantTransaction } from "./db.server";
import {
  DEFAULT_SORT,
  HOSPITAL_SITE_LIST,
  dueWindowEnd,
  encodeCursor,
  queueCounts,
  type CountGroup,
  type QueueCondition,
  type QueueCursor,
  type QueueDefinition,
  type QueueFilters,
  type QueueSort,
} from "./queues";

export const QUEUE_PAGE_SIZE = 25;

const c = s.authorizationCases;
const assignee = alias(s.users, "assignee");

export interface QueueViewer {
  organizationId: string;
  userId: string;
}

function conditionSql(condition: QueueCondition | undefined, viewer: QueueViewer): SQL | undefined {
  switch (condition) {
    case undefined:
      return undefined;
    case "assigned-to-me":
      return eq(c.assigneeId, viewer.userId);
    case "regimen-changed":
      return eq(c.certificationType, "revised");
    case "site-of-care":
      return or(inArray(c.requestedSiteOfCare, [...HOSPITAL_SITE_LIST]), sql`${c.siteOfCareException} IS NOT NULL`);
  }
}

/** Rows strictly after the cursor in (next_deadline_at ASC NULLS LAST, id ASC) order. */
export function afterCursor(cursor: { deadline: string | null; id: string } | undefined): SQL | undefined {
  if (!cursor) return undefined;
  if (cursor.deadline === null) return and(isNull(c.nextDeadlineAt), sql`${c.id} > ${cursor.id}::uuid`);
  return or(sql`(${c.nextDeadlineAt}, ${c.id}) > (${cursor.deadline}::timestamptz, ${cursor.id}::uuid)`, isNull(c.nextDeadlineAt));
}

/** Rows strictly after the cursor in the exact reverse order (next_deadline_at DESC NULLS FIRST, id DESC). */
function beforeCursor(cursor: { deadline: string | null; id: string } | undefined): SQL | undefined {
  if (!cursor) return undefined;
  if (cursor.deadline === null) return or(and(isNull(c.nextDeadlineAt), sql`${c.id} < ${cursor.id}::uuid`), isNotNull(c.nextDeadlineAt));
  return sql`(${c.nextDeadlineAt}, ${c.id}) < (${cursor.deadline}::timestamptz, ${cursor.id}::uuid)`;
}

/** The keyset condition for the sort in force (a cursor of another sort is ignored: the page starts at the top). */
function keysetSql(cursor: QueueCursor | undefined, sort: QueueSort): SQL | undefined {
  if (!cursor) return undefined;
  const after = sort.dir === "asc" ? sql`>` : sql`<`;
  switch (sort.key) {
    case "deadline":
    case "payer":
      if (cursor.sort !== undefined && cursor.sort !== "deadline" && cursor.sort !== "payer") return undefined;
      return sort.dir === "asc" ? afterCursor(cursor) : beforeCursor(cursor);
    case "last-touch":
      if (cursor.sort !== "last-touch") return undefined;
      return sql`(${c.lastEventAt}, ${c.id}) ${after} (${cursor.lastEventAt}::timestamptz, ${cursor.id}::uuid)`;
    case "patient": {
      if (cursor.sort !== "patient") return undefined;
      const p = s.patients;
      return sql`(lower(${p.lastName}), lower(${p.firstName}), ${p.id}, ${c.id}) ${after} (${cursor.lastName}, ${cursor.firstName}, ${cursor.patientId}::uuid, ${cursor.id}::uuid)`;
    }
  }
}

/** ORDER BY for a sort over the id-query's output columns (descending is the exact reverse of ascending). */
function orderSql(sort: QueueSort): SQL {
  const desc = sort.dir === "desc";
  switch (sort.key) {
    case "deadline":
    case "payer":
      return desc ? sql`next_deadline_at DESC NULLS FIRST, id DESC` : sql`next_deadline_at ASC NULLS LAST, id ASC`;
    case "last-touch":
      return desc ? sql`last_event_at DESC, id DESC` : sql`last_event_at ASC, id ASC`;
    case "patient":
      return desc ? sql`sort_last DESC, sort_first DESC, patient_id DESC, id DESC` : sql`sort_last ASC, sort_first ASC, patient_id ASC, id ASC`;
  }
}

function filterSql(filters: QueueFilters, now: Date): SQL[] {
  const where: SQL[] = [];
  if (filters.payerId) where.push(eq(c.payerId, filters.payerId));
  if (filters.facilityId) where.push(eq(c.facilityId, filters.facilityId));
  if (filters.planId) where.push(eq(c.planId, filters.planId));
  if (filters.siteOfCare) where.push(eq(c.requestedSiteOfCare, filters.siteOfCare));
  if (filters.status) where.push(eq(c.status, filters.status));
  if (filters.assignee === "unassigned") where.push(isNull(c.assigneeId));
  else if (filters.assignee) where.push(eq(c.assigneeId, filters.assignee));
  if (filters.drugId) {
    const l = s.authorizationLines;
    where.push(sql`exists (select 1 from ${l} where ${l.caseId} = ${c.id} and ${l.drugId} = ${filters.drugId}::uuid)`);
  }
  if (filters.due) {
    const end = dueWindowEnd(filters.due, now);
    where.push(sql`${c.nextDeadlineAt} < ${end.toISOString()}::timestamptz`);
  }
  if (filters.band === "units") where.push(eq(c.unitsRunningOut, true));
  else if (filters.band !== undefined) where.push(eq(c.renewalBand, filters.band));
  if (filters.search) {
    const pattern = `%${filters.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const p = s.patients;
    where.push(
      or(
        ilike(c.authorizationNumber, pattern),
        ilike(c.payerReference, pattern),
        ilike(c.caseNumber, pattern),
        sql`exists (select 1 from ${p} where ${p.id} = ${c.patientId} and (${p.mrn} ilike ${pattern} or (${p.firstName} || ' ' || ${p.lastName}) ilike ${pattern} or (${p.lastName} || ', ' || ${p.firstName}) ilike ${pattern}))`,
      )!,
    );
  }
  return where;
}

/**
 * The ids of one page, as one indexed query. A queue over several statuses is a UNION ALL of one ordered,
 * limited index scan per status (authorization_cases_queue_idx by deadline, _touch_idx by last touch), merged and
 * cut to the page; a queue by assignee is one ordered scan of authorization_cases_assignee_idx (_assignee_touch_idx).
 * By patient, it walks patients_organization_name_idx and each patient's cases (authorization_cases_patient_idx).
 * By payer, loadQueuePage runs the deadline query once per payer in name order. Joins happen after the cut.
 */
export function pageIdsQuery(queue: QueueDefinition, filters: QueueFilters, viewer: QueueViewer, now: Date, cursor: QueueCursor | undefined, limit: number, sort: QueueSort = DEFAULT_SORT): SQL {
  const common = and(eq(c.organizationId, viewer.organizationId), conditionSql(queue.condition, viewer), ...filterSql(filters, now), keysetSql(cursor, sort));
  let statuses: readonly AuthorizationStatus[] = queue.statuses ?? AUTHORIZATION_STATUSES;
  if (filters.status) statuses = statuses.filter((status) => status === filters.status);
  if (statuses.length === 0) return sql`select null::uuid as id where false`;
  const order = orderSql(sort);
  if (sort.key === "patient") {
    const p = s.patients;
    const statusCondition = queue.statuses || filters.status ? inArray(c.status, [...statuses]) : undefined;
    return sql`select ${c.id} as id, lower(${p.lastName}) as sort_last, lower(${p.firstName}) as sort_first, ${p.id} as patient_id from ${c} inner join ${p} on ${p.id} = ${c.patientId} and ${p.organizationId} = ${viewer.organizationId}::uuid where ${and(common, statusCondition)} order by ${order} limit ${limit}`;
  }
  const byAssignee = queue.condition === "assigned-to-me" || filters.assignee !== undefined;
  // Only the column the order needs beside the id, so a deadline page stays an index-only scan (the My work shape).
  const sortColumn = sort.key === "last-touch" ? sql`${c.lastEventAt} as last_event_at` : sql`${c.nextDeadlineAt} as next_deadline_at`;
  const branch = (statusCondition: SQL) => sql`(select ${c.id} as id, ${sortColumn} from ${c} where ${and(common, statusCondition)} order by ${order} limit ${limit})`;
  const branches = byAssignee ? [branch(inArray(c.status, [...statuses]))] : statuses.map((status) => branch(eq(c.status, status)));
  if (branches.length === 1) return sql`select id from ${branches[0]!} as page`;
  return sql`select id from (${sql.join(branches, sql` union all `)}) as page order by ${order} limit ${limit}`;
}

/** A page's rows, read under the tenant's row-level security: primary-key lookups of at most a page of ids. */
export function queueRowsQuery(tx: Transaction, ids: string[]) {
  const l = s.authorizationLines;
  return tx
    .select({
      id: c.id,
      caseNumber: c.caseNumber,
      status: c.status,
      patientId: c.patientId,
      payerId: c.payerId,
      patientFirstName: s.patients.firstName,
      patientLastName: s.patients.lastName,
      mrn: s.patients.mrn,
      payerName: s.payers.name,
      hcpcs: l.hcpcs,
      drugName: s.drugs.shortName,
      doseValue: l.doseValue,
      doseUnit: l.doseUnit,
      unitType: c.unitType,
      authorizationNumber: c.authorizationNumber,
      nextDeadlineAt: c.nextDeadlineAt,
      nextDeadlineKind: c.nextDeadlineKind,
      requestedQuantity: c.requestedQuantity,
      authorizedQuantity: c.authorizedQuantity,
      usedQuantity: c.usedQuantity,
      assigneeId: c.assigneeId,
      assigneeName: assignee.name,
      lastEventAt: c.lastEventAt,
      renewalBand: c.renewalBand,
      unitsRunningOut: c.unitsRunningOut,
    })
    .from(c)
    .innerJoin(s.patients, eq(s.patients.id, c.patientId))
    .innerJoin(s.payers, eq(s.payers.id, c.payerId))
    .leftJoin(l, and(eq(l.caseId, c.id), eq(l.lineNumber, 1)))
    .leftJoin(s.drugs, eq(s.drugs.id, l.drugId))
    .leftJoin(assignee, eq(assignee.id, c.assigneeId))
    .where(inArray(c.id, ids));
}

export type QueueRow = Awaited<ReturnType<typeof queueRowsQuery>>[number];

export interface QueuePage {
  rows: QueueRow[];
  nextCursor: string | null;
}

/** The ids of a page in payer order: the deadline query once per payer, payers in name order, until the page is full. */
async function payerPageIds(tx: Transaction, queue: QueueDefinition, filters: QueueFilters, viewer: QueueViewer, now: Date, cursor: QueueCursor | undefined, limit: number, dir: QueueSort["dir"]) {
  const payers = await tx
    .select({ id: s.payers.id })
    .from(s.payers)
    .where(filters.payerId ? eq(s.payers.id, filters.payerId) : undefined)
    .orderBy(dir === "asc" ? asc(s.payers.name) : desc(s.payers.name), dir === "asc" ? asc(s.payers.id) : desc(s.payers.id));
  let start = 0;
  let inner: QueueCursor | undefined;
  if (cursor?.sort === "payer") {
    const at = payers.findIndex((payer) => payer.id === cursor.payerId);
    if (at >= 0) {
      start = at;
      inner = { deadline: cursor.deadline, id: cursor.id };
    }
  }
  const ids: string[] = [];
  for (let i = start; i < payers.length && ids.length < limit; i++) {
    const query = pageIdsQuery(queue, { ...filters, payerId: payers[i]!.id }, viewer, now, i === start ? inner : undefined, limit - ids.length, { key: "deadline", dir });
    ids.push(...(await selectRows<{ id: string }>(tx, query)).map((row) => row.id));
  }
  return ids;
}

/** The cursor after a row, for the sort in force. */
function cursorAfter(row: QueueRow, sort: QueueSort, patientKey: { sort_last: string; sort_first: string } | undefined): QueueCursor {
  const deadline = row.nextDeadlineAt?.toISOString() ?? null;
  switch (sort.key) {
    case "deadline":
      return { deadline, id: row.id };
    case "payer":
      return { sort: "payer", payerId: row.payerId, deadline, id: row.id };
    case "last-touch":
      return { sort: "last-touch", lastEventAt: row.lastEventAt.toISOString(), id: row.id };
    case "patient":
      return { sort: "patient", lastName: patientKey?.sort_last ?? "", firstName: patientKey?.sort_first ?? "", patientId: row.patientId, id: row.id };
  }
}

/**
 * One page of a queue under the tenant's row-level security: the page's ids from the queue index (keyset on the
 * sort's columns and id), then the rows by primary key. Status is text, whose equality is LEAKPROOF, so RLS does not
 * stop Postgres from using it as an index condition (migration 0008).
 */
export async function loadQueuePage(queue: QueueDefinition, filters: QueueFilters, viewer: QueueViewer, now: Date, cursor?: QueueCursor, limit = QUEUE_PAGE_SIZE, sort: QueueSort = DEFAULT_SORT): Promise<QueuePage> {
  return tenantTransaction(viewer.organizationId, async (tx) => {
    // One row more than shown says whether there is a next page without a count.
    let ids: string[];
    let patientKeys = new Map<string, { sort_last: string; sort_first: string }>();
    if (sort.key === "payer") ids = await payerPageIds(tx, queue, filters, viewer, now, cursor, limit + 1, sort.dir);
    else {
      const idRows = await selectRows<{ id: string; sort_last?: string; sort_first?: string }>(tx, pageIdsQuery(queue, filters, viewer, now, cursor, limit + 1, sort));
      ids = idRows.map((row) => row.id);
      if (sort.key === "patient") patientKeys = new Map(idRows.map((row) => [row.id, { sort_last: row.sort_last ?? "", sort_first: row.sort_first ?? "" }]));
    }
    if (ids.length === 0) return { rows: [], nextCursor: null };
    const byId = new Map((await queueRowsQuery(tx, ids)).map((row) => [row.id, row]));
    const rows = ids.map((id) => byId.get(id)).filter((row): row is QueueRow => row !== undefined);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor(cursorAfter(last, sort, patientKeys.get(last.id))) : null;
    return { rows: page, nextCursor };
  });
}

/** The renewal bands the tenant's cases carry (the payer rules decide them), for the Renewal due queue's filter. */
export function loadRenewalBands(organizationId: string) {
  return tenantTransaction(organizationId, async (tx) => {
    const rows = await tx
      .selectDistinct({ band: c.renewalBand })
      .from(c)
      .where(and(eq(c.organizationId, organizationId), eq(c.status, "renewal_due"), isNotNull(c.renewalBand)))
      .orderBy(desc(c.renewalBand));
    return rows.map((r) => r.band!);
  });
}

/** Every queue's count from one grouped query over the tenant's cases. */
export function loadQueueCounts(viewer: QueueViewer) {
  return tenantTransaction(viewer.organizationId, async (tx) => {
    const assignedToMe = sql<boolean>`coalesce(${c.assigneeId} = ${viewer.userId}, false)`;
    const revised = sql<boolean>`${c.certificationType} = 'revised'`;
    const hospitalSite = sql<boolean>`(${inArray(c.requestedSiteOfCare, [...HOSPITAL_SITE_LIST])} or ${c.siteOfCareException} is not null)`;
    const groups = await tx
      .select({ status: c.status, assignedToMe, revised, hospitalSite, cases: count() })
      .from(c)
      .where(eq(c.organizationId, viewer.organizationId))
      .groupBy(sql`1, 2, 3, 4`);
    return queueCounts(groups satisfies CountGroup[]);
  });
}

/** The people a case can be assigned to: the organization's coordinators and administrators. */
export function assignableMembers(tx: Transaction) {
  return tx
    .selectDistinct({ id: s.users.id, name: s.users.name })
    .from(s.memberships)
    .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
    .where(inArray(s.memberships.role, ["admin", "coordinator"]))
    .orderBy(s.users.name);
}

/** The choices the filter bar offers: payers, plans, drugs on cases, assignees (members), facilities. */
export function loadFilterOptions(organizationId: string) {
  return tenantTransaction(organizationId, async (tx) => {
    // One after the other: a transaction is one connection.
    const payers = await tx.select({ id: s.payers.id, name: s.payers.name }).from(s.payers).orderBy(s.payers.name);
    const plans = await tx
      .select({ id: s.payerPlans.id, name: sql<string>`${s.payers.name} || ' · ' || ${s.payerPlans.name}` })
      .from(s.payerPlans)
      .innerJoin(s.payers, eq(s.payers.id, s.payerPlans.payerId))
      .orderBy(s.payers.name, s.payerPlans.name);
    const facilities = await tx.select({ id: s.facilities.id, name: s.facilities.name }).from(s.facilities).orderBy(s.facilities.name);
    const members = await assignableMembers(tx);
    // The catalog's drugs that some case line names: one index probe per drug, not a pass over every case line.
    const l = s.authorizationLines;
    const drugs = await tx
        .select({ id: s.drugs.id, name: s.drugs.shortName })
        .from(s.drugs)
        .where(sql`exists (select 1 from ${l} where ${l.drugId} = ${s.drugs.id})`)
        .orderBy(s.drugs.shortName);
    return { payers, plans, facilities, members, drugs };
  });
}
