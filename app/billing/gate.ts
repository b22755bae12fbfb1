// The claim-release gate: pure. Every drug line (and every administration line the payer authorizes) goes through
// coverage() field by field; coding findings add their own holds. Pass means release; anything else is a hold
// with the failing field, a reason in plain words, the fix, and the case that would clear it.
import { coverage, type CaseState, type CoverageClaimLine, type CoverageFailure, type IsoDate } from "../authorizations";

export interface GateLine {
  claimLineId: string;
  lineNumber: number;
  code: string;
  /** drug: a HCPCS drug line; administration: an infusion/injection CPT line; other: not gated. */
  kind: "drug" | "administration" | "other";
  units: number;
  dateOfService: IsoDate;
  modifiers: readonly string[];
  ndc11?: string;
  /** For a biosimilar: its reference product's HCPCS (from the drug catalog). */
  referenceHcpcs?: string;
}

export interface GateFinding {
  findingId: string;
  rule: string;
  severity: "error" | "warning" | "info";
  message: string;
  lineNumber?: number;
  acknowledged: boolean;
}

/** The claim-level part of coverage()'s subject, as the claim carries it (diagnoses always listed). */
export interface GateClaim
  extends Pick<CoverageClaimLine, "patientId" | "memberId" | "payerId" | "planId" | "facilityNpi" | "facilityTin" | "siteOfCare" | "placeOfService" | "renderingNpi" | "weightKg"> {
  claimId: string;
  diagnoses: readonly string[];
  lines: readonly GateLine[];
  findings: readonly GateFinding[];
}

/** Units already taken off a case line for what this claim bills (its encounter's administrations): given back before the check. */
export interface GateCredit {
  caseId: string;
  lineNumber: number;
  units: number;
  visits: number;
}

export type GateHoldField = CoverageFailure["field"] | "coding";

export interface GateHold {
  /** Null for a claim-level hold (a finding that concerns no line). */
  claimLineId: string | null;
  lineNumber: number | null;
  reason: string;
  field: GateHoldField;
  message: string;
  fix: string;
  caseId: string | null;
}

export interface GateLineResult {
  claimLineId: string;
  lineNumber: number;
  covered: boolean;
  caseId: string | null;
  authorizationLineNumber: number | null;
}

export interface GateResult {
  pass: boolean;
  lines: GateLineResult[];
  holds: GateHold[];
}

/** Waste (JW) is billed but not administered: the unit ledger does not count it, so neither does the gate. */
const consumesUnits = (line: GateLine) => line.kind === "drug" && !line.modifiers.includes("JW");

/** The patient's cases that authorize this administration code (some payers authorize the CPTs too), with the drug it goes with. */
function authorizingCases(code: string, cases: readonly CaseState[]): { state: CaseState; hcpcs: string }[] {
  return cases.flatMap((state) => {
    const line = state.lines.find((l) => l.administrationCodes.includes(code));
    return line ? [{ state, hcpcs: line.hcpcs }] : [];
  });
}

/** An administration line carries no drug: NDC, units and weight belong to the drug line it goes with. */
const administrationFailures = (failures: readonly CoverageFailure[]) => failures.filter((f) => f.field !== "ndc" && f.field !== "units" && f.field !== "weight");

/** A copy of the case whose usage counts the given units as used (negative gives units back). */
function withUsage(state: CaseState, lineNumber: number, units: number, visits: number): CaseState {
  const usage = state.usage ?? { syncedAt: "", lines: [], upcoming: [] };
  const existing = usage.lines.find((l) => l.lineNumber === lineNumber) ?? { lineNumber, usedUnits: 0, usedVisits: 0 };
  const updated = { lineNumber, usedUnits: Math.round((existing.usedUnits + units) * 1000) / 1000, usedVisits: existing.usedVisits + visits };
  return { ...state, usage: { ...usage, lines: [...usage.lines.filter((l) => l.lineNumber !== lineNumber), updated] } };
}

function remainingOn(state: CaseState, lineNumber: number): number {
  const line = state.lines.find((l) => l.lineNumber === lineNumber);
  const used = state.usage?.lines.find((l) => l.lineNumber === lineNumber)?.usedUnits ?? 0;
  return Math.max(0, Math.round(((line?.authorizedUnits ?? 0) - used) * 100) / 100);
}

/** The rule book's wording for the units failure: what was billed, what is left, on which authorization, and what to do. */
function unitsHold(failure: CoverageFailure, line: GateLine, state: CaseState | undefined, authorizationLineNumber: number | undefined): Pick<GateHold, "message" | "fix"> {
  if (failure.reason !== "units-exceeded" || !state || authorizationLineNumber === undefined) return { message: failure.message, fix: failure.fix };
  const auth = state.authorization?.authorizationNumber ?? state.caseNumber ?? state.caseId;
  return {
    message: `Units exceed remaining: ${line.units} billed, ${remainingOn(state, authorizationLineNumber)} left on auth ${auth}.`,
    fix: "Start a renewal or a revised request for more units.",
  };
}

function findingHold(finding: GateFinding, lines: readonly GateLine[]): GateHold | undefined {
  if (finding.severity === "info" || (finding.severity === "warning" && finding.acknowledged)) return undefined;
  const line = finding.lineNumber === undefined ? undefined : lines.find((l) => l.lineNumber === finding.lineNumber);
  const error = finding.severity === "error";
  return {
    claimLineId: line?.claimLineId ?? null,
    lineNumber: line?.lineNumber ?? null,
    reason: error ? "coding-error" : "coding-warning",
    field: "coding",
    message: `${error ? "Coding error" : "Coding warning"} (${finding.rule}): ${finding.message}`,
    fix: error ? "Correct the encounter documentation and re-code the claim." : "Review the warning and acknowledge it on the claim page.",
    caseId: null,
  };
}

/**
 * Checks a claim against the patient's authorization cases. Lines are taken in order and each passing drug line's
 * units come off its case line before the next one is checked, so two lines can never both spend the same units.
 */
export function releaseGate(claim: GateClaim, cases: readonly CaseState[], now: Date, credits: readonly GateCredit[] = []): GateResult {
  const states = new Map(cases.map((c) => [c.caseId, c]));
  for (const credit of credits) {
    const state = states.get(credit.caseId);
    if (state) states.set(credit.caseId, withUsage(state, credit.lineNumber, -credit.units, -credit.visits));
  }
  const holds: GateHold[] = [];
  const lines: GateLineResult[] = [];
  for (const line of [...claim.lines].sort((a, b) => a.lineNumber - b.lineNumber)) {
    if (line.kind === "other") continue;
    const admins = line.kind === "administration" ? authorizingCases(line.code, [...states.values()]) : [];
    if (line.kind === "administration" && admins.length === 0) continue; // the payer does not authorize administrations
    const subjectFor = (hcpcs: string): CoverageClaimLine => ({
      kind: "claim_line",
      id: line.claimLineId,
      patientId: claim.patientId,
      memberId: claim.memberId,
      payerId: claim.payerId,
      planId: claim.planId,
      facilityNpi: claim.facilityNpi,
      ...(claim.facilityTin ? { facilityTin: claim.facilityTin } : {}),
      siteOfCare: claim.siteOfCare,
      ...(claim.placeOfService ? { placeOfService: claim.placeOfService } : {}),
      ...(claim.renderingNpi ? { renderingNpi: claim.renderingNpi } : {}),
      hcpcs,
      ...(line.referenceHcpcs ? { referenceHcpcs: line.referenceHcpcs } : {}),
      units: consumesUnits(line) ? line.units : 0,
      diagnoses: claim.diagnoses,
      ...(claim.weightKg !== undefined ? { weightKg: claim.weightKg } : {}),
      ...(line.ndc11 ? { ndc11: line.ndc11 } : {}),
      dateOfService: line.dateOfService,
    });
    // An administration line goes with whichever authorizing case covers it best (the one in force, not the first on file).
    const result =
      line.kind === "administration"
        ? admins
            .map((admin) => coverage(subjectFor(admin.hcpcs), [admin.state], now))
            .reduce((best, r) => (administrationFailures(r.failures).length < administrationFailures(best.failures).length ? r : best))
        : coverage(subjectFor(line.code), [...states.values()], now);
    const failures = line.kind === "administration" ? administrationFailures(result.failures) : result.failures;
    const state = result.caseId ? states.get(result.caseId) : undefined;
    for (const failure of failures) {
      holds.push({
        claimLineId: line.claimLineId,
        lineNumber: line.lineNumber,
        reason: failure.reason,
        field: failure.field,
        ...unitsHold(failure, line, state, result.lineNumber),
        caseId: result.caseId ?? null,
      });
    }
    const covered = failures.length === 0;
    lines.push({ claimLineId: line.claimLineId, lineNumber: line.lineNumber, covered, caseId: result.caseId ?? null, authorizationLineNumber: result.lineNumber ?? null });
    if (covered && state && result.lineNumber !== undefined && consumesUnits(line)) states.set(state.caseId, withUsage(state, result.lineNumber, line.units, 1));
  }
  for (const finding of claim.findings) {
    const hold = findingHold(finding, claim.lines);
    if (hold) holds.push(hold);
  }
  return { pass: holds.length === 0, lines, holds };
}

/** The identity of a hold across evaluations: the same failure on the same line for the same case is the same hold. */
type HoldIdentity = { claimLineId: string | null; reason: string; field: string; caseId: string | null };
export const holdKey = (hold: HoldIdentity) => `${hold.claimLineId ?? "claim"}|${hold.field}|${hold.reason}|${hold.caseId ?? ""}`;

/** What an evaluation changes: holds to open, open holds to close (by key). */
export function diffHolds<T extends HoldIdentity>(open: readonly T[], wanted: readonly GateHold[]): { toOpen: GateHold[]; toClose: T[] } {
  const wantedKeys = new Set(wanted.map(holdKey));
  const openKeys = new Set(open.map(holdKey));
  const seen = new Set<string>();
  const toOpen = wanted.filter((h) => {
    const key = holdKey(h);
    if (openKeys.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { toOpen, toClose: open.filter((h) => !wantedKeys.has(holdKey(h))) };
}
