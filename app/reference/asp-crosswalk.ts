// Importer for the CMS ASP NDC-HCPCS crosswalk (CSV, Windows-1252, preamble, header "_YYYY_CODE").
// Billing units per package (BILLUNITSPKG) drive the waste computation when the chart has no vials.
import { normalizeNdc } from "~/coding/ndc";
import { HCPCS_PATTERN, importTable, parseNumber } from "./table";
import type { CrosswalkRow, ImportOptions, ImportOutcome } from "./types";

const CODE_HEADER = /^_?\d{4}_code$|^hcpcs( level ii)? code/;

export function importAspCrosswalk(input: string | Uint8Array, options: ImportOptions = {}): ImportOutcome<CrosswalkRow> {
  return importTable(input, options, {
    kind: "crosswalk",
    delimiter: ",",
    isHeader: (cells) => CODE_HEADER.test(cells[0] ?? "") && cells.some((c) => c.startsWith("ndc")),
    columns: {
      hcpcs: (h) => CODE_HEADER.test(h),
      description: (h) => h.startsWith("short description"),
      labeler: (h) => h === "labeler name",
      ndc: (h) => h === "ndc2" || h === "ndc",
      drugName: (h) => h === "drug name",
      dosage: (h) => h === "hcpcs dosage",
      packageSize: (h) => h === "pkg size",
      packageQuantity: (h) => h === "pkg qty",
      billUnits: (h) => h === "billunits",
      billUnitsPerPackage: (h) => h === "billunitspkg",
    },
    parseRow: (cell, line) => {
      const hcpcs = cell("hcpcs").toUpperCase();
      if (!HCPCS_PATTERN.test(hcpcs)) return `"${cell("hcpcs")}" is not a HCPCS code`;
      const ndc = normalizeNdc(cell("ndc"));
      if (!ndc.ok) return `${hcpcs}: NDC "${cell("ndc")}" is not an NDC in 5-4-2 form`;
      return {
        line,
        hcpcs,
        shortDescription: cell("description"),
        labelerName: cell("labeler"),
        ndc11: ndc.ndc11,
        drugName: cell("drugName"),
        hcpcsDosage: cell("dosage"),
        packageSize: parseNumber(cell("packageSize")),
        packageQuantity: parseNumber(cell("packageQuantity")),
        billUnits: parseNumber(cell("billUnits")),
        billUnitsPerPackage: parseNumber(cell("billUnitsPerPackage")),
      };
    },
  });
}
