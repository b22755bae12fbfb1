// Importer for the NCCI procedure-to-procedure edit files (practitioner "ccipra", hospital "ccioph"):
// tab-delimited text after copyright lines, a header split over several lines, dates as YYYYMMDD.
import type { PtpTable } from "~/coding/reference";
import { isValidIsoDate } from "~/coding/time";
import { HCPCS_PATTERN, importTable } from "./table";
import type { ImportOptions, ImportOutcome, PtpRow } from "./types";

function cmsDate(text: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return isValidIsoDate(iso) ? iso : undefined;
}

export function importNcciPtp(input: string | Uint8Array, options: ImportOptions & { table: PtpTable }): ImportOutcome<PtpRow> {
  const fileTable = /ccioph|hospital/i.test(options.fileName ?? "") ? "hospital" : /ccipra|practitioner/i.test(options.fileName ?? "") ? "practitioner" : undefined;
  return importTable(
    input,
    options,
    {
      kind: "ptp",
      delimiter: "auto",
      isHeader: (cells) => cells.includes("column 1") && cells.includes("column 2"),
      headerContinues: true,
      columns: {
        column1: (h) => h === "column 1",
        column2: (h) => h === "column 2",
        prior1996: (h) => h.includes("prior to 1996") || h.startsWith("*=in existence"),
        effective: (h) => h.startsWith("effective"),
        deletion: (h) => h.startsWith("deletion"),
        modifier: (h) => h.startsWith("modifier"),
        rationale: (h) => h.includes("rationale"),
      },
      parseRow: (cell, line) => {
        const column1 = cell("column1").toUpperCase();
        const column2 = cell("column2").toUpperCase();
        if (!HCPCS_PATTERN.test(column1) || !HCPCS_PATTERN.test(column2)) return `"${cell("column1")}"/"${cell("column2")}" is not a pair of codes`;
        const effectiveDate = cmsDate(cell("effective"));
        if (!effectiveDate) return `${column1}/${column2}: effective date "${cell("effective")}" is not YYYYMMDD`;
        const deletionText = cell("deletion");
        const deletionDate = deletionText === "" || deletionText === "*" ? undefined : cmsDate(deletionText);
        if (deletionText !== "" && deletionText !== "*" && !deletionDate) return `${column1}/${column2}: deletion date "${deletionText}" is not YYYYMMDD or *`;
        const modifier = cell("modifier");
        if (modifier !== "0" && modifier !== "1" && modifier !== "9") return `${column1}/${column2}: modifier indicator "${modifier}" is not 0, 1 or 9`;
        return { line, column1, column2, existedBefore1996: cell("prior1996") === "*", effectiveDate, deletionDate, modifierIndicator: modifier, rationale: cell("rationale") };
      },
    },
    () => (fileTable && fileTable !== options.table ? { error: `The file name says ${fileTable} PTP edits, but it is being loaded as ${options.table}.` } : { table: options.table }),
  );
}
