// Facility (UB-04 / 837I) specifics: revenue codes and the off-campus PO/PN modifiers, from dated rules.
import { ADMINISTRATION_CODES, NOC_DRUG_CODES } from "./codes";
import type { CodingContext, DraftLine } from "./claim";
import { type RevenueCodeRule, ruleFor } from "./rules";

function revenueCodeFor(line: DraftLine, rule: RevenueCodeRule): string {
  if (line.kind === "drug") {
    // J3490/J3590/J9999 kept as NOC on an OPPS claim are packaged pharmacy; C9399 needs detailed coding.
    return NOC_DRUG_CODES.has(line.code) && line.code !== "C9399" ? rule.pharmacy : rule.drugDetailedCoding;
  }
  const category = ADMINISTRATION_CODES[line.code]?.revenue ?? "iv-therapy";
  switch (category) {
    case "iv-therapy":
      return rule.ivTherapy;
    case "chemo-injected":
      return rule.chemoInjected;
    case "chemo-iv":
      return rule.chemoIv;
  }
}

export function applyFacilityRules(lines: readonly DraftLine[], ctx: CodingContext): void {
  const { encounter, rules, dateOfService } = ctx;
  if (encounter.setting !== "facility") return;
  const revenue = ruleFor(rules.revenueCodes, dateOfService);
  const offCampus = encounter.facility.offCampus ? ruleFor(rules.offCampus, dateOfService) : undefined;
  const unconfirmed = new Set<string>();
  for (const line of lines) {
    if (revenue) {
      line.revenueCode = revenueCodeFor(line, revenue);
      if (!revenue.confirmed && !revenue.confirmedCodes.includes(line.revenueCode)) unconfirmed.add(line.revenueCode);
    }
    if (offCampus) line.modifiers.push(encounter.facility.excepted ? offCampus.excepted : offCampus.nonExcepted);
  }
  if (!revenue) {
    ctx.findings.add("REFERENCE_MISSING", `No revenue-code rule is in effect on ${dateOfService}: revenue codes are not set.`);
  } else if (unconfirmed.size > 0) {
    ctx.findings.add("FACILITY_RULE_UNCONFIRMED", `Revenue code(s) ${[...unconfirmed].sort().join(", ")} come from a rule marked (confirm): ${revenue.source}.`);
  }
}
