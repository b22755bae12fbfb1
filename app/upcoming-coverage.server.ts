// "Booked beyond authorization": for each upcoming scheduled infusion, does any of the patient's authorizations
// cover it? Each visit becomes a `scheduled_visit` subject for the pure coverage() check — the drug (or the drug a
// recorded regimen change switched to), billing units from the dose and the latest weight, the booked facility and
// site, the primary coverage in force that day — and the answer names every failing field and its fix.
import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import type { Transaction } from "../db/client";
import * as s from "../db/schema";
import {
  coverage,
  localDate,
  unitsForDose,
  type CaseState,
  type CoverageFailure,
  type CoverageResult,
  type IsoDate,
  type RegimenLine,
  type UpcomingDose,
} from "./authorizations";
import { loadCaseStates } from "./engine/case-store.server";
import { bodyOn } from "./engine/ledger.server";

export interface UpcomingInfusionCoverage {
  infusionId: string;
  scheduledAt: Date;
  /** The visit's date in its facility's time zone. */
  date: IsoDate;
  patientId: string;
  regimenId: string;
  /** The drug's short name ("infliximab"). */
  drug: string;
  hcpcs: string;
  /** Billing units the visit needs, when they could be computed. */
  units?: number;
  facility: string;
  facilityId: string;
  result: CoverageResult;
}

export interface UpcomingCoverageQuery {
  organizationId: string;
  patientId?: string;
  /** Only the infusions of this case's regimen (its drug, when the case names no regimen). */
  caseId?: string;
  from: Date;
  days: number;
}

/** The regimen as a regimen change on one of the patient's cases says it is given from `date` on, if one did. */
function changedRegimen(states: readonly CaseState[], regimenId: string, date: IsoDate): RegimenLine | undefined {
  return states
    .filter((c) => c.regimenId === regimenId && c.regimenChange && c.regimenChange.effectiveFrom <= date && c.status !== "voided")
    .map((c) => c.regimenChange!.newRegimen)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}

/** Failures that mean the visit would not be deducted from the authorization it was matched with. */
const UNCONSUMED: readonly CoverageFailure["field"][] = ["dates", "status", "hcpcs", "member", "payer"];

/** A visit outside the authorization, or held for a regimen change, does not use its units. */
export function wouldNotBeDeducted(failure: CoverageFailure): boolean {
  return UNCONSUMED.includes(failure.field) || failure.reason === "regimen-change-hold";
}

const failure = (field: CoverageFailure["field"], reason: string, message: string, fix: string): CoverageFailure => ({ field, reason, message, fix });

export async function upcomingInfusionCoverage(tx: Transaction, query: UpcomingCoverageQuery): Promise<UpcomingInfusionCoverage[]> {
  const { organizationId, from } = query;
  const until = new Date(from.getTime() + query.days * 86_400_000);
  let patientId = query.patientId;
  let onlyCase: CaseState | undefined;
  if (query.caseId) {
    const [row] = await tx.select({ patientId: s.authorizationCases.patientId }).from(s.authorizationCases).where(eq(s.authorizationCases.id, query.caseId));
    if (!row || (patientId && row.patientId !== patientId)) return [];
    patientId = row.patientId;
  }

  const visits = await tx
    .select({
      id: s.scheduledInfusions.id,
      patientId: s.scheduledInfusions.patientId,
      regimenId: s.scheduledInfusions.regimenId,
      scheduledAt: s.scheduledInfusions.scheduledAt,
      facilityId: s.facilities.id,
      facilityName: s.facilities.name,
      facilityNpi: s.facilities.npi,
      facilityTin: s.facilities.tin,
      siteOfCare: s.facilities.siteOfCare,
      placeOfService: s.facilities.placeOfService,
      timeZone: s.facilities.timeZone,
      doseValue: s.regimens.doseValue,
      doseUnit: s.regimens.doseUnit,
      doseBasis: s.regimens.doseBasis,
      diagnoses: s.regimens.diagnoses,
      hcpcs: s.drugs.hcpcs,
    })
    .from(s.scheduledInfusions)
    .innerJoin(s.regimens, eq(s.regimens.id, s.scheduledInfusions.regimenId))
    .innerJoin(s.drugs, eq(s.drugs.id, s.regimens.drugId))
    .innerJoin(s.facilities, eq(s.facilities.id, s.scheduledInfusions.facilityId))
    .where(
      and(
        eq(s.scheduledInfusions.organizationId, organizationId),
        gte(s.scheduledInfusions.scheduledAt, from),
        lt(s.scheduledInfusions.scheduledAt, until),
        eq(s.scheduledInfusions.status, "scheduled"),
        ...(patientId ? [eq(s.scheduledInfusions.patientId, patientId)] : []),
      ),
    )
    .orderBy(asc(s.scheduledInfusions.scheduledAt), asc(s.scheduledInfusions.id));
  if (visits.length === 0) return [];

  const patientIds = [...new Set(visits.map((v) => v.patientId))];
  const caseRows = await tx.select({ id: s.authorizationCases.id }).from(s.authorizationCases).where(inArray(s.authorizationCases.patientId, patientIds));
  const states = await loadCaseStates(
    tx,
    caseRows.map((r) => r.id),
  );
  if (query.caseId) {
    onlyCase = states.find((c) => c.caseId === query.caseId);
    if (!onlyCase) return [];
  }
  const weights = await tx
    .select({ patientId: s.patientWeights.patientId, measuredOn: s.patientWeights.measuredOn, weightKg: s.patientWeights.weightKg, heightCm: s.patientWeights.heightCm })
    .from(s.patientWeights)
    .where(inArray(s.patientWeights.patientId, patientIds))
    .orderBy(asc(s.patientWeights.measuredOn));
  const coverages = await tx
    .select({
      patientId: s.coverages.patientId,
      memberId: s.coverages.memberId,
      planId: s.coverages.planId,
      payerId: s.payerPlans.payerId,
      priority: s.coverages.priority,
      effectiveFrom: s.coverages.effectiveFrom,
      effectiveTo: s.coverages.effectiveTo,
    })
    .from(s.coverages)
    .innerJoin(s.payerPlans, eq(s.payerPlans.id, s.coverages.planId))
    .where(inArray(s.coverages.patientId, patientIds));
  const drugs = await tx.select({ hcpcs: s.drugs.hcpcs, shortName: s.drugs.shortName, referenceHcpcs: s.drugs.referenceHcpcs, billingUnitQuantity: s.drugs.billingUnitQuantity, billingUnit: s.drugs.billingUnit }).from(s.drugs);
  const drugByHcpcs = new Map(drugs.map((d) => [d.hcpcs, d]));

  const caseHcpcs = onlyCase ? new Set(onlyCase.lines.flatMap((l) => [l.hcpcs, ...l.mappedHcpcs, ...(l.referenceHcpcs ? [l.referenceHcpcs] : [])])) : undefined;
  const mine = (visit: (typeof visits)[number]) =>
    !onlyCase ||
    (onlyCase.regimenId ? visit.regimenId === onlyCase.regimenId || visit.regimenId === onlyCase.regimenChange?.newRegimen.regimenId : caseHcpcs!.has(visit.hcpcs));

  // Doses booked earlier in this list come off an authorization before a later visit, even when the ledger has not
  // stored them as scheduled entries yet: each case's upcoming doses grow as the visits are walked in date order.
  const bookedAhead = new Map<string, UpcomingDose[]>();
  const withBookedAhead = (state: CaseState): CaseState => {
    const extra = bookedAhead.get(state.caseId);
    if (!extra?.length) return state;
    const known = state.usage?.upcoming ?? [];
    const upcoming = [...known, ...extra.filter((d) => !known.some((k) => k.on === d.on && k.lineNumber === d.lineNumber))];
    return { ...state, usage: { syncedAt: state.usage?.syncedAt ?? from.toISOString(), lines: state.usage?.lines ?? [], upcoming } };
  };

  return visits.filter(mine).map((visit): UpcomingInfusionCoverage => {
    const date = localDate(visit.scheduledAt, visit.timeZone);
    const patientStates = states.filter((c) => c.patient.patientId === visit.patientId).map(withBookedAhead);
    const changed = changedRegimen(patientStates, visit.regimenId, date);
    const hcpcs = changed?.hcpcs ?? visit.hcpcs;
    const drug = drugByHcpcs.get(hcpcs);
    const extra: CoverageFailure[] = [];
    let units: number | undefined = changed?.unitsPerDose;
    if (units === undefined && drug) {
      const body = bodyOn(
        weights.filter((w) => w.patientId === visit.patientId),
        date,
      );
      const computed = unitsForDose({ dose: visit.doseValue, unit: visit.doseUnit, basis: visit.doseBasis, ...body }, drug);
      if (computed.ok) units = computed.units;
      else extra.push(failure("weight", computed.error.code, computed.error.message, "Document the patient's weight (and height for mg/m² doses) before the visit."));
    }
    const inForce = coverages
      .filter((c) => c.patientId === visit.patientId && c.effectiveFrom <= date && (!c.effectiveTo || c.effectiveTo >= date))
      .sort((a, b) => a.priority.localeCompare(b.priority));
    const primary = inForce.find((c) => c.priority === "primary") ?? inForce[0];
    const base = {
      infusionId: visit.id,
      scheduledAt: visit.scheduledAt,
      date,
      patientId: visit.patientId,
      regimenId: visit.regimenId,
      drug: drug?.shortName ?? hcpcs,
      hcpcs,
      ...(units !== undefined ? { units } : {}),
      facility: visit.facilityName,
      facilityId: visit.facilityId,
    };
    if (!primary) {
      return { ...base, result: { covered: false, failures: [failure("member", "no-coverage", `No insurance coverage on file for ${date}.`, "Verify eligibility and add the patient's coverage before the visit."), ...extra] } };
    }
    const referenceHcpcs = changed?.referenceHcpcs ?? drug?.referenceHcpcs ?? undefined;
    const result = coverage(
      {
        kind: "scheduled_visit",
        id: visit.id,
        patientId: visit.patientId,
        memberId: primary.memberId,
        payerId: primary.payerId,
        planId: primary.planId,
        facilityNpi: visit.facilityNpi,
        facilityTin: visit.facilityTin,
        siteOfCare: visit.siteOfCare,
        placeOfService: visit.placeOfService,
        hcpcs,
        ...(referenceHcpcs ? { referenceHcpcs } : {}),
        units: units ?? 0,
        diagnoses: changed?.diagnoses ?? visit.diagnoses,
        date,
      },
      patientStates,
      from,
    );
    // A visit inside the authorization it matched will use its units, whatever else is wrong with it.
    if (result.caseId && result.lineNumber !== undefined && units !== undefined && !result.failures.some(wouldNotBeDeducted)) {
      const list = bookedAhead.get(result.caseId) ?? [];
      list.push({ on: date, lineNumber: result.lineNumber, units, visits: 1 });
      bookedAhead.set(result.caseId, list);
    }
    return { ...base, result: extra.length ? { ...result, covered: false, failures: [...result.failures, ...extra] } : result };
  });
}
