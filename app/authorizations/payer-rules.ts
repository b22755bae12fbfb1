// Payer rules as dated data (the payer_rules table): their value shapes, validation, and the resolver that
// picks the rule in force on a date, most specific first (plan + HCPCS > plan > line of business > payer).
import { z } from "zod";
import { type IsoDate, isIsoDate } from "./calendar";
import { type FieldIssue, fieldPath } from "./errors";
import { LINES_OF_BUSINESS, type LineOfBusiness, UNIT_TYPES } from "./vocabulary";

const days = z.number({ error: "expected a number of days" }).int({ error: "expected whole days" }).nonnegative({ error: "expected 0 or more days" });
const hcpcsCode = z.string().regex(/^[A-Z]\d{4}$/, { error: "expected a HCPCS code such as J1745" });

export const APPEAL_LEVELS = [1, 2, "external"] as const;
export type AppealLevel = (typeof APPEAL_LEVELS)[number];
export const AppealLevelSchema = z.union([z.literal(1), z.literal(2), z.literal("external")], { error: 'expected 1, 2 or "external"' });

/** Exactly the value shape of each rule kind; unknown keys are refused so a typo never passes silently. */
export const PayerRuleValueSchemas = {
  "pa-required": z.strictObject({ hcpcs: z.array(hcpcsCode) }),
  "decision-timeframe": z.strictObject({
    standardDays: days.positive({ error: "expected at least 1 day" }),
    expeditedHours: z.number({ error: "expected a number of hours" }).int({ error: "expected whole hours" }).positive({ error: "expected at least 1 hour" }),
  }),
  "follow-up-cadence": z.strictObject({ businessDays: days.positive({ error: "expected at least 1 business day" }) }),
  "rfi-due": z.strictObject({ days }),
  "p2p-window": z.strictObject({ days }),
  "appeal-window": z.strictObject({ days, level: AppealLevelSchema.optional() }),
  "renewal-lead": z.strictObject({
    days: z.array(days.positive({ error: "expected at least 1 day" })).min(1, { error: "expected at least one lead time" }),
    dosesAhead: z.number({ error: "expected a number of doses" }).int().nonnegative(),
  }),
  "retro-window": z.strictObject({ days }),
  "site-of-care": z.strictObject({
    firstDoseWindowDays: days,
    exceptionCriteria: z.array(z.string().regex(/^\s*\d{1,2}(\s*\+\s*\d{1,2})*\s*$/, { error: 'expected checklist numbers joined by "+", such as "1+2+3" or "4"' })),
  }),
  "unit-type": z.strictObject({ unitType: z.enum(UNIT_TYPES, { error: 'expected "units" or "visits"' }) }),
} as const;

export type PayerRuleKind = keyof typeof PayerRuleValueSchemas;
export const PAYER_RULE_KINDS = Object.keys(PayerRuleValueSchemas) as PayerRuleKind[];
export type PayerRuleValue<K extends PayerRuleKind> = z.output<(typeof PayerRuleValueSchemas)[K]>;

export interface PayerRuleBase {
  id: string;
  payerId: string;
  planId?: string;
  lineOfBusiness?: LineOfBusiness;
  hcpcs?: string;
  /** First day in force. */
  effectiveFrom: IsoDate;
  /** First day no longer in force (exclusive, as the table's check `effective_to > effective_from` implies). */
  effectiveTo?: IsoDate;
  /** Where the rule comes from: the payer manual, policy number, regulation. */
  source: string;
}

export type PayerRule<K extends PayerRuleKind = PayerRuleKind> = K extends PayerRuleKind ? PayerRuleBase & { kind: K; value: PayerRuleValue<K> } : never;

export interface PayerRuleSet {
  rules: readonly PayerRule[];
  /** Short payer names for rule labels ("summit-health/decision-timeframe@2026-01-01"); the payer id otherwise. */
  payerLabels: Readonly<Record<string, string>>;
}

export const EMPTY_RULE_SET: PayerRuleSet = { rules: [], payerLabels: {} };

const isoDate = z.string({ error: 'expected a date "YYYY-MM-DD"' }).refine(isIsoDate, { error: 'expected a date "YYYY-MM-DD"' });

const RuleEnvelopeSchema = z
  .object({
    id: z.string({ error: "expected the rule id" }).min(1, { error: "expected the rule id" }),
    payerId: z.string({ error: "expected the payer id" }).min(1, { error: "expected the payer id" }),
    planId: z.string().min(1).nullish(),
    lineOfBusiness: z.enum(LINES_OF_BUSINESS, { error: `expected one of ${LINES_OF_BUSINESS.join(", ")}` }).nullish(),
    hcpcs: hcpcsCode.nullish(),
    kind: z.enum(PAYER_RULE_KINDS as [PayerRuleKind, ...PayerRuleKind[]], { error: `expected one of ${PAYER_RULE_KINDS.join(", ")}` }),
    value: z.unknown(),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullish(),
    source: z.string({ error: "expected the rule's source" }).trim().min(1, { error: "expected the rule's source (manual, policy or regulation)" }),
  })
  .refine((r) => !r.effectiveTo || r.effectiveTo > r.effectiveFrom, { error: "expected effectiveTo after effectiveFrom", path: ["effectiveTo"] });

export interface PayerRuleError extends FieldIssue {
  /** Position in the input list. */
  index: number;
  ruleId?: string;
}

export type ParsedPayerRules = { ok: true; ruleSet: PayerRuleSet } | { ok: false; errors: PayerRuleError[] };

/** Validates rows (from the table or the Settings form) into a rule set; every problem is reported at once. */
export function parsePayerRules(input: readonly unknown[], payerLabels: Readonly<Record<string, string>> = {}): ParsedPayerRules {
  const rules: PayerRule[] = [];
  const errors: PayerRuleError[] = [];
  input.forEach((row, index) => {
    const envelope = RuleEnvelopeSchema.safeParse(row);
    const ruleId = typeof row === "object" && row !== null && "id" in row && typeof row.id === "string" ? row.id : undefined;
    if (!envelope.success) {
      for (const issue of envelope.error.issues) errors.push({ index, ruleId, path: fieldPath(issue.path), message: issue.message });
      return;
    }
    const { kind, value, planId, lineOfBusiness, hcpcs, effectiveTo, ...rest } = envelope.data;
    const parsedValue = PayerRuleValueSchemas[kind].safeParse(value);
    if (!parsedValue.success) {
      for (const issue of parsedValue.error.issues) errors.push({ index, ruleId, path: fieldPath(["value", ...issue.path]), message: `${kind}: ${issue.message}` });
      return;
    }
    rules.push({
      ...rest,
      ...(planId ? { planId } : {}),
      ...(lineOfBusiness ? { lineOfBusiness } : {}),
      ...(hcpcs ? { hcpcs } : {}),
      ...(effectiveTo ? { effectiveTo } : {}),
      kind,
      value: parsedValue.data,
    } as PayerRule);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, ruleSet: { rules, payerLabels } };
}

export interface RuleScope {
  payerId: string;
  planId?: string;
  lineOfBusiness?: LineOfBusiness;
  /** The drug(s) in question; a HCPCS-specific rule applies when it names one of them. */
  hcpcs?: string | readonly string[];
  /** The date the rule must be in force on. */
  on: IsoDate;
  /** For appeal-window: a rule for this level beats one without a level. */
  appealLevel?: AppealLevel;
}

export interface ResolvedRule<K extends PayerRuleKind> {
  value: PayerRuleValue<K>;
  /** "summit-health/decision-timeframe@2026-01-01", or "default/decision-timeframe" for a fallback. */
  label: string;
  ruleId?: string;
  source: string;
}

export function ruleLabel(rule: PayerRule, ruleSet: PayerRuleSet): string {
  return `${ruleSet.payerLabels[rule.payerId] ?? rule.payerId}/${rule.kind}@${rule.effectiveFrom}`;
}

/** plan + HCPCS 5 > plan 4 > line of business + HCPCS 3 > line of business 2 > payer + HCPCS 1 > payer 0. */
function specificity(rule: PayerRule): number {
  return (rule.planId ? 4 : 0) + (rule.lineOfBusiness && !rule.planId ? 2 : 0) + (rule.hcpcs ? 1 : 0);
}

function applies(rule: PayerRule, scope: RuleScope): boolean {
  if (rule.payerId !== scope.payerId) return false;
  if (rule.effectiveFrom > scope.on || (rule.effectiveTo !== undefined && rule.effectiveTo <= scope.on)) return false;
  if (rule.planId !== undefined && rule.planId !== scope.planId) return false;
  if (rule.lineOfBusiness !== undefined && rule.lineOfBusiness !== scope.lineOfBusiness) return false;
  if (rule.hcpcs !== undefined) {
    const wanted = typeof scope.hcpcs === "string" ? [scope.hcpcs] : (scope.hcpcs ?? []);
    if (!wanted.includes(rule.hcpcs)) return false;
  }
  return true;
}

/** Every rule of a kind in force for the scope, the one that wins first. */
export function rulesInForce<K extends PayerRuleKind>(ruleSet: PayerRuleSet, kind: K, scope: RuleScope): PayerRule<K>[] {
  const levelScore = (rule: PayerRule) => (rule.kind === "appeal-window" && rule.value.level !== undefined && rule.value.level === scope.appealLevel ? 1 : 0);
  return ruleSet.rules
    .filter((rule): rule is PayerRule<K> => rule.kind === kind && applies(rule, scope))
    .filter((rule) => rule.kind !== "appeal-window" || rule.value.level === undefined || rule.value.level === scope.appealLevel)
    .sort((a, b) => specificity(b) * 2 + levelScore(b) - (specificity(a) * 2 + levelScore(a)) || (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0));
}

/** The rule in force for the scope, most specific first; undefined when the payer has none. */
export function resolveRule<K extends PayerRuleKind>(ruleSet: PayerRuleSet, kind: K, scope: RuleScope): ResolvedRule<K> | undefined {
  const rule = rulesInForce(ruleSet, kind, scope)[0];
  if (!rule) return undefined;
  return { value: rule.value as PayerRuleValue<K>, label: ruleLabel(rule, ruleSet), ruleId: rule.id, source: rule.source };
}

/** The rule book's fallbacks, used when a payer has no rule of the kind. */
export const DEFAULT_RULES = {
  "decision-timeframe": { value: { standardDays: 15, expeditedHours: 72 }, source: "Rule book fallback: 15 calendar days standard, 72 hours expedited" },
  "follow-up-cadence": { value: { businessDays: 3 }, source: "Rule book fallback: follow up every 3 business days" },
  "rfi-due": { value: { days: 14 }, source: "Rule book fallback: information due in 14 days" },
  "p2p-window": { value: { days: 14 }, source: "Rule book fallback: request a peer-to-peer within 14 days of the denial" },
  "appeal-window": { value: { days: 60 }, source: "Rule book fallback: file an appeal within 60 days of the adverse decision" },
  "renewal-lead": { value: { days: [30, 14, 7], dosesAhead: 2 }, source: "Rule book fallback: renewal alerts 30, 14 and 7 days before the end date and 2 doses ahead" },
  "unit-type": { value: { unitType: "units" }, source: "Rule book fallback: authorizations count billing units" },
} as const satisfies Partial<{ [K in PayerRuleKind]: { value: PayerRuleValue<K>; source: string } }>;

export type DefaultedRuleKind = keyof typeof DEFAULT_RULES;

/** The rule in force, or the rule book's fallback (labelled "default/<kind>"). */
export function resolveRuleOrDefault<K extends DefaultedRuleKind>(ruleSet: PayerRuleSet, kind: K, scope: RuleScope): ResolvedRule<K> {
  const found = resolveRule(ruleSet, kind, scope);
  if (found) return found;
  const fallback = DEFAULT_RULES[kind];
  return { value: fallback.value as PayerRuleValue<K>, label: `default/${kind}`, source: fallback.source };
}

/** Whether the payer requires prior authorization for a drug on a date; undefined when no rule says. */
export function paRequired(ruleSet: PayerRuleSet, scope: RuleScope & { hcpcs: string }): { required: boolean; rule: string } | undefined {
  const rule = resolveRule(ruleSet, "pa-required", scope);
  if (!rule) return undefined;
  return { required: rule.value.hcpcs.includes(scope.hcpcs), rule: rule.label };
}
