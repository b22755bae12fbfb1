// coverage(claim line | scheduled visit, cases, now): does an authorization cover it? Checks every field of the
// rule book's claim-release gate against each of the patient's cases and answers with the best candidate and all
// of its failing fields, each with the fix. The claim gate and the "booked beyond authorization" warning use it.
import { type IsoDate, addDays, localDate } from "./calendar";
import type { CaseLine, CaseState } from "./case-state";
import { lineRemaining } from "./ledger";
import { type SiteOfCare, isActive } from "./vocabulary";

interface SubjectBase {
  id?: string;
  patientId: string;
  memberId: string;
  payerId: string;
  planId: string;
  facilityNpi: string;
  facilityTin?: string;
  siteOfCare: SiteOfCare;
  placeOfService?: string;
  hcpcs: string;
  /** When the drug is a biosimilar: its reference product's HCPCS. */
  referenceHcpcs?: string;
  units: number;
  /** ICD-10-CM codes (with or without the dot). */
  diagnoses?: readonly string[];
  /** Weight documented for the visit (weight-based dosing). */
  weightKg?: number;
}

export interface CoverageClaimLine extends SubjectBase {
  kind: "claim_line";
  renderingNpi?: string;
  ndc11?: string;
  dateOfService: IsoDate;
}

export interface CoverageScheduledVisit extends SubjectBase {
  kind: "scheduled_visit";
  date: IsoDate;
}

export type CoverageSubject = CoverageClaimLine | CoverageScheduledVisit;

export const COVERAGE_FIELDS = ["member", "payer", "provider", "site", "hcpcs", "units", "dates", "diagnosis", "status", "ndc", "weight"] as const;
export type CoverageField = (typeof COVERAGE_FIELDS)[number];

export interface CoverageFailure {
  field: CoverageField;
  /** Stable reason code for claim_holds.reason. */
  reason: string;
  message: string;
  fix: string;
}

export interface CoverageResult {
  covered: boolean;
  caseId?: string;
  authorizationNumber?: string;
  lineNumber?: number;
  failures: CoverageFailure[];
}

const normalizeDiagnosis = (code: string) => code.trim().toUpperCase().replace(".", "");
const dateOf = (s: CoverageSubject) => (s.kind === "claim_line" ? s.dateOfService : s.date);
const fail = (field: CoverageField, reason: string, message: string, fix: string): CoverageFailure => ({ field, reason, message, fix });

const PENDING = ["draft", "submitted", "pending", "information_requested"];
const ADVERSE = ["denied", "peer_to_peer", "appeal"];

function statusFailure(c: CaseState, date: IsoDate): CoverageFailure | undefined {
  const name = c.caseNumber ?? c.caseId;
  if (isActive(c.status) || c.status === "no_auth_required" || c.status === "exhausted" || c.status === "expired") return undefined;
  if (c.status === "superseded" && c.supersededFrom && date < c.supersededFrom) return undefined;
  if (PENDING.includes(c.status)) return fail("status", "authorization-pending", `Authorization ${name} is not approved yet (${c.status.replace("_", " ")}).`, "Hold until the payer approves; follow up with the payer.");
  if (ADVERSE.includes(c.status)) return fail("status", "authorization-denied", `Authorization ${name} was denied${c.status === "denied" ? "" : " and is under review"}.`, "Pursue the peer-to-peer or appeal, or bill the patient per the financial policy.");
  if (c.status === "superseded") return fail("status", "authorization-superseded", `Authorization ${name} was replaced from ${c.supersededFrom ?? "an earlier date"}.`, "Bill under the authorization that replaced it.");
  return fail("status", "no-authorization", `Case ${name} is ${c.status}; it authorizes nothing.`, "Open a new authorization case.");
}

function findLine(c: CaseState, subject: CoverageSubject): CaseLine | undefined {
  return c.lines.find((l) => l.hcpcs === subject.hcpcs) ?? c.lines.find((l) => l.mappedHcpcs.includes(subject.hcpcs));
}

function hcpcsFailure(c: CaseState, subject: CoverageSubject): CoverageFailure {
  const authorized = c.lines.map((l) => [l.hcpcs, ...l.mappedHcpcs].join("/")).join(", ");
  const reference = subject.referenceHcpcs && c.lines.find((l) => l.hcpcs === subject.referenceHcpcs || l.referenceHcpcs === subject.referenceHcpcs);
  if (reference) {
    return fail(
      "hcpcs",
      "biosimilar-not-mapped",
      `${subject.hcpcs} is a biosimilar of ${subject.referenceHcpcs}, but the payer has not mapped it to this authorization (authorized: ${authorized}).`,
      `Ask the payer to add ${subject.hcpcs} to the authorization, or submit a revised request.`,
    );
  }
  return fail("hcpcs", "hcpcs-not-authorized", `${subject.hcpcs} is not on this authorization (authorized: ${authorized}).`, `Request authorization for ${subject.hcpcs}.`);
}

/** Units (or a visit) left for this subject: for a future visit, the doses booked before it come off first. */
function unitsFailure(c: CaseState, line: CaseLine, subject: CoverageSubject, today: IsoDate): CoverageFailure | undefined {
  const left = lineRemaining(c, line.lineNumber);
  const date = dateOf(subject);
  const ahead = subject.kind === "scheduled_visit" ? (c.usage?.upcoming ?? []).filter((d) => d.lineNumber === line.lineNumber && d.on >= today && d.on < date) : [];
  if (c.unitType === "visits") {
    const available = left.remainingVisits - ahead.reduce((s, d) => s + d.visits, 0);
    if (available >= 1) return undefined;
    return fail("units", "visits-exceeded", `No authorized visits left for ${line.hcpcs} on ${date} (${left.authorizedVisits} authorized, ${left.usedVisits} used${ahead.length ? `, ${ahead.length} booked before` : ""}).`, "Start the renewal or ask the payer for more visits.");
  }
  const available = Math.round((left.remainingUnits - ahead.reduce((s, d) => s + d.units, 0)) * 100) / 100;
  if (subject.units <= available) return undefined;
  return fail(
    "units",
    "units-exceeded",
    `${subject.units} units of ${line.hcpcs} exceed the ${Math.max(0, available)} left (${left.authorizedUnits} authorized, ${left.usedUnits} used${ahead.length ? `, ${ahead.length} doses booked before` : ""}).`,
    "Start the renewal or request more units before the visit.",
  );
}

function evaluate(c: CaseState, subject: CoverageSubject, today: IsoDate): { failures: CoverageFailure[]; line?: CaseLine } {
  const failures: CoverageFailure[] = [];
  const date = dateOf(subject);
  const status = statusFailure(c, date);
  if (status) failures.push(status);
  if (subject.memberId.trim() !== c.coverage.memberId.trim()) {
    failures.push(fail("member", "member-mismatch", `Member ID ${subject.memberId} differs from ${c.coverage.memberId} on the authorization.`, "Verify eligibility and correct the member ID on the claim or the case's coverage."));
  }
  if (subject.payerId !== c.coverage.payerId || subject.planId !== c.coverage.planId) {
    failures.push(fail("payer", "coverage-changed", "The claim's payer or plan differs from the authorization's (coverage changed, CO-109).", "Authorize with the patient's current payer and plan."));
  }
  // Without a rendering NPI on the case, the payer authorized the ordering provider as the servicing one.
  const authorizedRendering = c.renderingNpi ?? c.orderingProvider.npi;
  const renderingMismatch = subject.kind === "claim_line" && subject.renderingNpi !== undefined && subject.renderingNpi !== authorizedRendering;
  if (subject.facilityNpi !== c.facility.npi || (subject.facilityTin && subject.facilityTin !== c.facility.tin) || renderingMismatch) {
    const which = renderingMismatch ? `rendering NPI ${subject.kind === "claim_line" ? subject.renderingNpi : ""} (authorized ${authorizedRendering})` : `facility NPI/TIN ${subject.facilityNpi} (authorized ${c.facility.npi}/${c.facility.tin})`;
    failures.push(fail("provider", "provider-mismatch", `The ${which} does not match the authorization.`, "Bill under the authorized provider and facility, or ask the payer to update the authorization."));
  }
  const site = c.authorization?.siteOfCare ?? c.requested.siteOfCare;
  if (subject.siteOfCare !== site || (subject.placeOfService && subject.placeOfService !== c.facility.placeOfService)) {
    const detail = subject.siteOfCare !== site ? `${subject.siteOfCare}; the authorization is for ${site}` : `place of service ${subject.placeOfService}; the authorization is for ${c.facility.placeOfService}`;
    failures.push(fail("site", "site-of-care", `Site of care is ${detail}.`, "Move the visit to the authorized site or request a site-of-care exception."));
  }
  const line = findLine(c, subject);
  if (!line) failures.push(hcpcsFailure(c, subject));
  const limited = c.status !== "no_auth_required";
  if (line && limited && c.authorization) {
    const units = unitsFailure(c, line, subject, today);
    if (units) failures.push(units);
  }
  const auth = c.authorization;
  if (limited && auth) {
    const end = c.status === "superseded" && c.supersededFrom && c.supersededFrom <= auth.effectiveTo ? `the day before ${c.supersededFrom}` : auth.effectiveTo;
    const beyondSupersession = c.status === "superseded" && c.supersededFrom !== undefined && date >= c.supersededFrom;
    if (date < auth.effectiveFrom || date > auth.effectiveTo || beyondSupersession) {
      failures.push(fail("dates", "outside-dates", `${date} is outside the authorized dates ${auth.effectiveFrom} to ${end}.`, "Move the visit into the window or start the renewal for the new dates."));
    }
  }
  const diagnoses = (subject.diagnoses ?? []).map(normalizeDiagnosis);
  if (subject.kind === "claim_line" && diagnoses.length === 0) {
    failures.push(fail("diagnosis", "diagnosis-missing", "The claim line has no diagnosis.", `Add the authorized diagnosis (${c.diagnoses.join(", ")}).`));
  } else if (diagnoses.length > 0 && !diagnoses.some((d) => c.diagnoses.includes(d))) {
    failures.push(fail("diagnosis", "diagnosis-mismatch", `Diagnoses ${diagnoses.join(", ")} do not match the authorized ${c.diagnoses.join(", ")}.`, "Point the line to the authorized diagnosis or ask the payer to add this one."));
  }
  if (subject.kind === "claim_line" && !(subject.ndc11 && /^\d{11}$/.test(subject.ndc11))) {
    failures.push(fail("ndc", "missing-ndc", "The drug line has no NDC-11 (CO-16/M51).", "Add the administered package's 11-digit NDC, quantity and unit."));
  }
  const weightBased = (line ? [line] : c.lines).some((l) => l.dose.basis !== "fixed");
  if (subject.kind === "claim_line" && weightBased && !(subject.weightKg && subject.weightKg > 0)) {
    failures.push(fail("weight", "missing-weight", "The dose is weight based but no weight is documented for the visit.", "Document the patient's weight for the date of service."));
  }
  for (const hold of c.holds) {
    if (hold.releasedAt || date < hold.from || (hold.hcpcs !== subject.hcpcs && line?.lineNumber !== hold.lineNumber)) continue;
    if (!failures.some((f) => f.field === hold.field && f.reason === "regimen-change-hold")) failures.push(fail(hold.field, "regimen-change-hold", hold.message, hold.fix));
  }
  return { failures, ...(line ? { line } : {}) };
}

const STATUS_RANK = (c: CaseState) => (isActive(c.status) || c.status === "no_auth_required" ? 0 : c.status === "superseded" || c.status === "exhausted" || c.status === "expired" ? 1 : 2);

export function coverage(subject: CoverageSubject, cases: readonly CaseState[], now: Date): CoverageResult {
  const candidates = cases.filter((c) => c.patient.patientId === subject.patientId && c.status !== "voided" && c.status !== "duplicate");
  if (candidates.length === 0) {
    return {
      covered: false,
      failures: [fail("status", "no-authorization", `No authorization on file for this patient covers ${subject.hcpcs}.`, `Open an authorization case for ${subject.hcpcs} with the patient's payer.`)],
    };
  }
  const evaluated = candidates.map((c) => ({ c, ...evaluate(c, subject, localDate(now, c.facility.timeZone)) }));
  evaluated.sort((a, b) => a.failures.length - b.failures.length || STATUS_RANK(a.c) - STATUS_RANK(b.c) || (a.c.createdAt < b.c.createdAt ? 1 : -1));
  const best = evaluated[0];
  if (!best) return { covered: false, failures: [] };
  return {
    covered: best.failures.length === 0,
    caseId: best.c.caseId,
    ...(best.c.authorization ? { authorizationNumber: best.c.authorization.authorizationNumber } : {}),
    ...(best.line ? { lineNumber: best.line.lineNumber } : {}),
    failures: best.failures,
  };
}

/**
 * The case's authorized drug lines in the shape app/coding's `CodeOptions.authorizations` takes (one entry per
 * authorized or payer-mapped HCPCS), for the coding engine's drug-coverage finding. Empty when nothing covers.
 */
export function codingAuthorizations(state: CaseState): { hcpcs: string; from: IsoDate; to: IsoDate; remainingUnits?: number }[] {
  const auth = state.authorization;
  const covering = isActive(state.status) || state.status === "exhausted" || state.status === "expired" || state.status === "superseded";
  if (!auth || !covering) return [];
  const to = state.status === "superseded" && state.supersededFrom ? addDays(state.supersededFrom, -1) : auth.effectiveTo;
  if (to < auth.effectiveFrom) return [];
  return state.lines.flatMap((line) => {
    const left = lineRemaining(state, line.lineNumber);
    const remaining = state.unitType === "units" && line.authorizedUnits !== undefined ? { remainingUnits: Math.max(0, left.remainingUnits) } : {};
    return [line.hcpcs, ...line.mappedHcpcs].map((hcpcs) => ({ hcpcs, from: auth.effectiveFrom, to, ...remaining }));
  });
}
