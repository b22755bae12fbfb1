// The site-of-care exception / appeal checklist (rule book): eleven criteria, each argued with evidence, and
// a payer's exception criteria written as alternatives of criterion numbers ("1+2+3" or "4" for Anthem CG-MED-83).

export const SITE_OF_CARE_CRITERIA = [
  { number: 1, key: "skilled-nursing-supervision", label: "Infusion complexity needs skilled nursing supervision" },
  { number: 2, key: "enhanced-monitoring", label: "Enhanced monitoring needed" },
  { number: 3, key: "immediate-hospital-access", label: "Immediate access to hospital services needed" },
  { number: 4, key: "no-accessible-alternative", label: "No geographically accessible alternative site" },
  { number: 5, key: "cardiac-pulmonary-comorbidity", label: "Cardiac or pulmonary comorbidity" },
  { number: 6, key: "renal-or-volume-intolerance", label: "Unstable renal function or cannot tolerate IV volume" },
  { number: 7, key: "prior-infusion-reactions", label: "Prior moderate or severe infusion reactions (dates, premedications)" },
  { number: 8, key: "initial-or-reinitiation", label: "Initial dose or re-initiation after 6 months or more off therapy" },
  { number: 9, key: "pediatric-safety", label: "Pediatric safety" },
  { number: 10, key: "shortage-or-limited-distribution", label: "Drug shortage or limited distribution" },
  { number: 11, key: "clinical-rationale", label: "Clinical rationale" },
] as const;

export type SiteOfCareCriterionNumber = (typeof SITE_OF_CARE_CRITERIA)[number]["number"];

export interface CriterionEvidence {
  description: string;
  documentId?: string;
}

export interface ChecklistEntry {
  criterion: SiteOfCareCriterionNumber;
  met: boolean;
  evidence: CriterionEvidence[];
}

export interface ChecklistEvaluation {
  /** True when the payer has no criteria on file, or one alternative is fully met with evidence. */
  satisfied: boolean;
  /** The alternative that is met ("1+2+3"). */
  satisfiedBy?: string;
  /** For each alternative not met, the criteria still missing. */
  missing: { alternative: string; criteria: SiteOfCareCriterionNumber[] }[];
  /** Coordinator-readable summary. */
  summary: string;
}

function alternativeNumbers(alternative: string): SiteOfCareCriterionNumber[] {
  return alternative
    .split("+")
    .map((part) => Number(part.trim()))
    .filter((n): n is SiteOfCareCriterionNumber => Number.isInteger(n) && n >= 1 && n <= 11);
}

export function criterionLabel(number: SiteOfCareCriterionNumber): string {
  return SITE_OF_CARE_CRITERIA.find((c) => c.number === number)?.label ?? `Criterion ${number}`;
}

/** Which of the payer's alternatives the checklist meets; a criterion counts only when met with evidence. */
export function evaluateChecklist(checklist: readonly ChecklistEntry[], exceptionCriteria: readonly string[] | undefined): ChecklistEvaluation {
  const met = new Set(checklist.filter((entry) => entry.met && entry.evidence.length > 0).map((entry) => entry.criterion));
  if (!exceptionCriteria || exceptionCriteria.length === 0) {
    return { satisfied: met.size > 0, missing: [], summary: met.size > 0 ? "No payer criteria on file; the checklist argues the exception." : "No criterion is met with evidence." };
  }
  const missing: ChecklistEvaluation["missing"] = [];
  for (const alternative of exceptionCriteria) {
    const numbers = alternativeNumbers(alternative);
    const lacking = numbers.filter((n) => !met.has(n));
    const normalized = numbers.join("+");
    if (lacking.length === 0) return { satisfied: true, satisfiedBy: normalized, missing: [], summary: `Meets the payer's criteria ${normalized}.` };
    missing.push({ alternative: normalized, criteria: lacking });
  }
  const options = missing.map((m) => `${m.alternative} (missing ${m.criteria.join(", ")})`).join(" or ");
  return { satisfied: false, missing, summary: `Does not yet meet the payer's criteria: needs ${options}.` };
}
