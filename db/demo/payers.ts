// The three demo payers, their plans, and their rules as dated data (each with its source).
import type * as s from "../schema";
import { addDays, at } from "./random";
import type { Context } from "./types";

export type PayerKey = "keystone" | "summit" | "commonwealth";
export type LineOfBusiness = (typeof s.lineOfBusiness.enumValues)[number];

export interface PlanRef {
  id: string;
  name: string;
  lineOfBusiness: LineOfBusiness;
}

export interface RuleRef {
  id: string;
  kind: string;
  hcpcs: string | null;
  value: Record<string, unknown>;
  /** In force on `today` (the superseded version of a rule is not). */
  current: boolean;
}

export interface PayerRef {
  id: string;
  key: PayerKey;
  name: string;
  plans: PlanRef[];
  rules: RuleRef[];
  paRequired: string[];
}

export type Payers = Record<PayerKey, PayerRef>;

const paDrugs = ["J1745", "Q5103", "Q5104", "J2350", "J1569", "J3380", "J2323", "J9312", "J3262", "J9271", "J1439", "J0129"];

/**
 * SOC-210's exception criteria as alternatives of the rule book's checklist numbers (app/authorizations/site-of-care):
 * prior infusion reactions (7), a cardiopulmonary comorbidity (5), unstable renal function (6), the initial or
 * re-initiation dose (8), or skilled nursing supervision with enhanced monitoring and hospital access (1+2+3).
 */
const siteOfCareCriteria = ["7", "5", "6", "8", "1+2+3"];

interface PayerSpec {
  key: PayerKey;
  name: string;
  kind: (typeof s.payerKind.enumValues)[number];
  code: string;
  vendor: string | null;
  plans: { name: string; lineOfBusiness: LineOfBusiness }[];
  paRequired: string[];
  /** [kind, value, source, hcpcs?] — in force today. */
  rules: [string, Record<string, unknown>, string, string?][];
  /** Versions that were replaced: in force from 900 to 200 days ago. */
  previous: [string, Record<string, unknown>, string][];
}

const specs: PayerSpec[] = [
  {
    key: "keystone",
    name: "Keystone Medicare Advantage",
    kind: "medicare_advantage",
    code: "KMA01",
    vendor: "Apex Specialty Drug Review",
    plans: [
      { name: "Keystone Advantage HMO", lineOfBusiness: "medicare_advantage" },
      { name: "Keystone Advantage PPO", lineOfBusiness: "medicare_advantage" },
    ],
    paRequired: paDrugs.filter((code) => code !== "J1439"),
    rules: [
      ["decision-timeframe", { standardDays: 7, expeditedHours: 72 }, "Keystone MA provider bulletin: Part B drug requests decided within 7 calendar days"],
      ["follow-up-cadence", { businessDays: 3 }, "Riverside PA work standard: touch pending cases every 3 business days"],
      ["rfi-due", { days: 14 }, "Keystone MA provider manual, utilization management: additional information within 14 days"],
      ["p2p-window", { days: 14 }, "Keystone MA provider manual: peer-to-peer within 14 calendar days of an adverse decision"],
      ["appeal-window", { days: 65 }, "42 CFR 422.582: reconsideration requested within 65 calendar days of the notice"],
      ["renewal-lead", { days: [30, 14, 7], dosesAhead: 2 }, "Riverside PA work standard: renewal alerts at 30/14/7 days and two doses ahead"],
      ["retro-window", { days: 0 }, "Keystone MA provider manual: no retrospective authorization for Part B drugs"],
      ["unit-type", { unitType: "units" }, "Keystone MA authorizes HCPCS billing units"],
    ],
    previous: [["decision-timeframe", { standardDays: 14, expeditedHours: 72 }, "Keystone MA provider manual (prior edition): 14 calendar days standard"]],
  },
  {
    key: "summit",
    name: "Summit Health",
    kind: "commercial",
    code: "SMH22",
    vendor: null,
    plans: [
      { name: "Summit Choice PPO", lineOfBusiness: "commercial" },
      { name: "Summit Exchange Silver", lineOfBusiness: "exchange" },
    ],
    paRequired: paDrugs,
    rules: [
      ["decision-timeframe", { standardDays: 15, expeditedHours: 72 }, "Summit Health medical policy UM-100: 15 calendar days standard, 72 hours urgent"],
      ["follow-up-cadence", { businessDays: 3 }, "Riverside PA work standard: touch pending cases every 3 business days"],
      ["rfi-due", { days: 14 }, "Summit Health UM-100 §3: requested records within 14 days or the request closes"],
      ["p2p-window", { days: 15 }, "Summit Health UM-100 §5: peer-to-peer within 15 calendar days of denial, before appeal"],
      ["appeal-window", { days: 180 }, "Summit Health member handbook: internal appeal within 180 days"],
      ["renewal-lead", { days: [30, 14, 7], dosesAhead: 2 }, "Riverside PA work standard: renewal alerts at 30/14/7 days and two doses ahead"],
      ["retro-window", { days: 90 }, "Summit Health provider manual: retro review up to 90 days after service"],
      [
        "site-of-care",
        { firstDoseWindowDays: 45, exceptionCriteria: siteOfCareCriteria },
        "Summit Health medical policy SOC-210: hospital outpatient infusion for the first 45 days, then non-hospital sites unless an exception applies",
      ],
      ["unit-type", { unitType: "units" }, "Summit Health authorizes HCPCS billing units"],
    ],
    previous: [["appeal-window", { days: 60 }, "Summit Health member handbook (prior edition): internal appeal within 60 days"]],
  },
  {
    key: "commonwealth",
    name: "Commonwealth Medicaid Plan",
    kind: "medicaid",
    code: "CWM07",
    vendor: null,
    plans: [{ name: "Commonwealth Medicaid Managed Care", lineOfBusiness: "medicaid_managed_care" }],
    paRequired: paDrugs,
    rules: [
      ["decision-timeframe", { standardDays: 14, expeditedHours: 72 }, "42 CFR 438.210(d): standard authorization decisions within 14 calendar days"],
      ["follow-up-cadence", { businessDays: 3 }, "Riverside PA work standard: touch pending cases every 3 business days"],
      ["rfi-due", { days: 10 }, "Commonwealth Medicaid provider manual: additional information within 10 days"],
      ["p2p-window", { days: 10 }, "Commonwealth Medicaid provider manual: peer-to-peer within 10 days of the denial notice"],
      ["appeal-window", { days: 60 }, "42 CFR 438.402(c): plan appeal within 60 calendar days"],
      ["renewal-lead", { days: [30, 14, 7], dosesAhead: 2 }, "Riverside PA work standard: renewal alerts at 30/14/7 days and two doses ahead"],
      ["retro-window", { days: 364 }, "Commonwealth Medicaid provider manual: retro authorization within 364 days for retro-eligible members"],
      ["unit-type", { unitType: "units" }, "Commonwealth Medicaid authorizes HCPCS billing units"],
      ["unit-type", { unitType: "visits" }, "Commonwealth Medicaid IVIG program: immune globulin authorized in visits", "J1569"],
    ],
    previous: [],
  },
];

export function buildPayers(ctx: Context): Payers {
  const { rng, data, today, organizationId } = ctx;
  const created = at(addDays(today, -410), 9);
  const previousFrom = addDays(today, -900);
  const changedOn = addDays(today, -200);
  const currentFrom = addDays(today, -380);
  const payers = {} as Payers;
  for (const spec of specs) {
    const payerId = rng.uuid();
    data.payers.push({
      id: payerId,
      organizationId,
      name: spec.name,
      kind: spec.kind,
      payerCode: spec.code,
      delegatedVendor: spec.vendor,
      portalUrl: `https://provider.${spec.key}.example/prior-auth`,
      faxNumber: `717-555-0${rng.digits(3)}`,
      phoneNumber: `800-555-0${rng.digits(3)}`,
      createdAt: created,
    });
    const plans = spec.plans.map((plan): PlanRef => {
      const id = rng.uuid();
      data.payerPlans.push({ id, organizationId, payerId, name: plan.name, lineOfBusiness: plan.lineOfBusiness, createdAt: created });
      return { id, ...plan };
    });
    const rules: RuleRef[] = [];
    const addRule = (kind: string, value: Record<string, unknown>, source: string, from: string, to: string | null, hcpcs: string | null) => {
      const id = rng.uuid();
      data.payerRules.push({
        id,
        organizationId,
        payerId,
        planId: null,
        lineOfBusiness: null,
        hcpcs,
        kind,
        value,
        effectiveFrom: from,
        effectiveTo: to,
        source,
        createdAt: created,
        updatedAt: created,
      });
      rules.push({ id, kind, hcpcs, value, current: to === null });
    };
    addRule("pa-required", { hcpcs: spec.paRequired }, `${spec.name} prior authorization list (medical benefit drugs)`, currentFrom, null, null);
    for (const [kind, value, source] of spec.previous) {
      addRule(kind, value, source, previousFrom, changedOn, null);
      addRule(kind, spec.rules.find((r) => r[0] === kind)![1], spec.rules.find((r) => r[0] === kind)![2], changedOn, null, null);
    }
    for (const [kind, value, source, hcpcs] of spec.rules) {
      if (spec.previous.some((p) => p[0] === kind)) continue;
      addRule(kind, value, source, currentFrom, null, hcpcs ?? null);
    }
    payers[spec.key] = { id: payerId, key: spec.key, name: spec.name, plans, rules, paRequired: spec.paRequired };
  }
  return payers;
}

/** Short payer names for rule labels ("summit-health/decision-timeframe@2025-11-07"), by payer id. */
export function payerLabels(payers: readonly { id?: string; name: string }[]): Record<string, string> {
  return Object.fromEntries(payers.map((p) => [p.id!, p.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")]));
}

/** The rule in force today for a payer and kind (a drug-specific rule wins over the payer-wide one). */
export function ruleFor(payer: PayerRef, kind: string, hcpcs?: string): RuleRef {
  const current = payer.rules.filter((r) => r.current && r.kind === kind);
  const found = current.find((r) => hcpcs !== undefined && r.hcpcs === hcpcs) ?? current.find((r) => r.hcpcs === null);
  if (!found) throw new Error(`demo data: ${payer.name} has no ${kind} rule`);
  return found;
}

export function ruleNumber(rule: RuleRef, key: string): number {
  const value = rule.value[key];
  if (typeof value !== "number") throw new Error(`demo data: rule ${rule.kind} has no number ${key}`);
  return value;
}
