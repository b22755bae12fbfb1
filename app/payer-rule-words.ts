// Payer rules in plain words for the Settings screens: what a kind is called, what a value means, which plans
// a rule applies to and whether a dated version is in force. Pure: dates and names are passed in.
import type { AppealLevel, PayerRuleKind, PayerRuleValue } from "~/authorizations/payer-rules";
import type { LineOfBusiness } from "~/authorizations/vocabulary";

export const RULE_KIND_WORDS: Record<PayerRuleKind, string> = {
  "pa-required": "Prior authorization required",
  "decision-timeframe": "Decision timeframe",
  "follow-up-cadence": "Follow-up cadence",
  "rfi-due": "Information request due",
  "p2p-window": "Peer-to-peer window",
  "appeal-window": "Appeal filing window",
  "renewal-lead": "Renewal lead times",
  "retro-window": "Retro authorization window",
  "site-of-care": "Site-of-care program",
  "unit-type": "Units or visits",
};

export const LINE_OF_BUSINESS_WORDS: Record<LineOfBusiness, string> = {
  medicare_part_b: "Medicare Part B",
  medicare_advantage: "Medicare Advantage",
  medicaid: "Medicaid",
  medicaid_managed_care: "Medicaid managed care",
  commercial: "Commercial",
  exchange: "Exchange (marketplace)",
};

export const APPEAL_LEVEL_WORDS: Record<`${AppealLevel}`, string> = { "1": "level 1 appeal", "2": "level 2 appeal", external: "external review" };

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "30, 14 and 7". */
export function listInWords(items: readonly (string | number)[]): string {
  const words = items.map(String);
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** A rule's kind with its value, narrowed together. */
export type RuleKindValue = { [K in PayerRuleKind]: { kind: K; value: PayerRuleValue<K> } }[PayerRuleKind];

/** What the rule says, in a sentence a coordinator reads without knowing the JSON. */
export function describeRuleValue(rule: RuleKindValue): string {
  switch (rule.kind) {
    case "pa-required":
      return rule.value.hcpcs.length === 0
        ? "No drug needs prior authorization"
        : `Prior authorization required for ${count(rule.value.hcpcs.length, "drug")}: ${rule.value.hcpcs.join(", ")}`;
    case "decision-timeframe":
      return `Decision due in ${count(rule.value.standardDays, "calendar day")} (${rule.value.expeditedHours} h expedited)`;
    case "follow-up-cadence":
      return `Follow up every ${count(rule.value.businessDays, "business day")} while a request is pending`;
    case "rfi-due":
      return `Requested information due within ${count(rule.value.days, "day")}`;
    case "p2p-window":
      return `Peer-to-peer requested within ${count(rule.value.days, "day")} of the denial`;
    case "appeal-window": {
      const level = rule.value.level === undefined ? "" : ` (${APPEAL_LEVEL_WORDS[`${rule.value.level}`]})`;
      return `Appeal filed within ${count(rule.value.days, "day")} of the adverse decision${level}`;
    }
    case "renewal-lead":
      return `Renewal alerts ${listInWords(rule.value.days)} days before the end date; units for the next ${count(rule.value.dosesAhead, "dose")}`;
    case "retro-window":
      return rule.value.days === 0 ? "No retrospective authorization" : `Retro authorization up to ${count(rule.value.days, "day")} after the service`;
    case "site-of-care": {
      const window = `Hospital outpatient infusion for the first ${count(rule.value.firstDoseWindowDays, "day")}`;
      const criteria = rule.value.exceptionCriteria.map((c) => c.replace(/\s+/g, ""));
      return criteria.length === 0
        ? `${window}; no exception criteria on file`
        : `${window}, then a non-hospital site unless exception criteria ${listInWords(criteria).replace(/ and /, " or ")} are met`;
    }
    case "unit-type":
      return rule.value.unitType === "visits" ? "Authorized in visits" : "Authorized in billing units";
  }
}

export interface ScopeNames {
  /** Plan names by plan id. */
  plans: Readonly<Record<string, string>>;
}

/** Whom the rule applies to: the whole payer, a line of business or one plan, optionally for one drug. */
export function describeScope(rule: { planId?: string | null; lineOfBusiness?: LineOfBusiness | null; hcpcs?: string | null }, names: ScopeNames): string {
  const who = rule.planId
    ? `Plan ${names.plans[rule.planId] ?? "(unknown plan)"}`
    : rule.lineOfBusiness
      ? `${LINE_OF_BUSINESS_WORDS[rule.lineOfBusiness]} plans`
      : "All plans";
  return rule.hcpcs ? `${who}, drug ${rule.hcpcs}` : who;
}

export type VersionStatus = "in-force" | "scheduled" | "ended";

/** A dated version against today: effectiveTo is the first day no longer in force. */
export function versionStatus(rule: { effectiveFrom: string; effectiveTo?: string | null }, today: string): VersionStatus {
  if (rule.effectiveFrom > today) return "scheduled";
  if (rule.effectiveTo && rule.effectiveTo <= today) return "ended";
  return "in-force";
}

export const VERSION_STATUS_WORDS: Record<VersionStatus, string> = { "in-force": "In force", scheduled: "Scheduled", ended: "No longer in force" };

/** "from 2026-01-01" or "2025-01-01 until 2026-01-01" (the second date is the first day no longer in force). */
export function describeEffective(rule: { effectiveFrom: string; effectiveTo?: string | null }): string {
  return rule.effectiveTo ? `${rule.effectiveFrom} until ${rule.effectiveTo}` : `from ${rule.effectiveFrom}, open-ended`;
}

/** Rules in the rule book's order of kinds, the most general scope first, newest version first. */
export function compareRules(
  a: { kind: string; planId?: string | null; lineOfBusiness?: string | null; hcpcs?: string | null; effectiveFrom: string },
  b: typeof a,
): number {
  const order = Object.keys(RULE_KIND_WORDS);
  const kindRank = (kind: string) => {
    const index = order.indexOf(kind);
    return index === -1 ? order.length : index;
  };
  const scopeRank = (r: typeof a) => (r.planId ? 4 : r.lineOfBusiness ? 2 : 0) + (r.hcpcs ? 1 : 0);
  return (
    kindRank(a.kind) - kindRank(b.kind) ||
    scopeRank(a) - scopeRank(b) ||
    (a.hcpcs ?? "").localeCompare(b.hcpcs ?? "") ||
    b.effectiveFrom.localeCompare(a.effectiveFrom)
  );
}

/** A kind from a URL or form, or undefined when it is not one the rule book knows. */
export function ruleKindFrom(value: unknown): PayerRuleKind | undefined {
  return typeof value === "string" && Object.hasOwn(RULE_KIND_WORDS, value) ? (value as PayerRuleKind) : undefined;
}
