// Queue pages and counts: one keyset-paginated, index-ordered query per page plus one grouped count query.
import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import * as s from "../db/schema";
import { AUTHORIZATION_STATUSES, type AuthorizationStatus } from "./authorizations/vocabulary";
import { selectRows, type Transaction } from "../db/client";
import { tenantTransaction } from "./db.server";
import {
  HOSPITAL_SITE_LIST,
  dueWindowEnd,
  encodeCursor,
  queueCounts,
  type CountGroup,
  type QueueCondition,
  type QueueCursor,
  type QueueDefinition,
  type QueueFilters,
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
export function afterCursor(cursor: QueueCursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  if (cursor.deadline === null) return and(isNull(c.nextDeadlineAt), sql`${c.id} > ${cursor.id}::uuid`);
  return or(sql`(${c.nextDeadlineAt}, ${c.id}) > (${cursor.deadline}::timestamptz, ${cursor.id}::uuid)`, isNull(c.nextDeadlineAt));
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

const ORDER = sql`next_deadline_at ASC NULLS LAST, id ASC`;

/**
 * The ids of one page, as one indexed query. A queue over several statuses is a UNION ALL of one ordered,
 * limited index scan per status (authorization_cases_queue_idx), merged and cut to the page; a queue by assignee
 * is one ordered scan of authorization_cases_assignee_idx. Joins happen after the cut, on at most a page of rows.
 */
export function pageIdsQuery(queue: QueueDefinition, filters: QueueFilters, viewer: QueueViewer, now: Date, cursor: QueueCursor | undefined, limit: number): SQL {
  const common = and(eq(c.organizationId, viewer.organizationId), conditionSql(queue.condition, viewer), ...filterSql(filters, now), afterCursor(cursor));
  let statuses: readonly AuthorizationStatus[] = queue.statuses ?? AUTHORIZATION_STATUSES;
  if (filters.status) statuses = statuses.filter((status) => status === filters.status);
  if (statuses.length === 0) return sql`select null::uuid as id where false`;
  const byAssignee = queue.condition === "assigned-to-me" || filters.assignee !== undefined;
  const branch = (statusCondition: SQL) =>
    sql`(select ${c.id} as id, ${c.nextDeadlineAt} as next_deadline_at from ${c} where ${and(common, statusCondition)} order by ${ORDER} limit ${limit})`;
  const branches = byAssignee ? [branch(inArray(c.status, [...statuses]))] : statuses.map((status) => branch(eq(c.status, status)));
  if (branches.length === 1) return sql`select id from ${branches[0]!} as page`;
  return sql`select id from (${sql.join(branches, sql` union all `)}) as page order by ${ORDER} limit ${limit}`;
}

/** A page's rows, read under the tenant's row-level security: primary-key lookups of at most a page of ids. */
export function queueRowsQuery(tx: Transaction, ids: string[]) {
  const l = s.authorizationLines;
  return tx
    .select({
      id: c.id,
      caseNumber: c.caseNumber,
      status: c.status,
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
    })
    .from(c)
    .innerJoin(s.patients, eq(s.patients.id, c.patientId))
    .innerJoin(s.payers, eq(s.payers.id, c.payerId))
    .leftJoin(l, and(eq(l.caseId, c.id), eq(l.lineNumber, 1)))
    .leftJoin(s.drugs, eq(s.drugs.id, l.drugId))
    .leftJoin(assignee, eq(assignee.id, c.assigneeId))
    .where(inArray(c.id, ids))
    .orderBy(sql`${c.nextDeadlineAt} ASC NULLS LAST`, asc(c.id));
}

export type QueueRow = Awaited<ReturnType<typeof queueRowsQuery>>[number];

export interface QueuePage {
  rows: QueueRow[];
  nextCursor: string | null;
}

/**
 * One page of a queue under the tenant's row-level security: the page's ids from the queue index (keyset on
 * next deadline, id), then the rows by primary key. Status is text, whose equality is LEAKPROOF, so RLS does not
 * stop Postgres from using it as an index condition (migration 0008).
 */
export async function loadQueuePage(queue: QueueDefinition, filters: QueueFilters, viewer: QueueViewer, now: Date, cursor?: QueueCursor, limit = QUEUE_PAGE_SIZE): Promise<QueuePage> {
  return tenantTransaction(viewer.organizationId, async (tx) => {
    // One row more than shown says whether there is a next page without a count.
    const ids = (await selectRows<{ id: string }>(tx, pageIdsQuery(queue, filters, viewer, now, cursor, limit + 1))).map((row) => row.id);
    if (ids.length === 0) return { rows: [], nextCursor: null };
    const rows = await queueRowsQuery(tx, ids);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor({ deadline: last.nextDeadlineAt?.toISOString() ?? null, id: last.id }) : null;
    return { rows: page, nextCursor };
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
