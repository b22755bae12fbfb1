// The case state as the rows the queues read: authorization_cases and authorization_lines (drizzle field names).
// The engine adds what it owns (organization, case number when not in the state, timestamps it stamps itself).
import type { CaseState } from "./case-state";
import type { Deadline } from "./deadlines";
import { isActive, type AuthorizationStatus, type BillingUnit, type CertificationType, type DoseBasis, type SiteOfCare, type SubmissionChannel, type UnitType, type Urgency } from "./vocabulary";

export interface CaseRow {
  id: string;
  caseNumber: string | null;
  patientId: string;
  coverageId: string;
  payerId: string;
  planId: string;
  regimenId: string | null;
  facilityId: string;
  orderingProviderId: string;
  status: AuthorizationStatus;
  certificationType: CertificationType;
  urgency: Urgency;
  unitType: UnitType;
  requestedSiteOfCare: SiteOfCare;
  authorizedSiteOfCare: SiteOfCare | null;
  siteOfCareException: string | null;
  authorizationNumber: string | null;
  payerReference: string | null;
  submissionChannel: SubmissionChannel | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  requestedFrom: string;
  requestedTo: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  requestedQuantity: number;
  authorizedQuantity: number | null;
  usedQuantity: number;
  nextDeadlineAt: Date | null;
  nextDeadlineKind: string | null;
  nextDeadlineRule: string | null;
  renewalBand: number | null;
  unitsRunningOut: boolean;
  assigneeId: string | null;
  predecessorCaseId: string | null;
  tags: string[];
  version: number;
  lastEventAt: Date;
}

export interface LineRow {
  caseId: string;
  lineNumber: number;
  hcpcs: string;
  drugId: string | null;
  ndc11: string | null;
  doseValue: number;
  doseUnit: BillingUnit;
  doseBasis: DoseBasis;
  unitsPerDose: number;
  administrationCodes: string[];
  requestedUnits: number;
  requestedVisits: number;
  authorizedUnits: number | null;
  authorizedVisits: number | null;
}

const sum = (values: readonly number[]) => Math.round(values.reduce((s, v) => s + v, 0) * 100) / 100;

/**
 * Where an active authorization stands on renewal: the most urgent date band its renewal alerts raised (the bands
 * come from the payer's renewal-lead rule, so they are whatever the rule says, not fixed 30/14/7), and whether the
 * units alert (fewer units left than the next scheduled doses need) was raised. Nothing once it is no longer active.
 */
export function renewalStanding(state: CaseState): { renewalBand: number | null; unitsRunningOut: boolean } {
  if (!isActive(state.status)) return { renewalBand: null, unitsRunningOut: false };
  const bands = state.renewalAlerts.filter((b): b is number => typeof b === "number");
  return { renewalBand: bands.length > 0 ? Math.min(...bands) : null, unitsRunningOut: state.renewalAlerts.includes("units") };
}

/** Quantities on the case row are in the case's unit type: units, or visits. */
export function caseRow(state: CaseState, next: Deadline | null): CaseRow {
  const visits = state.unitType === "visits";
  const authorized = state.lines.map((l) => (visits ? l.authorizedVisits : l.authorizedUnits)).filter((q): q is number => q !== undefined);
  const used = state.usage?.lines ?? [];
  const payerReference = state.payerReferences.find((r) => r.kind === "payer-reference") ?? state.payerReferences[0];
  const decisionAt = state.decision?.decidedAt ?? state.authorization?.decidedAt;
  return {
    id: state.caseId,
    caseNumber: state.caseNumber ?? null,
    patientId: state.patient.patientId,
    coverageId: state.coverage.coverageId,
    payerId: state.coverage.payerId,
    planId: state.coverage.planId,
    regimenId: state.regimenId ?? null,
    facilityId: state.facility.facilityId,
    orderingProviderId: state.orderingProvider.providerId,
    status: state.status,
    certificationType: state.certificationType,
    urgency: state.urgency,
    unitType: state.unitType,
    requestedSiteOfCare: state.requested.siteOfCare,
    authorizedSiteOfCare: state.authorization?.siteOfCare ?? null,
    siteOfCareException: state.siteOfCareException ?? null,
    authorizationNumber: state.authorization?.authorizationNumber ?? null,
    payerReference: payerReference?.value ?? null,
    submissionChannel: state.submission?.channel ?? null,
    submittedAt: state.submission ? new Date(state.submission.submittedAt) : null,
    decidedAt: decisionAt ? new Date(decisionAt) : null,
    decisionReason: state.decision?.reason ?? null,
    requestedFrom: state.requested.from,
    requestedTo: state.requested.to,
    effectiveFrom: state.authorization?.effectiveFrom ?? null,
    effectiveTo: state.authorization?.effectiveTo ?? null,
    requestedQuantity: sum(state.lines.map((l) => (visits ? l.requestedVisits : l.requestedUnits))),
    authorizedQuantity: authorized.length > 0 ? sum(authorized) : null,
    usedQuantity: sum(used.map((u) => (visits ? u.usedVisits : u.usedUnits))),
    nextDeadlineAt: next?.at ?? null,
    nextDeadlineKind: next?.kind ?? null,
    nextDeadlineRule: next?.rule ?? null,
    ...renewalStanding(state),
    assigneeId: state.assigneeId ?? null,
    predecessorCaseId: state.links.predecessorCaseId ?? null,
    tags: state.tags,
    version: state.version,
    lastEventAt: new Date(state.lastEventAt),
  };
}

export function lineRows(state: CaseState): LineRow[] {
  return state.lines.map((l) => ({
    caseId: state.caseId,
    lineNumber: l.lineNumber,
    hcpcs: l.hcpcs,
    drugId: l.drugId ?? null,
    ndc11: l.ndc11 ?? null,
    doseValue: l.dose.value,
    doseUnit: l.dose.unit,
    doseBasis: l.dose.basis,
    unitsPerDose: l.unitsPerDose,
    administrationCodes: l.administrationCodes,
    requestedUnits: l.requestedUnits,
    requestedVisits: l.requestedVisits,
    authorizedUnits: l.authorizedUnits ?? null,
    authorizedVisits: l.authorizedVisits ?? null,
  }));
}
