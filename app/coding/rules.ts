// Effective-dated rules that the rule book marks (confirm) or that change by date: data, not constants.
// Reference data may replace any table (CodingReference.rules); each row says whether it is confirmed.
import type { PayerKind } from "./policy";
import { inEffect } from "./policy";

export interface DatedRule {
  effectiveFrom: string;
  effectiveTo?: string;
  /** false for rules the rule book marks (confirm): findings say so. */
  confirmed: boolean;
  source: string;
}

export const FACILITY_TYPES = ["standard", "critical-access", "maryland", "rural-sch", "childrens", "cancer"] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];
/** A facility category for 340B purposes: the facility type, or a non-excepted off-campus department. */
export type Category340B = FacilityType | "non-excepted-off-campus";

export interface Modifier340BRule extends DatedRule {
  payerKind: PayerKind;
  payerId?: string;
  /** Categories that report TB; "all" for every 340B-acquired drug. */
  tbFor: readonly Category340B[] | "all";
  /** Whether every other category reports JG. */
  jgForOthers: boolean;
  /** Modifiers still accepted on a billed claim though not the one we produce (JG during 2025). */
  acceptedLegacy: readonly ("JG" | "TB")[];
}

export interface WasteRule extends DatedRule {
  /** JZ may be reported (and is produced) from this date. */
  jzFrom: string;
  /** JZ required from this date; claims missing both are returned from `returnedFrom`. */
  jzRequiredFrom: string;
  returnedFrom: string;
  jwRequiredFrom: string;
}

export interface RevenueCodeRule extends DatedRule {
  drugDetailedCoding: string;
  pharmacy: string;
  ivTherapy: string;
  chemoInjected: string;
  chemoIv: string;
  confirmedCodes: readonly string[];
}

export interface OffCampusRule extends DatedRule {
  excepted: string;
  nonExcepted: string;
}

export interface CodingRules {
  modifier340B: readonly Modifier340BRule[];
  waste: readonly WasteRule[];
  revenueCodes: readonly RevenueCodeRule[];
  offCampus: readonly OffCampusRule[];
  /** Minutes that must pass before a repeat push of the same drug is reportable (96376). */
  repeatPushMinutes: number;
  typeOfBill: string;
}

const TB_2024: readonly Category340B[] = ["critical-access", "maryland", "non-excepted-off-campus", "rural-sch", "childrens", "cancer"];

export const DEFAULT_CODING_RULES: CodingRules = {
  modifier340B: [
    {
      effectiveFrom: "2024-01-01",
      effectiveTo: "2024-12-31",
      payerKind: "medicare",
      tbFor: TB_2024,
      jgForOthers: true,
      acceptedLegacy: [],
      confirmed: true,
      source: "Rule book §2 340B modifiers (DOS 2024); CMS 340B modifier FAQ",
    },
    {
      effectiveFrom: "2025-01-01",
      effectiveTo: "2025-12-31",
      payerKind: "medicare",
      tbFor: "all",
      jgForOthers: false,
      acceptedLegacy: ["JG"],
      confirmed: false,
      source: "Rule book §2 340B modifiers (DOS 2025, confirm)",
    },
    {
      effectiveFrom: "2026-01-01",
      payerKind: "medicare",
      tbFor: "all",
      jgForOthers: false,
      acceptedLegacy: [],
      confirmed: false,
      source: "Rule book §2 340B modifiers (JG invalid from 2026-01-01, confirm)",
    },
  ],
  waste: [
    {
      effectiveFrom: "2017-01-01",
      jwRequiredFrom: "2017-01-01",
      jzFrom: "2023-01-01",
      jzRequiredFrom: "2023-07-01",
      returnedFrom: "2023-10-01",
      confirmed: true,
      source: "Rule book §2 waste; CMS JW/JZ modifier policy FAQ",
    },
  ],
  revenueCodes: [
    {
      effectiveFrom: "2000-01-01",
      drugDetailedCoding: "0636",
      pharmacy: "0250",
      ivTherapy: "0260",
      chemoInjected: "0331",
      chemoIv: "0335",
      confirmedCodes: ["0260"],
      confirmed: false,
      source: "Rule book §3 (only 0260 confirmed)",
    },
  ],
  offCampus: [
    { effectiveFrom: "2017-01-01", excepted: "PO", nonExcepted: "PN", confirmed: true, source: "Rule book §3 (PO/PN)" },
  ],
  repeatPushMinutes: 30,
  typeOfBill: "0131",
};

export function ruleFor<T extends DatedRule>(rows: readonly T[], dateOfService: string, where: (row: T) => boolean = () => true): T | undefined {
  // The latest-starting row wins when rows overlap, so an added row can supersede a default.
  let found: T | undefined;
  for (const row of rows) {
    if (inEffect(row, dateOfService) && where(row) && (!found || row.effectiveFrom >= found.effectiveFrom)) found = row;
  }
  return found;
}

export function resolveRules(overrides: Partial<CodingRules> | undefined): CodingRules {
  return overrides ? { ...DEFAULT_CODING_RULES, ...overrides } : DEFAULT_CODING_RULES;
}
