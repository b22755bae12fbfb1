// The payer-rule forms' schemas, shared by the browser (Conform) and the action: flat text fields per kind are
// turned into the rule's value and judged by the rule book's own PayerRuleValueSchemas, with every problem put
// back on the field it concerns, named in plain words.
import { z } from "zod";
import { isIsoDate } from "~/authorizations/calendar";
import { PayerRuleValueSchemas, type PayerRuleKind, type PayerRuleValue } from "~/authorizations/payer-rules";
import { LINES_OF_BUSINESS, UNIT_TYPES } from "~/authorizations/vocabulary";
import { RULE_KIND_WORDS } from "~/payer-rule-words";

export interface RuleValueField {
  name: string;
  label: string;
  /** number: one whole number; list / number-list: several, separated by commas; select: one of the options. */
  input: "number" | "list" | "number-list" | "select";
  hint?: string;
  options?: readonly { value: string; label: string }[];
  /** Separators for a list; commas, semicolons and line breaks by default. */
  separator?: RegExp;
}

const LIST_SEPARATOR = /[,;\n]+/;

/** The value fields of each kind, in the order the form shows them. */
export const RULE_VALUE_FIELDS: { [K in PayerRuleKind]: readonly RuleValueField[] } = {
  "pa-required": [
    { name: "hcpcs", label: "HCPCS codes that need prior authorization", input: "list", separator: /[\s,;]+/, hint: "Separate codes with commas, such as J1745, Q5103." },
  ],
  "decision-timeframe": [
    { name: "standardDays", label: "Standard decision (calendar days)", input: "number" },
    { name: "expeditedHours", label: "Expedited decision (hours)", input: "number" },
  ],
  "follow-up-cadence": [{ name: "businessDays", label: "Follow up every (business days)", input: "number" }],
  "rfi-due": [{ name: "days", label: "Information due within (days)", input: "number" }],
  "p2p-window": [{ name: "days", label: "Peer-to-peer within (days of the denial)", input: "number" }],
  "appeal-window": [
    { name: "days", label: "Appeal within (days of the adverse decision)", input: "number" },
    {
      name: "level",
      label: "Appeal level",
      input: "select",
      options: [
        { value: "", label: "Every level" },
        { value: "1", label: "Level 1 appeal" },
        { value: "2", label: "Level 2 appeal" },
        { value: "external", label: "External review" },
      ],
    },
  ],
  "renewal-lead": [
    { name: "days", label: "Renewal alerts (days before the end date)", input: "number-list", separator: /[\s,;]+/, hint: "Separate with commas, such as 30, 14, 7." },
    { name: "dosesAhead", label: "Units for the next (doses)", input: "number" },
  ],
  "retro-window": [{ name: "days", label: "Retro authorization up to (days after the service)", input: "number", hint: "0 means no retrospective authorization." }],
  "site-of-care": [
    { name: "firstDoseWindowDays", label: "Hospital outpatient allowed for the first (days)", input: "number" },
    {
      name: "exceptionCriteria",
      label: "Exception criteria (checklist numbers)",
      input: "list",
      hint: 'Alternatives separated by commas; criteria that must all be met joined by "+", such as 1+2+3, 4.',
    },
  ],
  "unit-type": [
    { name: "unitType", label: "Authorizations count", input: "select", options: UNIT_TYPES.map((u) => ({ value: u, label: u === "units" ? "Billing units" : "Visits" })) },
  ],
};

function listItems(raw: string | undefined, separator: RegExp): string[] {
  return (raw ?? "")
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** Text from the form → the candidate value the rule book's schema judges. */
export function valueFromForm(kind: PayerRuleKind, raw: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of RULE_VALUE_FIELDS[kind]) {
    const text = raw[field.name]?.trim();
    switch (field.input) {
      case "number":
        value[field.name] = text ? Number(text) : undefined;
        break;
      case "list":
        value[field.name] = listItems(text, field.separator ?? LIST_SEPARATOR).map((item) => (field.name === "hcpcs" ? item.toUpperCase() : item));
        break;
      case "number-list":
        value[field.name] = listItems(text, field.separator ?? LIST_SEPARATOR).map(Number);
        break;
      case "select":
        if (text) value[field.name] = field.name === "level" && /^\d+$/.test(text) ? Number(text) : text;
        break;
    }
  }
  return value;
}

/** A stored value → the text the form shows (to prefill a new version). */
export function valueToForm(kind: PayerRuleKind, value: unknown): Record<string, string> {
  const form: Record<string, string> = {};
  if (typeof value !== "object" || value === null) return form;
  for (const field of RULE_VALUE_FIELDS[kind]) {
    const item: unknown = (value as Record<string, unknown>)[field.name];
    if (Array.isArray(item)) form[field.name] = item.map(String).join(", ");
    else if (typeof item === "number" || typeof item === "string") form[field.name] = String(item);
  }
  return form;
}

function fieldLabel(kind: PayerRuleKind, name: string): string {
  return RULE_VALUE_FIELDS[kind].find((f) => f.name === name)?.label ?? name;
}

/** The value part of the form: text fields, judged by PayerRuleValueSchemas[kind]. */
export function ruleValueFormSchema<K extends PayerRuleKind>(kind: K) {
  const raw = z.object(Object.fromEntries(RULE_VALUE_FIELDS[kind].map((f) => [f.name, z.string().optional()])));
  return raw.optional().transform((text, ctx): PayerRuleValue<K> => {
    const candidate = valueFromForm(kind, text ?? {});
    const parsed = PayerRuleValueSchemas[kind].safeParse(candidate);
    if (parsed.success) return parsed.data as PayerRuleValue<K>;
    for (const issue of parsed.error.issues) {
      const [name, index] = issue.path;
      const field = typeof name === "string" ? name : undefined;
      const item = typeof index === "number" && field ? `, item ${index + 1} (${JSON.stringify(listItems(text?.[field], RULE_VALUE_FIELDS[kind].find((f) => f.name === field)?.separator ?? LIST_SEPARATOR)[index] ?? "")})` : "";
      ctx.addIssue({ code: "custom", path: field ? [field] : [], message: `${field ? fieldLabel(kind, field) : RULE_KIND_WORDS[kind]}${item}: ${issue.message}` });
    }
    return z.NEVER;
  });
}

const isoDate = (label: string) =>
  z.string({ error: `${label}: enter a date` }).refine(isIsoDate, { error: `${label}: expected a date such as 2026-07-01` });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const afterStart = { error: "No longer in force from: expected a date after the first day in force", path: ["effectiveTo"] };

/** Add a rule: scope (plan, line of business or the whole payer; optionally one drug), dates, source and value. */
export function newRuleFormSchema<K extends PayerRuleKind>(kind: K) {
  return z
    .object({
      payerId: z.string({ error: "Payer: missing; open the form from the payer's card" }).regex(UUID, { error: "Payer: not a payer of this organization" }),
      kind: z.literal(kind, { error: `Kind: expected ${RULE_KIND_WORDS[kind]}` }),
      planId: z.string().regex(UUID, { error: "Plan: choose a plan from the list" }).optional(),
      lineOfBusiness: z.enum(LINES_OF_BUSINESS, { error: "Line of business: choose one from the list" }).optional(),
      hcpcs: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]\d{4}$/, { error: "Only for drug: expected a HCPCS code such as J1569" })
        .optional(),
      effectiveFrom: isoDate("In force from"),
      effectiveTo: isoDate("No longer in force from").optional(),
      source: z.string({ error: "Source: say where the rule comes from (payer manual, policy or regulation)" }).trim().min(3, { error: "Source: say where the rule comes from (payer manual, policy or regulation)" }),
      value: ruleValueFormSchema(kind),
    })
    .refine((form) => !(form.planId && form.lineOfBusiness), { error: "Line of business: leave it empty when the rule is for one plan (the plan has its own line of business)", path: ["lineOfBusiness"] })
    .refine((form) => !form.effectiveTo || form.effectiveTo > form.effectiveFrom, afterStart);
}

/** Supersede a rule: the new version keeps the old one's scope; it starts on a new date with a new value. */
export function supersedeRuleFormSchema<K extends PayerRuleKind>(kind: K) {
  return z.object({
    effectiveFrom: isoDate("New version in force from"),
    source: z.string({ error: "Source: say where the new version comes from" }).trim().min(3, { error: "Source: say where the new version comes from" }),
    value: ruleValueFormSchema(kind),
  });
}

/** End a rule: the first day it no longer applies. */
export const EndRuleFormSchema = z.object({ effectiveTo: isoDate("No longer in force from") });

export type NewRuleForm<K extends PayerRuleKind = PayerRuleKind> = z.output<ReturnType<typeof newRuleFormSchema<K>>>;
export type SupersedeRuleForm<K extends PayerRuleKind = PayerRuleKind> = z.output<ReturnType<typeof supersedeRuleFormSchema<K>>>;
