// Audit of lines already on a claim against what the documentation supports: the rule-book findings
// that only a billed claim can show (JW and JZ together, 96376 on a professional claim, ...).
import { INITIAL_SERVICE_CODES, DISTINCT_SERVICE_MODIFIERS, NOC_DRUG_CODES, isAdministrationCode } from "./codes";
import { isAddOnWithoutBase } from "./administration-lines";
import type { CodingContext, DraftLine } from "./claim";
import type { BilledLine } from "./encounter";
import { modifier340B } from "./modifiers-340b";

const EM_WITH_25 = /^992(0[2-5]|1[2-5])$/;

function unitKey(code: string, modifiers: readonly string[]): string {
  return `${code}${modifiers.includes("JW") ? "|JW" : ""}`;
}

export function auditBilledLines(billed: readonly BilledLine[], coded: readonly DraftLine[], ctx: CodingContext): void {
  const { encounter } = ctx;
  const add = (rule: Parameters<typeof ctx.findings.add>[0], message: string, billedLine: number, severity?: "error" | "warning" | "info") =>
    ctx.findings.add(rule, message, severity ? { billedLine, severity } : { billedLine });
  const billedCodes = new Set(billed.map((b) => b.code));
  const hasAdministration = billed.some((b) => isAdministrationCode(b.code));
  const whiteBag = new Set(encounter.administrations.filter((a) => a.drug?.supply === "white-bag").map((a) => a.drug?.hcpcs ?? ""));
  const codedDrug = new Map(coded.filter((l) => l.drug && !l.drug.isWasteLine).map((l) => [l.code, l]));
  const replacedNoc = new Set(encounter.administrations.map((a) => a.drug?.hcpcs ?? "").filter((c) => NOC_DRUG_CODES.has(c) && !codedDrug.has(c)));
  const decision = modifier340B(encounter, ctx.rules, ctx.dateOfService);
  let initialsSeen = 0;

  billed.forEach((line, index) => {
    const n = index + 1;
    const mods = new Set(line.modifiers);
    if (mods.has("JW") && mods.has("JZ")) add("DRUG_JW_JZ_BOTH", `Billed line ${n} (${line.code}) carries both JW and JZ.`, n);
    if (mods.has("JW") && !billed.some((b) => b.code === line.code && !b.modifiers.includes("JW"))) {
      add("DRUG_JW_WITHOUT_ADMINISTERED", `Billed line ${n} (${line.code} JW) has no line for the administered amount.`, n);
    }
    if (line.code === "96376" && encounter.setting === "professional") {
      add("ADMIN_96376_PROFESSIONAL", `Billed line ${n}: 96376 is facility-only and never appears on a professional claim.`, n);
    }
    if (whiteBag.has(line.code)) {
      add("DRUG_WHITE_BAG_CHARGE_LINE", `Billed line ${n}: ${line.code} was supplied by the payer's specialty pharmacy (white bag) and must not have a drug charge line.`, n);
    }
    if (NOC_DRUG_CODES.has(line.code) && replacedNoc.has(line.code)) {
      add("DRUG_NOC_SPECIFIC_CODE_EXISTS", `Billed line ${n}: ${line.code} is used for a drug that has a specific code.`, n, "error");
    }
    const drug = codedDrug.get(line.code);
    const billed340B = [...mods].filter((m) => m === "TB" || m === "JG");
    if (drug?.drug && billed340B.length > 0 && !drug.drug.acquired340B) {
      add("DRUG_340B_ON_NON_340B", `Billed line ${n}: ${billed340B.join("/")} on ${line.code}, which was not acquired under 340B (TB does not mean non-340B).`, n);
    } else if (drug?.drug?.acquired340B && encounter.facility.program340B && decision.rule) {
      const wrong = billed340B.filter((m) => !decision.accepted.includes(m));
      if (wrong.length > 0 || (decision.modifier && billed340B.length === 0)) {
        add("DRUG_340B_MODIFIER_WRONG", `Billed line ${n}: ${line.code} should carry ${decision.modifier ?? "no 340B modifier"} on ${ctx.dateOfService} for this facility (billed: ${billed340B.join("/") || "none"}).`, n);
      }
    }
    if (INITIAL_SERVICE_CODES.has(line.code)) {
      for (let u = 0; u < Math.max(1, line.units); u++) {
        initialsSeen += 1;
        if (initialsSeen > 1 && !line.modifiers.some((m) => DISTINCT_SERVICE_MODIFIERS.has(m))) {
          add("ADMIN_SECOND_INITIAL_MODIFIER", `Billed line ${n}: a second initial service (${line.code}) needs a separate, medically required IV site and modifier 59 or XE/XP/XS/XU.`, n);
          break;
        }
      }
    }
    if (isAddOnWithoutBase(line, billedCodes)) add("ADMIN_ADDON_WITHOUT_BASE", `Billed line ${n}: add-on ${line.code} is billed without one of its primary codes.`, n);
    if (line.code === "99211" && hasAdministration) add("EM_99211_WITH_ADMINISTRATION", `Billed line ${n}: 99211 is not reported with drug administration.`, n);
    if (EM_WITH_25.test(line.code) && hasAdministration && !mods.has("25")) {
      add("EM_MODIFIER_25_MISSING", `Billed line ${n}: ${line.code} with drug administration needs modifier 25 and a significant, separately identifiable E/M service.`, n);
    }
  });

  for (const [code, line] of codedDrug) {
    if (line.drug?.waste === "none") continue;
    const lines = billed.map((b, i) => ({ b, n: i + 1 })).filter(({ b }) => b.code === code);
    const first = lines[0];
    if (first && !lines.some(({ b }) => b.modifiers.includes("JW") || b.modifiers.includes("JZ"))) {
      add("DRUG_WASTE_MODIFIER_MISSING", `Billed line ${first.n}: ${code} from a single-dose container needs JW (waste line) or JZ (nothing discarded).`, first.n);
    }
  }

  const unitsOf = (lines: readonly { code: string; units: number; modifiers: readonly string[] }[]) => {
    const out = new Map<string, number>();
    for (const l of lines) out.set(unitKey(l.code, l.modifiers), (out.get(unitKey(l.code, l.modifiers)) ?? 0) + l.units);
    return out;
  };
  const billedUnits = unitsOf(billed);
  const codedUnits = unitsOf(coded);
  const firstBilled = (key: string) => billed.findIndex((b) => unitKey(b.code, b.modifiers) === key) + 1;
  for (const [key, units] of codedUnits) {
    const label = key.replace("|", " ");
    const got = billedUnits.get(key);
    if (got === undefined) ctx.findings.add("AUDIT_LINE_MISSING", `${label} × ${units} is supported by the documentation but not billed.`);
    else if (got !== units) ctx.findings.add("UNITS_MISMATCH", `${label}: ${got} unit(s) billed, ${units} computed from the documentation.`, { billedLine: firstBilled(key) });
  }
  for (const [key, units] of billedUnits) {
    const code = key.split("|")[0] ?? key;
    if (codedUnits.has(key) || /^99\d{3}$/.test(code)) continue;
    ctx.findings.add("AUDIT_LINE_UNSUPPORTED", `${key.replace("|", " ")} × ${units} is billed but not supported by the documented administrations.`, { billedLine: firstBilled(key) });
  }
}
