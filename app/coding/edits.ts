// Edits from the loaded CMS data: MUE (practitioner vs outpatient hospital) and NCCI PTP pairs.
// Pairs and limits come only from the reference data passed in, never from this code.
import { NCCI_ASSOCIATED_MODIFIERS } from "./codes";
import type { CodingContext, DraftLine } from "./claim";
import type { MueTable, PtpTable } from "./reference";

const MAI_TEXT: Record<1 | 2 | 3, string> = {
  1: "line edit: units above the limit on one line are denied",
  2: "date-of-service edit based on policy: not payable above the limit, even on appeal",
  3: "date-of-service edit based on clinical data: units above the limit are denied; an appeal needs documentation",
};

export function mueTable(ctx: CodingContext): MueTable {
  return ctx.encounter.setting === "facility" ? "outpatient-hospital" : "practitioner";
}

export function ptpTable(ctx: CodingContext): PtpTable {
  return ctx.encounter.setting === "facility" ? "hospital" : "practitioner";
}

export function applyMue(lines: readonly DraftLine[], ctx: CodingContext): void {
  const table = mueTable(ctx);
  const byCode = new Map<string, DraftLine[]>();
  for (const line of lines) {
    const list = byCode.get(line.code);
    if (list) list.push(line);
    else byCode.set(line.code, [line]);
  }
  for (const [code, codeLines] of byCode) {
    const first = codeLines[0];
    if (!first) continue;
    const edit = ctx.reference.mue(table, code, first.dateOfService);
    if (!edit) continue;
    if (edit.adjudicationIndicator === 1) {
      for (const line of codeLines) {
        if (line.units > edit.value) {
          ctx.findings.add("EDIT_MUE_EXCEEDED", `${code}: ${line.units} units on one line exceed the ${table} MUE of ${edit.value} (MAI 1, ${MAI_TEXT[1]}).`, { line });
        }
      }
      continue;
    }
    const total = codeLines.reduce((sum, l) => sum + l.units, 0);
    if (total > edit.value) {
      ctx.findings.add("EDIT_MUE_EXCEEDED", `${code}: ${total} units on the date of service exceed the ${table} MUE of ${edit.value} (MAI ${edit.adjudicationIndicator}, ${MAI_TEXT[edit.adjudicationIndicator]}).`, { line: first });
    }
  }
}

export function applyPtp(lines: readonly DraftLine[], ctx: CodingContext): void {
  const table = ptpTable(ctx);
  const reported = new Set<string>();
  for (const column1 of lines) {
    for (const column2 of lines) {
      if (column1.code === column2.code) continue;
      // Most pairs have no edit: look it up before building the key that keeps one finding per pair.
      const edit = ctx.reference.ptp(table, column1.code, column2.code, column2.dateOfService);
      if (!edit) continue;
      const pairKey = `${column1.code}|${column2.code}`;
      if (reported.has(pairKey)) continue;
      switch (edit.modifierIndicator) {
        case "0":
          reported.add(pairKey);
          ctx.findings.add("EDIT_NCCI_PTP_NOT_ALLOWED", `NCCI ${table} edit: ${column2.code} is not payable with ${column1.code} on the same date, and no modifier is allowed (${edit.rationale}).`, { line: column2 });
          break;
        case "1":
          if (!column2.modifiers.some((m) => NCCI_ASSOCIATED_MODIFIERS.has(m))) {
            reported.add(pairKey);
            ctx.findings.add("EDIT_NCCI_PTP_MODIFIER_REQUIRED", `NCCI ${table} edit: ${column2.code} with ${column1.code} is payable only with an NCCI-associated modifier (e.g. 59/XS/XU) when the services were truly distinct (${edit.rationale}).`, { line: column2 });
          }
          break;
        case "9":
          break;
      }
    }
  }
}
