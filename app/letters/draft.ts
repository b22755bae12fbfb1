// Appeal and exception letters drafted from what the case knows: who the patient is, the drug and its regimen,
// the diagnoses, the payer and its denial, the site-of-care criteria answered with their evidence, and the
// documents enclosed. Pure: facts in, text out. What the case cannot know (the clinical story) is left as a
// [bracketed] prompt for the coordinator or the ordering provider to fill in; nothing is invented.
import type { AppealLevel } from "../authorizations/payer-rules";
import { SITE_OF_CARE_CRITERIA, type SiteOfCareCriterionNumber } from "../authorizations/site-of-care";
import type { DenialCategory } from "../authorizations/commands";
import type { Route, SiteOfCare } from "../authorizations/vocabulary";
import { siteOfCareLabels } from "../status-labels";

export const LETTER_KINDS = ["site-of-care", "medical-necessity"] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export function isLetterKind(value: unknown): value is LetterKind {
  return typeof value === "string" && (LETTER_KINDS as readonly string[]).includes(value);
}

export interface LetterDrug {
  name: string;
  hcpcs: string;
  /** "5 mg/kg", "300 mg". */
  dose: string;
  route?: Route;
  intervalDays?: number;
  administrations: number;
}

export interface LetterCriterion {
  criterion: SiteOfCareCriterionNumber;
  met: boolean;
  evidence: { description: string; documentName?: string }[];
}

export interface LetterFacts {
  /** The date the letter is dated. */
  today: string;
  facility: { name: string; address?: string; npi: string };
  patient: { firstName: string; lastName: string; birthDate: string };
  coverage: { payerName: string; planName: string; memberId: string };
  caseNumber: string;
  authorizationNumber?: string;
  /** "payer reference 884-22", "portal case id W-11". */
  references: string[];
  orderingProvider: { name: string; npi: string; credentials?: string };
  drugs: LetterDrug[];
  /** ICD-10-CM codes as stored (without the dot). */
  diagnoses: string[];
  requested: { from: string; to: string; siteOfCare: SiteOfCare };
  denial?: { decidedOn: string; reason?: string; category?: DenialCategory };
  /** A peer-to-peer review that upheld the denial. */
  peerToPeerUpheldOn?: string;
  /** The level this letter files. */
  appealLevel: AppealLevel;
  siteOfCare?: {
    requestedSite: SiteOfCare;
    /** The checklist as answered on the case's site-of-care appeal; empty when nobody has answered it yet. */
    checklist: LetterCriterion[];
    /** The payer's exception criteria as alternatives of checklist numbers ("1+2+3", "4"). */
    payerCriteria: string[];
    policySource?: string;
  };
  enclosures: { fileName: string; kind: string; date: string }[];
}

export interface DraftedLetter {
  kind: LetterKind;
  title: string;
  /** A file name for the PDF (case number and kind; no patient name). */
  fileName: string;
  text: string;
}

const ROUTE_WORDS: Record<Route, string> = {
  iv_infusion: "intravenous infusion",
  iv_push: "intravenous push",
  subcutaneous: "subcutaneous injection",
  intramuscular: "intramuscular injection",
  subcutaneous_infusion: "subcutaneous infusion",
  intra_arterial: "intra-arterial infusion",
};

const DENIAL_PROMPTS: Record<DenialCategory, string> = {
  medical_necessity: "[Describe the disease activity and severity that make this drug necessary now, with the most recent objective measures and their dates.]",
  site_of_care: "[Explain why the requested site of care is needed for this patient.]",
  step_therapy:
    "[List each prior therapy tried, with dates, doses and why it was stopped (inadequate response, intolerance or contraindication), or why step therapy does not apply.]",
  administrative: "[State the corrected or missing information the payer needed, and when it was sent.]",
  not_covered: "[Explain why this drug should be covered for this patient (label, compendia or guideline support), or ask for a formulary exception.]",
  other: "[Answer the payer's stated reason point by point.]",
};

/** "March 4, 2026" from "2026-03-04". */
export function longDate(iso: string): string {
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });
}

/** K5090 → K50.90 (codes are stored without the dot). */
export function dottedDiagnosis(code: string): string {
  return code.length > 3 && !code.includes(".") ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

export function intervalWords(days: number | undefined): string | undefined {
  if (days === undefined) return undefined;
  if (days === 0) return "as a single dose";
  if (days === 7) return "weekly";
  if (days % 7 === 0) return `every ${days / 7} weeks`;
  return `every ${days} days`;
}

function levelWords(level: AppealLevel): string {
  return level === "external" ? "Request for external review" : `Level ${level} appeal`;
}

function drugWords(drug: LetterDrug): string {
  const parts = [`${drug.name} (${drug.hcpcs}) ${drug.dose}`];
  if (drug.route) parts.push(`by ${ROUTE_WORDS[drug.route]}`);
  const interval = intervalWords(drug.intervalDays);
  if (interval) parts.push(interval);
  return `${parts.join(" ")}, ${drug.administrations} administration${drug.administrations === 1 ? "" : "s"}`;
}

function drugNames(facts: LetterFacts): string {
  return facts.drugs.map((d) => d.name).join(" and ") || "the requested drug";
}

function header(facts: LetterFacts, subject: string): string[] {
  const { patient, coverage } = facts;
  const caseLine = [`Case ${facts.caseNumber}`, ...facts.references, ...(facts.authorizationNumber ? [`authorization ${facts.authorizationNumber}`] : [])].join(" · ");
  return [
    facts.facility.name,
    ...(facts.facility.address ? [facts.facility.address] : []),
    `NPI ${facts.facility.npi}`,
    "",
    longDate(facts.today),
    "",
    `${coverage.payerName}, Utilization Management — Appeals`,
    "",
    `Re: ${subject}`,
    `Patient: ${patient.lastName}, ${patient.firstName} · date of birth ${longDate(patient.birthDate)}`,
    `Member ID: ${coverage.memberId} · plan: ${coverage.planName}`,
    caseLine,
    ...facts.drugs.map((d) => `Drug: ${drugWords(d)}`),
    `Diagnosis: ${facts.diagnoses.map(dottedDiagnosis).join(", ") || "[ICD-10-CM code]"}`,
    `Requested: ${siteOfCareLabels[facts.requested.siteOfCare]}, ${longDate(facts.requested.from)} to ${longDate(facts.requested.to)}`,
    "",
  ];
}

function denialParagraph(facts: LetterFacts): string[] {
  if (!facts.denial) return [];
  const reason = facts.denial.reason ? ` The reason given was: “${facts.denial.reason}”.` : "";
  const p2p = facts.peerToPeerUpheldOn ? ` A peer-to-peer review on ${longDate(facts.peerToPeerUpheldOn)} upheld the denial.` : "";
  return [`On ${longDate(facts.denial.decidedOn)} you denied this request.${reason}${p2p} I ask that you reconsider that decision.`, ""];
}

function enclosures(facts: LetterFacts): string[] {
  const list = facts.enclosures.length
    ? facts.enclosures.map((e) => `  - ${e.fileName} (${e.kind}, ${longDate(e.date)})`)
    : ["  - [List the records you enclose: clinical notes, labs, infusion records.]"];
  return ["Enclosed:", ...list, ""];
}

function signature(facts: LetterFacts): string[] {
  const p = facts.orderingProvider;
  return ["Sincerely,", "", "", `${p.name}${p.credentials ? `, ${p.credentials}` : ""}`, `Ordering provider · NPI ${p.npi}`, facts.facility.name];
}

function criterionLabel(n: SiteOfCareCriterionNumber): string {
  return SITE_OF_CARE_CRITERIA.find((c) => c.number === n)?.label ?? `Criterion ${n}`;
}

function criteriaNumbers(alternatives: readonly string[]): SiteOfCareCriterionNumber[] {
  const numbers = alternatives.flatMap((a) => a.split("+").map((p) => Number(p.trim())));
  return [...new Set(numbers)].filter((n): n is SiteOfCareCriterionNumber => Number.isInteger(n) && n >= 1 && n <= 11).sort((a, b) => a - b);
}

function criteriaSection(facts: LetterFacts): string[] {
  const soc = facts.siteOfCare;
  const required = soc?.payerCriteria.length ? soc.payerCriteria.map((a) => a.replace(/\s+/g, "")) : [];
  const policy = required.length
    ? [`Your site-of-care policy${soc?.policySource ? ` (${soc.policySource})` : ""} allows hospital outpatient administration when criteria ${required.join(" or ")} below are met.`, ""]
    : [];
  const met = (soc?.checklist ?? []).filter((c) => c.met && c.evidence.length > 0);
  if (met.length > 0) {
    const lines = met.flatMap((c) => [
      `  ${c.criterion}. ${criterionLabel(c.criterion)}.`,
      ...c.evidence.map((e) => `     Evidence: ${e.description}${e.documentName ? ` (enclosed: ${e.documentName})` : ""}`),
    ]);
    return [...policy, "The patient meets these criteria, each with its evidence:", ...lines, ""];
  }
  // Nobody has answered the checklist yet: prompt for the criteria the payer asks for (or all of them).
  const prompts = required.length ? criteriaNumbers(required) : SITE_OF_CARE_CRITERIA.map((c) => c.number);
  const withRationale = prompts.includes(11) ? prompts : [...prompts, 11 as const];
  return [
    ...policy,
    "The patient meets these criteria:",
    ...withRationale.flatMap((n) => [`  ${n}. ${criterionLabel(n)}.`, `     [State the clinical facts and the evidence for this criterion, or delete it.]`]),
    "",
  ];
}

function siteOfCareLetter(facts: LetterFacts): DraftedLetter {
  const site = facts.siteOfCare?.requestedSite ?? facts.requested.siteOfCare;
  const subject = `${facts.denial ? levelWords(facts.appealLevel) : "Request"} for a site-of-care exception: ${drugNames(facts)} at ${siteOfCareLabels[site].toLowerCase()}`;
  const name = `${facts.patient.firstName} ${facts.patient.lastName}`;
  const text = [
    ...header(facts, subject),
    "Dear Medical Director,",
    "",
    `I am writing on behalf of my patient, ${name}, to request an exception to your site-of-care policy so that ${drugNames(facts)} can be given at ${siteOfCareLabels[site].toLowerCase()} from ${longDate(facts.requested.from)} to ${longDate(facts.requested.to)}.`,
    "",
    ...denialParagraph(facts),
    ...criteriaSection(facts),
    `For these reasons, giving ${drugNames(facts)} at a non-hospital site would not be safe for this patient. Please approve ${siteOfCareLabels[site].toLowerCase()} for the requested administrations.`,
    "",
    ...enclosures(facts),
    ...signature(facts),
  ].join("\n");
  return { kind: "site-of-care", title: subject, fileName: `${facts.caseNumber}-site-of-care-letter.pdf`, text };
}

function medicalNecessityLetter(facts: LetterFacts): DraftedLetter {
  const subject = `${levelWords(facts.appealLevel)} of the denial of ${facts.drugs.map((d) => `${d.name} (${d.hcpcs})`).join(", ") || "the requested drug"}`;
  const name = `${facts.patient.firstName} ${facts.patient.lastName}`;
  const category = facts.denial?.category ?? "medical_necessity";
  const treatment = facts.drugs.map(drugWords).join("; ");
  const text = [
    ...header(facts, subject),
    "Dear Medical Director,",
    "",
    `I am writing to appeal your denial of prior authorization for ${drugNames(facts)} for my patient, ${name}.`,
    "",
    ...denialParagraph(facts),
    `Diagnosis and history: ${name} is treated for ${facts.diagnoses.map(dottedDiagnosis).join(", ") || "[diagnosis]"}. [Summarize the history: onset, course, and the treatments tried so far with their dates and results.]`,
    "",
    `Treatment requested: ${treatment}, from ${longDate(facts.requested.from)} to ${longDate(facts.requested.to)} at ${siteOfCareLabels[facts.requested.siteOfCare].toLowerCase()}.`,
    "",
    `In answer to the reason for the denial: ${DENIAL_PROMPTS[category]}`,
    "",
    "Why this treatment is medically necessary: [Explain why this drug, at this dose and frequency, is needed for this patient now; cite the label, compendia or guideline that supports it.]",
    "",
    `I ask that you overturn the denial and authorize ${drugNames(facts)} as requested.`,
    "",
    ...enclosures(facts),
    ...signature(facts),
  ].join("\n");
  return { kind: "medical-necessity", title: subject, fileName: `${facts.caseNumber}-medical-necessity-letter.pdf`, text };
}

export function draftLetter(kind: LetterKind, facts: LetterFacts): DraftedLetter {
  return kind === "site-of-care" ? siteOfCareLetter(facts) : medicalNecessityLetter(facts);
}

/** The [bracketed] prompts still in a letter: the parts a person has to write before it goes out. */
export function unfilledPrompts(text: string): string[] {
  return [...text.matchAll(/\[[^\]\n]{3,}\]/g)].map((m) => m[0]);
}
