// The patient list (search by name or MRN, keyset pages in name order) and the patient page: coverages, regimens,
// every authorization case with its renewal/revision chain, upcoming infusions with their coverage status, the unit
// ledger per authorization and the patient's documents — all read in one tenant transaction (RLS: another
// organization's patient is simply not found).
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import * as s from "../db/schema";
import type { Transaction } from "../db/client";
import { localDate, startOfLocalDay } from "./authorizations";
import { isClosed } from "./authorizations/vocabulary";
import { ledgerProjection } from "./case-page.server";
import { tenantTransaction } from "./db.server";
import { patientDocuments } from "./documents.server";
import { loadCaseStates } from "./engine/case-store.server";
import { upcomingInfusionCoverage } from "./upcoming-coverage.server";

export const PATIENT_PAGE_SIZE = 25;
/** How far ahead the patient page lists booked infusions. */
export const PATIENT_UPCOMING_DAYS = 120;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isPatientId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

/** The position after the last patient of a page, in (lower(last name), lower(first name), id) order. */
export interface PatientCursor {
  lastName: string;
  firstName: string;
  id: string;
}

export function encodePatientCursor(cursor: PatientCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastName, cursor.firstName, cursor.id])).toString("base64url");
}

/** A malformed cursor reads as the first page, so an old or edited URL still opens. */
export function decodePatientCursor(value: string | null | undefined): PatientCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((v) => typeof v === "string")) return undefined;
    const [lastName, firstName, id] = parsed as [string, string, string];
    return UUID.test(id) ? { lastName, firstName, id } : undefined;
  } catch {
    return undefined;
  }
}

const p = s.patients;
const c = s.authorizationCases;

function searchSql(search: string | undefined): SQL | undefined {
  if (!search) return undefined;
  const pattern = `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return or(ilike(p.mrn, pattern), sql`(${p.firstName} || ' ' || ${p.lastName}) ilike ${pattern}`, sql`(${p.lastName} || ', ' || ${p.firstName}) ilike ${pattern}`);
}

/** One page of patients in name order (patients_organization_name_idx), with their open case count. */
export function listPatients(organizationId: string, options: { search?: string | undefined; after?: PatientCursor | undefined; limit?: number }) {
  const limit = options.limit ?? PATIENT_PAGE_SIZE;
  return tenantTransaction(organizationId, async (tx) => {
    const after = options.after
      ? sql`(lower(${p.lastName}), lower(${p.firstName}), ${p.id}) > (${options.after.lastName}, ${options.after.firstName}, ${options.after.id}::uuid)`
      : undefined;
    const rows = await tx
      .select({ id: p.id, mrn: p.mrn, firstName: p.firstName, lastName: p.lastName, birthDate: p.birthDate })
      .from(p)
      .where(and(eq(p.organizationId, organizationId), searchSql(options.search), after))
      .orderBy(sql`lower(${p.lastName})`, sql`lower(${p.firstName})`, asc(p.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const ids = page.map((r) => r.id);
    const caseCounts = ids.length
      ? await tx
          .select({ patientId: c.patientId, status: c.status, n: sql<number>`count(*)::int` })
          .from(c)
          .where(and(eq(c.organizationId, organizationId), inArray(c.patientId, ids)))
          .groupBy(c.patientId, c.status)
      : [];
    const last = page.at(-1);
    return {
      patients: page.map((row) => {
        const mine = caseCounts.filter((cc) => cc.patientId === row.id);
        return { ...row, cases: mine.reduce((t, cc) => t + cc.n, 0), openCases: mine.filter((cc) => !isClosed(cc.status)).reduce((t, cc) => t + cc.n, 0) };
      }),
      nextCursor: rows.length > limit && last ? encodePatientCursor({ lastName: last.lastName.toLowerCase(), firstName: last.firstName.toLowerCase(), id: last.id }) : null,
    };
  });
}

async function coveragesOf(tx: Transaction, patientId: string) {
  return tx
    .select({
      id: s.coverages.id,
      payerName: s.payers.name,
      planName: s.payerPlans.name,
      lineOfBusiness: s.payerPlans.lineOfBusiness,
      memberId: s.coverages.memberId,
      groupNumber: s.coverages.groupNumber,
      priority: s.coverages.priority,
      effectiveFrom: s.coverages.effectiveFrom,
      effectiveTo: s.coverages.effectiveTo,
    })
    .from(s.coverages)
    .innerJoin(s.payerPlans, eq(s.payerPlans.id, s.coverages.planId))
    .innerJoin(s.payers, eq(s.payers.id, s.payerPlans.payerId))
    .where(eq(s.coverages.patientId, patientId))
    .orderBy(asc(s.coverages.priority), desc(s.coverages.effectiveFrom));
}

async function regimensOf(tx: Transaction, patientId: string) {
  return tx
    .select({
      id: s.regimens.id,
      drugName: s.drugs.shortName,
      brandName: s.drugs.brandName,
      hcpcs: s.drugs.hcpcs,
      doseValue: s.regimens.doseValue,
      doseUnit: s.regimens.doseUnit,
      doseBasis: s.regimens.doseBasis,
      route: s.regimens.route,
      frequency: s.regimens.frequency,
      intervalDays: s.regimens.intervalDays,
      administrationsCount: s.regimens.administrationsCount,
      facilityName: s.facilities.name,
      startDate: s.regimens.startDate,
      endDate: s.regimens.endDate,
      status: s.regimens.status,
      replacesRegimenId: s.regimens.replacesRegimenId,
    })
    .from(s.regimens)
    .innerJoin(s.drugs, eq(s.drugs.id, s.regimens.drugId))
    .innerJoin(s.facilities, eq(s.facilities.id, s.regimens.facilityId))
    .where(eq(s.regimens.patientId, patientId))
    .orderBy(desc(s.regimens.startDate), asc(s.regimens.id));
}

export interface ChainCase {
  id: string;
  predecessorCaseId: string | null;
  createdAt: Date;
}

/**
 * The patient's cases as chains: a case with no predecessor among them starts a chain and its renewals, revised
 * requests and re-authorizations follow it in order. Chains are listed newest first (by their latest case).
 * A cycle or a dangling predecessor cannot drop a case: every case appears exactly once.
 */
export function caseChains<T extends ChainCase>(cases: readonly T[]): T[][] {
  const byId = new Map(cases.map((k) => [k.id, k]));
  const successors = new Map<string, T[]>();
  for (const k of cases) {
    if (k.predecessorCaseId && byId.has(k.predecessorCaseId)) (successors.get(k.predecessorCaseId) ?? successors.set(k.predecessorCaseId, []).get(k.predecessorCaseId)!).push(k);
  }
  const placed = new Set<string>();
  const chains: T[][] = [];
  const walk = (start: T) => {
    const chain: T[] = [];
    const queue = [start];
    while (queue.length) {
      const next = queue.shift()!;
      if (placed.has(next.id)) continue;
      placed.add(next.id);
      chain.push(next);
      queue.push(...(successors.get(next.id) ?? []).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()));
    }
    return chain;
  };
  const roots = cases.filter((k) => !k.predecessorCaseId || !byId.has(k.predecessorCaseId));
  for (const root of [...roots].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) chains.push(walk(root));
  for (const k of cases) if (!placed.has(k.id)) chains.push(walk(k));
  const latest = (chain: T[]) => Math.max(...chain.map((k) => k.createdAt.getTime()));
  return chains.sort((a, b) => latest(b) - latest(a));
}

/** The patient page; undefined when there is no such patient in this organization. */
export function loadPatientPage(organizationId: string, patientId: string, now: Date = new Date()) {
  return tenantTransaction(organizationId, async (tx) => {
    const [patient] = await tx
      .select({ id: p.id, mrn: p.mrn, firstName: p.firstName, lastName: p.lastName, birthDate: p.birthDate, sex: p.sex, facilityName: s.facilities.name, timeZone: s.facilities.timeZone })
      .from(p)
      .leftJoin(s.facilities, eq(s.facilities.id, p.primaryFacilityId))
      .where(and(eq(p.organizationId, organizationId), eq(p.id, patientId)));
    if (!patient) return undefined;
    const timeZone = patient.timeZone ?? "America/New_York";
    const today = localDate(now, timeZone);
    const coverages = await coveragesOf(tx, patientId);
    const regimens = await regimensOf(tx, patientId);
    const l = s.authorizationLines;
    const caseRows = await tx
      .select({
        id: c.id,
        caseNumber: c.caseNumber,
        status: c.status,
        certificationType: c.certificationType,
        payerName: s.payers.name,
        planName: s.payerPlans.name,
        authorizationNumber: c.authorizationNumber,
        requestedFrom: c.requestedFrom,
        requestedTo: c.requestedTo,
        effectiveFrom: c.effectiveFrom,
        effectiveTo: c.effectiveTo,
        unitType: c.unitType,
        requestedQuantity: c.requestedQuantity,
        authorizedQuantity: c.authorizedQuantity,
        usedQuantity: c.usedQuantity,
        nextDeadlineAt: c.nextDeadlineAt,
        nextDeadlineKind: c.nextDeadlineKind,
        predecessorCaseId: c.predecessorCaseId,
        drugName: s.drugs.shortName,
        hcpcs: l.hcpcs,
        createdAt: c.createdAt,
      })
      .from(c)
      .innerJoin(s.payers, eq(s.payers.id, c.payerId))
      .innerJoin(s.payerPlans, eq(s.payerPlans.id, c.planId))
      .leftJoin(l, and(eq(l.caseId, c.id), eq(l.lineNumber, 1)))
      .leftJoin(s.drugs, eq(s.drugs.id, l.drugId))
      .where(and(eq(c.organizationId, organizationId), eq(c.patientId, patientId)))
      .orderBy(desc(c.createdAt), asc(c.id));
    const states = await loadCaseStates(
      tx,
      caseRows.map((r) => r.id),
    );
    const stateOf = new Map(states.map((st) => [st.caseId, st]));
    const upcoming = await upcomingInfusionCoverage(tx, { organizationId, patientId, from: startOfLocalDay(today, timeZone), days: PATIENT_UPCOMING_DAYS });
    const caseNumberOf = new Map(caseRows.map((r) => [r.id, r.caseNumber]));

    const entryRows = caseRows.length
      ? await tx
          .select({
            id: s.unitLedgerEntries.id,
            caseId: s.unitLedgerEntries.caseId,
            kind: s.unitLedgerEntries.kind,
            units: s.unitLedgerEntries.units,
            visits: s.unitLedgerEntries.visits,
            sourceType: s.unitLedgerEntries.sourceType,
            occurredOn: s.unitLedgerEntries.occurredOn,
            note: s.unitLedgerEntries.note,
            hcpcs: l.hcpcs,
          })
          .from(s.unitLedgerEntries)
          .leftJoin(l, eq(l.id, s.unitLedgerEntries.lineId))
          .where(
            inArray(
              s.unitLedgerEntries.caseId,
              caseRows.map((r) => r.id),
            ),
          )
          .orderBy(asc(s.unitLedgerEntries.occurredOn), asc(s.unitLedgerEntries.kind), asc(s.unitLedgerEntries.id))
      : [];

    // One ledger per case that has (or had) an authorization: authorized, used, remaining and the run-out date.
    const ledgers = [];
    for (const row of caseRows) {
      const state = stateOf.get(row.id);
      if (!state?.authorization) continue;
      const balance = await ledgerProjection(tx, state, today, upcoming);
      if (!balance) continue;
      ledgers.push({ caseId: row.id, caseNumber: row.caseNumber, authorizationNumber: state.authorization.authorizationNumber, status: row.status, ...balance, entries: entryRows.filter((e) => e.caseId === row.id) });
    }

    const chains = caseChains(caseRows).map((chain) =>
      chain.map((k) => {
        const state = stateOf.get(k.id);
        const links = state?.links ?? {};
        const link = (id: string | undefined) => (id && caseNumberOf.has(id) ? { id, caseNumber: caseNumberOf.get(id) ?? null } : null);
        return {
          ...k,
          predecessor: link(k.predecessorCaseId ?? undefined),
          successor: link(links.successorCaseId),
          revised: link(links.revisedCaseId),
          supersededBy: link(links.supersededBy),
        };
      }),
    );
    const documents = await patientDocuments(tx, patientId);
    return {
      patient,
      today,
      coverages,
      regimens,
      chains,
      upcoming: upcoming.map((v) => ({
        ...v,
        caseNumber: v.result.caseId ? (caseNumberOf.get(v.result.caseId) ?? null) : null,
      })),
      ledgers,
      documents,
    };
  });
}

export type PatientPage = NonNullable<Awaited<ReturnType<typeof loadPatientPage>>>;
