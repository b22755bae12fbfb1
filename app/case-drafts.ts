// Requests the case page drafts from a case, for the lifecycle engine to open: the renewal of an authorization
// (certification type "renewal", X12 UM02 R, linked to its predecessor). Pure: state and dates in, a create-case
// command out; the decider validates it like any other.
import { addDays, daysBetween, doseDates, type CaseState, type CreateCaseCommandInput, type IsoDate } from "./authorizations";

export interface RenewalDefaults {
  requestedFrom: IsoDate;
  requestedTo: IsoDate;
  lines: { lineNumber: number; administrations: number }[];
}

/** Administrations a line needs from `from` through `to` at its interval (its own count when it has none). */
function administrationsIn(line: CaseState["lines"][number], from: IsoDate, to: IsoDate): number {
  if (!line.intervalDays) return line.administrations;
  return Math.max(1, doseDates({ effectiveFrom: from, intervalDays: line.intervalDays, administrations: 1000 }, to).length);
}

/** The next period: from the day after the authorization ends, as long as the one it renews. */
export function renewalDefaults(state: CaseState): RenewalDefaults {
  const current = state.authorization ?? { effectiveFrom: state.requested.from, effectiveTo: state.requested.to };
  const requestedFrom = addDays(current.effectiveTo, 1);
  const requestedTo = addDays(requestedFrom, Math.max(0, daysBetween(current.effectiveFrom, current.effectiveTo)));
  return { requestedFrom, requestedTo, lines: state.lines.map((l) => ({ lineNumber: l.lineNumber, administrations: administrationsIn(l, requestedFrom, requestedTo) })) };
}

export interface RenewalChoices {
  successorCaseId: string;
  requestedFrom: IsoDate;
  requestedTo: IsoDate;
  /** Per line; a line left out keeps its default. */
  lines?: { lineNumber: number; administrations: number }[];
  /** The latest documented weight, so units per dose are requested at today's weight. */
  patient?: CaseState["patient"];
}

/** The renewal request: same patient, coverage, providers, facility, diagnoses and drug lines, for the new dates. */
export function renewalRequest(state: CaseState, choices: RenewalChoices): CreateCaseCommandInput {
  return {
    type: "create-case",
    caseId: choices.successorCaseId,
    ...(state.regimenId ? { regimenId: state.regimenId } : {}),
    patient: choices.patient ?? state.patient,
    coverage: state.coverage,
    orderingProvider: state.orderingProvider,
    ...(state.renderingNpi ? { renderingNpi: state.renderingNpi } : {}),
    facility: state.facility,
    lines: state.lines.map((line) => {
      const administrations = choices.lines?.find((l) => l.lineNumber === line.lineNumber)?.administrations ?? administrationsIn(line, choices.requestedFrom, choices.requestedTo);
      return {
        hcpcs: line.hcpcs,
        ...(line.drugId ? { drugId: line.drugId } : {}),
        ...(line.ndc11 ? { ndc11: line.ndc11 } : {}),
        ...(line.referenceHcpcs ? { referenceHcpcs: line.referenceHcpcs } : {}),
        dose: line.dose,
        ...(line.route ? { route: line.route } : {}),
        ...(line.intervalDays !== undefined ? { intervalDays: line.intervalDays } : {}),
        unitsPerDose: line.unitsPerDose,
        administrations,
        administrationCodes: line.administrationCodes,
      };
    }),
    requestedFrom: choices.requestedFrom,
    requestedTo: choices.requestedTo,
    requestedSiteOfCare: state.authorization?.siteOfCare ?? state.requested.siteOfCare,
    diagnoses: state.diagnoses,
    urgency: "standard",
    certificationType: "renewal",
    unitType: state.unitType,
    predecessorCaseId: state.caseId,
    tags: state.tags,
  };
}
