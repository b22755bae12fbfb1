// Regimen change against an active authorization: what the change leaves uncovered, the revised request it
// drafts (certification type "revised", X12 UM02 S, linked to the case) and what goes on hold meanwhile.
import { type IsoDate, addDays, daysBetween } from "./calendar";
import type { AffectedItem, CreateCaseCommandInput, RegimenLine } from "./commands";
import type { CaseLine, CaseState, CoverageHold, HoldField } from "./case-state";
import { lineRemaining } from "./ledger";

export interface RegimenDifference {
  kind: "drug" | "biosimilar" | "dose" | "interval" | "site" | "facility";
  from: string;
  to: string;
  /** Whether the active authorization still covers the regimen after this change. */
  covered: boolean;
  /** The coverage field that fails when not covered. */
  field: HoldField;
  message: string;
  /** First date of service the change leaves uncovered. */
  uncoveredFrom?: IsoDate;
}

export interface RegimenChangeImpact {
  covered: boolean;
  changes: RegimenDifference[];
  uncovered: RegimenDifference[];
  /** The drafted revised request, when something is uncovered and an id for it was given. */
  revisedRequest?: CreateCaseCommandInput;
  holds: CoverageHold[];
  /** The upcoming visits and claims to hold. */
  onHold: AffectedItem[];
}

function isBiosimilarSwitch(line: CaseLine, regimen: RegimenLine): boolean {
  const reference = (hcpcs: string, ref: string | undefined) => ref ?? hcpcs;
  return reference(line.hcpcs, line.referenceHcpcs) === reference(regimen.hcpcs, regimen.referenceHcpcs);
}

/** Dates of the doses the new regimen schedules from its start through `until`. */
export function doseDates(regimen: Pick<RegimenLine, "effectiveFrom" | "intervalDays" | "administrations">, until: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let i = 0; i < regimen.administrations; i++) {
    const on = addDays(regimen.effectiveFrom, i * regimen.intervalDays);
    if (on > until) break;
    dates.push(on);
    if (regimen.intervalDays === 0) break;
  }
  return dates;
}

function drugChange(line: CaseLine, regimen: RegimenLine): RegimenDifference | undefined {
  if (regimen.hcpcs === line.hcpcs) return undefined;
  const mapped = line.mappedHcpcs.includes(regimen.hcpcs);
  const biosimilar = isBiosimilarSwitch(line, regimen);
  const kind = biosimilar ? "biosimilar" : "drug";
  const message = mapped
    ? `Switch from ${line.hcpcs} to ${regimen.hcpcs}: the payer mapped ${regimen.hcpcs} to this authorization.`
    : biosimilar
      ? `Biosimilar switch from ${line.hcpcs} to ${regimen.hcpcs}: the payer has not mapped ${regimen.hcpcs} to this authorization.`
      : `Drug change from ${line.hcpcs} to ${regimen.hcpcs}: the authorization does not cover ${regimen.hcpcs}.`;
  return { kind, from: line.hcpcs, to: regimen.hcpcs, covered: mapped, field: "hcpcs", message, ...(mapped ? {} : { uncoveredFrom: regimen.effectiveFrom }) };
}

function doseChange(line: CaseLine, regimen: RegimenLine): RegimenDifference | undefined {
  const sameDose = regimen.dose.value === line.dose.value && regimen.dose.unit === line.dose.unit && regimen.dose.basis === line.dose.basis;
  if (sameDose && regimen.unitsPerDose === line.unitsPerDose) return undefined;
  const describe = (d: CaseLine["dose"]) => `${d.value} ${d.unit}${d.basis === "per_kg" ? "/kg" : d.basis === "per_m2" ? "/m²" : ""}`;
  const covered = regimen.unitsPerDose <= line.unitsPerDose;
  const message = covered
    ? `Dose change from ${describe(line.dose)} to ${describe(regimen.dose)}: ${regimen.unitsPerDose} units per dose stays within the ${line.unitsPerDose} authorized.`
    : `Dose change from ${describe(line.dose)} to ${describe(regimen.dose)} needs ${regimen.unitsPerDose} units per dose; the authorization allows ${line.unitsPerDose}.`;
  return { kind: "dose", from: describe(line.dose), to: describe(regimen.dose), covered, field: "units", message, ...(covered ? {} : { uncoveredFrom: regimen.effectiveFrom }) };
}

/** An interval change: do the doses left in the authorization window still fit in what remains? */
function intervalChange(state: CaseState, line: CaseLine, regimen: RegimenLine): RegimenDifference | undefined {
  if (line.intervalDays === undefined || regimen.intervalDays === line.intervalDays) return undefined;
  const until = state.authorization?.effectiveTo ?? state.requested.to;
  const remaining = lineRemaining(state, line.lineNumber);
  const doses = doseDates(regimen, until);
  const visits = state.unitType === "visits";
  let left = visits ? remaining.remainingVisits : remaining.remainingUnits;
  const firstUncovered = doses.find(() => {
    left -= visits ? 1 : regimen.unitsPerDose;
    return left < 0;
  });
  const quantity = visits ? `${doses.length} visits` : `${doses.length * regimen.unitsPerDose} units`;
  const left0 = visits ? `${remaining.remainingVisits} visits` : `${remaining.remainingUnits} units`;
  const covered = firstUncovered === undefined;
  const message = covered
    ? `Interval change from every ${line.intervalDays} to every ${regimen.intervalDays} days: ${quantity} through ${until} fit in the ${left0} remaining.`
    : `Interval change from every ${line.intervalDays} to every ${regimen.intervalDays} days needs ${quantity} through ${until}; ${left0} remain, so doses from ${firstUncovered} are not covered.`;
  return {
    kind: "interval",
    from: `${line.intervalDays} days`,
    to: `${regimen.intervalDays} days`,
    covered,
    field: "units",
    message,
    ...(firstUncovered ? { uncoveredFrom: firstUncovered } : {}),
  };
}

function siteChanges(state: CaseState, regimen: RegimenLine): RegimenDifference[] {
  const authorizedSite = state.authorization?.siteOfCare ?? state.requested.siteOfCare;
  const changes: RegimenDifference[] = [];
  if (regimen.siteOfCare !== authorizedSite) {
    changes.push({
      kind: "site",
      from: authorizedSite,
      to: regimen.siteOfCare,
      covered: false,
      field: "site",
      message: `Site of care change from ${authorizedSite} to ${regimen.siteOfCare}: the authorization is for ${authorizedSite}.`,
      uncoveredFrom: regimen.effectiveFrom,
    });
  }
  if (regimen.facility && regimen.facility.npi !== state.facility.npi) {
    changes.push({
      kind: "facility",
      from: state.facility.npi,
      to: regimen.facility.npi,
      covered: false,
      field: "site",
      message: `Facility change to NPI ${regimen.facility.npi}: the authorization names facility NPI ${state.facility.npi}.`,
      uncoveredFrom: regimen.effectiveFrom,
    });
  }
  return changes;
}

function revisedRequest(state: CaseState, line: CaseLine, regimen: RegimenLine, revisedCaseId: string): CreateCaseCommandInput {
  const end = state.authorization?.effectiveTo ?? state.requested.to;
  const requestedTo = end < regimen.effectiveFrom ? regimen.effectiveFrom : end;
  const administrations = Math.max(1, doseDates(regimen, requestedTo).length);
  const others = state.lines
    .filter((l) => l.lineNumber !== line.lineNumber)
    .map((l) => {
      const left = lineRemaining(state, l.lineNumber);
      return { ...l, requestedUnits: left.remainingUnits, requestedVisits: left.remainingVisits };
    });
  const changed = {
    hcpcs: regimen.hcpcs,
    ...(regimen.drugId ? { drugId: regimen.drugId } : {}),
    ...(regimen.ndc11 ? { ndc11: regimen.ndc11 } : {}),
    ...(regimen.referenceHcpcs ? { referenceHcpcs: regimen.referenceHcpcs } : {}),
    dose: regimen.dose,
    ...(regimen.route ? { route: regimen.route } : {}),
    intervalDays: regimen.intervalDays,
    unitsPerDose: regimen.unitsPerDose,
    administrations,
    administrationCodes: line.administrationCodes,
  };
  return {
    type: "create-case",
    caseId: revisedCaseId,
    ...(regimen.regimenId ?? state.regimenId ? { regimenId: regimen.regimenId ?? state.regimenId } : {}),
    patient: state.patient,
    coverage: state.coverage,
    orderingProvider: state.orderingProvider,
    ...(state.renderingNpi ? { renderingNpi: state.renderingNpi } : {}),
    facility: regimen.facility ?? { ...state.facility, siteOfCare: regimen.siteOfCare },
    lines: [changed, ...others.map(({ lineNumber: _n, authorizedUnits: _u, authorizedVisits: _v, mappedHcpcs: _m, ...rest }) => rest)],
    requestedFrom: regimen.effectiveFrom,
    requestedTo,
    requestedSiteOfCare: regimen.siteOfCare,
    diagnoses: regimen.diagnoses ?? state.diagnoses,
    urgency: state.urgency,
    certificationType: "revised",
    unitType: state.unitType,
    predecessorCaseId: state.caseId,
    tags: ["regimen-change"],
  };
}

/** What a new regimen does to an active authorization. Pure: the decider records it as regimen-changed. */
export function regimenChangeImpact(active: CaseState, newRegimen: RegimenLine, options: { revisedCaseId?: string; affected?: readonly AffectedItem[] } = {}): RegimenChangeImpact {
  const line = active.lines.find((l) => l.lineNumber === newRegimen.lineNumber) ?? active.lines[0];
  if (!line) return { covered: false, changes: [], uncovered: [], holds: [], onHold: [] };
  const drug = drugChange(line, newRegimen);
  // Units per dose only compare within one HCPCS descriptor (or a mapped biosimilar with the same one).
  const comparable = !drug || drug.covered;
  const changes = [drug, comparable ? doseChange(line, newRegimen) : undefined, comparable ? intervalChange(active, line, newRegimen) : undefined, ...siteChanges(active, newRegimen)].filter(
    (c): c is RegimenDifference => c !== undefined,
  );
  const uncovered = changes.filter((c) => !c.covered);
  const fix = options.revisedCaseId ? `Get the revised request (case ${options.revisedCaseId}) approved; the hold is released when it is.` : "Submit a revised request to the payer for the new regimen.";
  const holds: CoverageHold[] = uncovered.map((c) => ({
    holdId: `${active.caseId}:${c.kind}:${c.uncoveredFrom ?? newRegimen.effectiveFrom}`,
    field: c.field,
    lineNumber: line.lineNumber,
    hcpcs: newRegimen.hcpcs,
    from: c.uncoveredFrom ?? newRegimen.effectiveFrom,
    message: c.message,
    fix,
  }));
  const holdFrom = holds.map((h) => h.from).sort()[0];
  const onHold = holdFrom === undefined ? [] : (options.affected ?? []).filter((item) => daysBetween(holdFrom, item.on) >= 0);
  return {
    covered: uncovered.length === 0,
    changes,
    uncovered,
    ...(uncovered.length > 0 && options.revisedCaseId ? { revisedRequest: revisedRequest(active, line, newRegimen, options.revisedCaseId) } : {}),
    holds,
    onHold,
  };
}
