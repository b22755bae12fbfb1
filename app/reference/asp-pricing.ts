// Importer for the CMS quarterly ASP pricing file (CSV, Windows-1252, preamble rows, header "HCPCS Code").
// The "HCPCS Code Dosage" column is the authoritative billing unit.
import { parseDescriptor } from "~/coding/quantity";
import { HCPCS_PATTERN, importTable, parseNumber } from "./table";
import type { AspPricingRow, ImportOptions, ImportOutcome } from "./types";

export function importAspPricing(input: string | Uint8Array, options: ImportOptions = {}): ImportOutcome<AspPricingRow> {
  return importTable(input, options, {
    kind: "asp",
    delimiter: ",",
    isHeader: (cells) => cells[0] === "hcpcs code" && cells.some((c) => c.includes("payment limit")),
    columns: {
      hcpcs: (h) => h === "hcpcs code",
      description: (h) => h === "short description",
      dosage: (h) => h === "hcpcs code dosage" || h === "hcpcs dosage",
      paymentLimit: (h) => h === "payment limit",
      coinsurance: (h) => h.startsWith("co-insurance") || h.startsWith("coinsurance"),
      notes: (h) => h === "notes",
    },
    optionalColumns: ["coinsurance", "notes"],
    parseRow: (cell, line) => {
      const hcpcs = cell("hcpcs").toUpperCase();
      if (!HCPCS_PATTERN.test(hcpcs)) return `"${cell("hcpcs")}" is not a HCPCS code`;
      const dosage = cell("dosage");
      if (dosage === "") return `${hcpcs}: no HCPCS code dosage`;
      const paymentLimit = parseNumber(cell("paymentLimit"));
      if (paymentLimit === undefined) return `${hcpcs}: payment limit "${cell("paymentLimit")}" is not a number`;
      if (paymentLimit < 0) return `${hcpcs}: payment limit ${paymentLimit} is negative`;
      return {
        line,
        hcpcs,
        shortDescription: cell("description"),
        dosage,
        billingUnit: parseDescriptor(dosage),
        paymentLimit,
        coinsurancePercent: parseNumber(cell("coinsurance")),
        notes: cell("notes"),
      };
    },
  });
}
