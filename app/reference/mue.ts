// Importer for the NCCI MUE tables (practitioner, outpatient hospital, DME): CSV after copyright rows,
// header "HCPCS/CPT Code, <Table> Services MUE Values, MUE Adjudication Indicator, MUE Rationale".
import type { MueTable } from "~/coding/reference";
import { HCPCS_PATTERN, importTable } from "./table";
import type { ImportOptions, ImportOutcome, MueRow } from "./types";

function tableOf(valueHeader: string): MueTable | "dme" | undefined {
  if (valueHeader.includes("practitioner")) return "practitioner";
  if (valueHeader.includes("outpatient hospital") || valueHeader.includes("facility outpatient")) return "outpatient-hospital";
  if (valueHeader.includes("dme")) return "dme";
  return undefined;
}

export function importMue(input: string | Uint8Array, options: ImportOptions & { table: MueTable }): ImportOutcome<MueRow> {
  return importTable(
    input,
    options,
    {
      kind: "mue",
      delimiter: ",",
      isHeader: (cells) => (cells[0] ?? "").startsWith("hcpcs/cpt code") && cells.some((c) => c.includes("mue values")),
      columns: {
        code: (h) => h.startsWith("hcpcs/cpt code"),
        value: (h) => h.includes("mue values"),
        indicator: (h) => h.startsWith("mue adjudication indicator"),
        rationale: (h) => h.startsWith("mue rationale"),
      },
      parseRow: (cell, line) => {
        const code = cell("code").toUpperCase();
        if (!HCPCS_PATTERN.test(code)) return `"${cell("code")}" is not a HCPCS/CPT code`;
        const valueText = cell("value");
        const value = /^\d+$/.test(valueText) ? Number(valueText) : undefined;
        if (value === undefined) return `${code}: MUE value "${valueText}" is not a whole number`;
        const indicatorText = cell("indicator");
        const mai = /^([123])\b/.exec(indicatorText)?.[1];
        if (!mai) return `${code}: adjudication indicator "${indicatorText}" does not start with 1, 2 or 3`;
        return { line, code, value, adjudicationIndicator: Number(mai) as 1 | 2 | 3, adjudicationText: indicatorText, rationale: cell("rationale") };
      },
    },
    (header) => {
      const valueHeader = header.find((h) => h.includes("mue values")) ?? "";
      const found = tableOf(valueHeader);
      if (found && found !== options.table) return { error: `This is the ${found} MUE table ("${valueHeader}"), but it is being loaded as ${options.table}.` };
      return { table: options.table };
    },
  );
}
