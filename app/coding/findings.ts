// The findings the engine reports: stable rule ids, default severity and the source of each rule.
// Ids never change meaning; a new rule gets a new id.

export type Severity = "error" | "warning" | "info";

interface RuleInfo {
  severity: Severity;
  title: string;
  source: string;
}

const BOOK = "Infusion coding rule book";

export const RULES = {
  // Administration (rule book §1)
  ADMIN_TIME_MISSING: { severity: "error", title: "Missing start or stop time", source: `${BOOK} §1 time formulas` },
  ADMIN_TIME_INVALID: { severity: "error", title: "Stop time before start time", source: `${BOOK} §1 time formulas` },
  ADMIN_TIME_TOO_SHORT: { severity: "info", title: "Time too short for the code", source: `${BOOK} §1 time formulas; CPT time rule` },
  ADMIN_SHORT_INFUSION_AS_PUSH: { severity: "info", title: "Infusion of 15 minutes or less coded as a push", source: `${BOOK} §1; CPT push definition` },
  ADMIN_PRIMARY_MISSING: { severity: "warning", title: "Primary administration not marked", source: `${BOOK} §1 choosing the initial service; Pub. 100-04 ch. 12 §30.5` },
  ADMIN_PRIMARY_OVERRIDDEN: { severity: "warning", title: "Primary administration cannot be the initial service", source: `${BOOK} §1; CPT add-on code base lists` },
  ADMIN_COMPLEX_NOT_ELIGIBLE: { severity: "warning", title: "Chemotherapy administration codes not allowed for this drug", source: `${BOOK} §1 policy switches (complex administration)` },
  ADMIN_HYDRATION_CONCURRENT: { severity: "info", title: "Hydration concurrent with a drug is not billed", source: `${BOOK} §1 not separately reportable; NCCI Policy Manual ch. XI` },
  ADMIN_CONCURRENT_WITHOUT_BASE: { severity: "info", title: "Overlapping infusion after a push initial coded as sequential", source: `${BOOK} §1 (96368); CPT 96368 base list (96365, 96366, 96413, 96415, 96416)` },
  ADMIN_CONCURRENT_ONCE: { severity: "info", title: "Concurrent infusion reported once per encounter", source: `${BOOK} §1 (96368)` },
  ADMIN_REPEAT_PUSH_NOT_REPORTED: { severity: "info", title: "Repeat push of the same drug not reported", source: `${BOOK} §1 (96375/96376)` },
  ADMIN_96376_PROFESSIONAL: { severity: "error", title: "96376 on a professional claim", source: `${BOOK} §1 (96376 facility only)` },
  ADMIN_SECOND_INITIAL: { severity: "warning", title: "Second initial service at a separate site", source: `${BOOK} §1 one initial per encounter; CMS Transmittal 2386` },
  ADMIN_SECOND_INITIAL_MODIFIER: { severity: "error", title: "Second initial service without 59/XE/XP/XS/XU", source: `${BOOK} §1 one initial per encounter` },
  ADMIN_SITE_CHANGE: { severity: "info", title: "Access site changed: same sequence of services", source: `${BOOK} §1 one initial per encounter` },
  ADMIN_ADDON_WITHOUT_BASE: { severity: "error", title: "Add-on code without its primary code", source: `${BOOK} §1; CPT add-on code base lists` },
  ADMIN_KVO_NOT_REPORTED: { severity: "info", title: "Keep-vein-open fluid not reported", source: `${BOOK} §1 not separately reportable` },
  ADMIN_PORT_IRRIGATION_BUNDLED: { severity: "info", title: "Port irrigation not reported with other administrations", source: `${BOOK} §1 (96523)` },
  ADMIN_PUMP_UNDER_8_HOURS: { severity: "warning", title: "Pump infusion of 8 hours or less", source: `${BOOK} §1 (96416/C8957)` },
  ADMIN_DATE_MISMATCH: { severity: "warning", title: "Administration dated away from the date of service", source: `${BOOK} §1 (one encounter, across midnight at most)` },
  ADMIN_NO_CODE: { severity: "warning", title: "No administration code for this service", source: `${BOOK} §1` },
  // Drugs (rule book §2)
  DRUG_NDC_MISSING: { severity: "error", title: "NDC missing", source: `${BOOK} §2 NDC` },
  DRUG_NDC_INVALID: { severity: "error", title: "NDC invalid", source: `${BOOK} §2 NDC` },
  DRUG_NDC_AMBIGUOUS: { severity: "error", title: "10-digit NDC without hyphens is ambiguous", source: `${BOOK} §2 NDC` },
  DRUG_NDC_RESOLVED: { severity: "info", title: "10-digit NDC resolved by the crosswalk", source: `${BOOK} §2 NDC` },
  DRUG_NDC_HCPCS_MISMATCH: { severity: "warning", title: "NDC crosswalks to another HCPCS code", source: `${BOOK} §4 ASP NDC-HCPCS crosswalk` },
  DRUG_HCPCS_UNKNOWN: { severity: "error", title: "No billing unit known for the HCPCS code on this date", source: `${BOOK} §4 ASP pricing file` },
  DRUG_DOSE_UNCONVERTIBLE: { severity: "error", title: "Dose cannot be converted to the billing unit", source: `${BOOK} §2 units; Pub. 100-04 ch. 17 §10` },
  UNITS_MISMATCH: { severity: "error", title: "Billed units differ from computed units", source: `${BOOK} §1 time formulas, §2 units` },
  DRUG_WASTE_MODIFIER_MISSING: { severity: "error", title: "JW/JZ modifier missing", source: `${BOOK} §2 waste (JW/JZ)` },
  DRUG_JW_JZ_BOTH: { severity: "error", title: "JW and JZ on one drug", source: `${BOOK} §2 waste (JW/JZ)` },
  DRUG_JW_WITHOUT_ADMINISTERED: { severity: "error", title: "JW line without its administered line", source: `${BOOK} §2 waste (JW/JZ)` },
  DRUG_WASTE_UNDETERMINED: { severity: "error", title: "Waste cannot be determined", source: `${BOOK} §2 waste (JW/JZ)` },
  DRUG_WASTE_DOCUMENTED_DIFFERS: { severity: "warning", title: "Documented waste differs from the least-waste vial combination", source: `${BOOK} §2 waste` },
  DRUG_VIALS_EXCEED_LEAST_WASTE: { severity: "warning", title: "More vials opened than the least-waste combination", source: `${BOOK} §2 waste (CGS, Noridian)` },
  DRUG_WASTE_NOT_BILLABLE: { severity: "info", title: "Waste not billable for this container or payer", source: `${BOOK} §2 waste` },
  DRUG_NOC_INCOMPLETE: { severity: "error", title: "NOC drug without name, NDC or dose", source: `${BOOK} §2 NOC codes` },
  DRUG_NOC_SPECIFIC_CODE_EXISTS: { severity: "warning", title: "NOC code used where a specific code exists", source: `${BOOK} §2 NOC codes` },
  DRUG_NOC_FACILITY_C9399: { severity: "info", title: "NOC drug reported as C9399 on the facility claim", source: `${BOOK} §2 NOC codes` },
  DRUG_NOC_PACKAGED: { severity: "info", title: "NOC drug packaged on an OPPS claim", source: `${BOOK} §2 NOC codes` },
  DRUG_DELETED_CODE: { severity: "error", title: "Deleted HCPCS code", source: `${BOOK} §5 seed drug table` },
  DRUG_340B_MODIFIER_WRONG: { severity: "error", title: "340B modifier wrong for date or facility", source: `${BOOK} §2 340B modifiers` },
  DRUG_340B_ON_NON_340B: { severity: "error", title: "TB/JG on a drug not acquired under 340B", source: `${BOOK} §2 340B modifiers` },
  DRUG_340B_NOT_IN_PROGRAM: { severity: "warning", title: "340B drug at a facility not in the 340B program", source: `${BOOK} §2 340B modifiers` },
  DRUG_340B_NO_RULE: { severity: "info", title: "No 340B modifier rule for this payer or date", source: `${BOOK} §2 340B modifiers` },
  DRUG_340B_RULE_UNCONFIRMED: { severity: "info", title: "340B modifier from a rule marked (confirm)", source: `${BOOK} §2 340B modifiers` },
  DRUG_WHITE_BAG: { severity: "info", title: "White-bag drug: no drug charge line", source: `${BOOK} §2 white bag` },
  DRUG_WHITE_BAG_CHARGE_LINE: { severity: "error", title: "White-bag drug billed with a drug charge line", source: `${BOOK} §2 white bag` },
  DRUG_NOT_AUTHORIZED: { severity: "error", title: "Drug not covered by a valid authorization", source: "Authorization module" },
  // Claim-level and edits (rule book §3, §4)
  FACILITY_RULE_UNCONFIRMED: { severity: "info", title: "Facility rule marked (confirm)", source: `${BOOK} §3` },
  EDIT_MUE_EXCEEDED: { severity: "error", title: "MUE exceeded", source: "CMS NCCI MUE table for the date of service" },
  EDIT_NCCI_PTP_NOT_ALLOWED: { severity: "error", title: "NCCI pair not allowed", source: "CMS NCCI PTP table for the date of service" },
  EDIT_NCCI_PTP_MODIFIER_REQUIRED: { severity: "warning", title: "NCCI pair needs an NCCI-associated modifier", source: "CMS NCCI PTP table for the date of service" },
  EM_99211_WITH_ADMINISTRATION: { severity: "error", title: "99211 with drug administration", source: `${BOOK} §1 not separately reportable` },
  EM_MODIFIER_25_MISSING: { severity: "warning", title: "E/M with drug administration without modifier 25", source: `${BOOK} §1 not separately reportable` },
  AUDIT_LINE_MISSING: { severity: "warning", title: "Computed line not billed", source: "Billed-line audit" },
  AUDIT_LINE_UNSUPPORTED: { severity: "warning", title: "Billed line not supported by the documentation", source: "Billed-line audit" },
  REFERENCE_MISSING: { severity: "warning", title: "Reference data not loaded for this date", source: `${BOOK} §4` },
  // Pricing (the organization's charge master, applied when a stored visit is coded)
  CHARGE_NOT_ON_FILE: { severity: "info", title: "No charge on file for the code on the date of service", source: "Organization charge master (Settings → Charge master)" },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** 1-based number of the claim line the finding concerns. */
  line?: number;
  /** 1-based number of the billed line (billed-line audit). */
  billedLine?: number;
  administration?: string;
  source: string;
}

export interface FindingDraft<L> {
  rule: RuleId;
  message: string;
  line?: L;
  billedLine?: number;
  administration?: string;
  severity?: Severity;
}

/** Collects findings during coding; lines are referenced by object and numbered at the end. */
export class FindingLog<L> {
  readonly drafts: FindingDraft<L>[] = [];

  add(rule: RuleId, message: string, where: Omit<FindingDraft<L>, "rule" | "message"> = {}): void {
    this.drafts.push({ rule, message, ...where });
  }

  resolve(lineNumber: (line: L) => number | undefined): Finding[] {
    return this.drafts.map((d) => {
      const info: RuleInfo = RULES[d.rule];
      const finding: Finding = { rule: d.rule, severity: d.severity ?? info.severity, message: d.message, source: info.source };
      const line = d.line === undefined ? undefined : lineNumber(d.line);
      if (line !== undefined) finding.line = line;
      if (d.billedLine !== undefined) finding.billedLine = d.billedLine;
      if (d.administration !== undefined) finding.administration = d.administration;
      return finding;
    });
  }
}
