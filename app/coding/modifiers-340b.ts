// 340B modifiers (JG, TB) by date of service, payer and facility category, from the dated rule table.
import type { Encounter } from "./encounter";
import { type Category340B, type CodingRules, type Modifier340BRule, ruleFor } from "./rules";

export type Modifier340B = "JG" | "TB";

export function category340B(facility: Encounter["facility"]): Category340B {
  return facility.offCampus && !facility.excepted ? "non-excepted-off-campus" : facility.type;
}

export interface Decision340B {
  rule: Modifier340BRule | undefined;
  /** The modifier a 340B-acquired drug carries; undefined when the rule asks for none. */
  modifier: Modifier340B | undefined;
  /** Modifiers a billed claim may carry without being wrong (the produced one and legacy ones). */
  accepted: readonly Modifier340B[];
}

export function modifier340B(encounter: Encounter, rules: CodingRules, dateOfService: string): Decision340B {
  const { payer, facility } = encounter;
  const rows = rules.modifier340B.filter((r) => r.payerKind === payer.kind);
  // A row for this payer id beats the payer-kind default.
  const rule =
    (payer.id === undefined ? undefined : ruleFor(rows, dateOfService, (r) => r.payerId === payer.id)) ??
    ruleFor(rows, dateOfService, (r) => r.payerId === undefined);
  if (!rule) return { rule: undefined, modifier: undefined, accepted: [] };
  const category = category340B(facility);
  const tb = rule.tbFor === "all" || rule.tbFor.includes(category);
  const modifier: Modifier340B | undefined = tb ? "TB" : rule.jgForOthers ? "JG" : undefined;
  const accepted = [...new Set([...(modifier ? [modifier] : []), ...rule.acceptedLegacy])];
  return { rule, modifier, accepted };
}
