// One entry for every CMS reference file: choose the importer by kind, find the edit table (given, or from the
// file name or header), and answer one parsed file or one error a person can act on. Pure: bytes in, rows out.
import type { MueTable, PtpTable } from "~/coding/reference";
import { importAspCrosswalk } from "./asp-crosswalk";
import { importAspPricing } from "./asp-pricing";
import { importMue } from "./mue";
import { importNcciPtp } from "./ncci-ptp";
import type { AspPricingRow, CrosswalkRow, ImportError, ImportedFile, MueRow, PtpRow, ReferenceKind } from "./types";

/** The largest upload accepted on the Reference data screen: the biggest CMS file (one NCCI PTP part) is well under it. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export const REFERENCE_KINDS = ["asp", "crosswalk", "ptp", "mue"] as const satisfies readonly ReferenceKind[];
export const EDIT_TABLES = ["practitioner", "hospital", "outpatient-hospital"] as const;
export type EditTable = (typeof EDIT_TABLES)[number];

export const REFERENCE_KIND_LABELS: Record<ReferenceKind, string> = {
  asp: "ASP pricing file",
  crosswalk: "ASP NDC–HCPCS crosswalk",
  ptp: "NCCI PTP edits",
  mue: "MUE limits",
};

export const EDIT_TABLE_LABELS: Record<EditTable, string> = {
  practitioner: "Practitioner",
  hospital: "Hospital",
  "outpatient-hospital": "Outpatient hospital",
};

export type ParsedReferenceFile =
  | ({ kind: "asp" } & ImportedFile<AspPricingRow>)
  | ({ kind: "crosswalk" } & ImportedFile<CrosswalkRow>)
  | ({ kind: "ptp"; table: PtpTable } & ImportedFile<PtpRow>)
  | ({ kind: "mue"; table: MueTable } & ImportedFile<MueRow>);

export type ReferenceFileErrorCode = ImportError["code"] | "TABLE_REQUIRED" | "TABLE_INVALID";

export interface ReferenceFileError {
  code: ReferenceFileErrorCode;
  message: string;
}

export type ReferenceFileOutcome = { ok: true; file: ParsedReferenceFile } | { ok: false; error: ReferenceFileError };

export interface ReferenceFileOptions {
  /** PTP: practitioner | hospital; MUE: practitioner | outpatient-hospital. Found from the file when omitted. */
  table?: EditTable | undefined;
  /** First day of the quarter (YYYY-MM-DD); found from the preamble or file name when omitted. */
  effectiveFrom?: string | undefined;
  fileName?: string | undefined;
}

const PTP_TABLES: readonly PtpTable[] = ["practitioner", "hospital"];
const MUE_TABLES: readonly MueTable[] = ["practitioner", "outpatient-hospital"];

export function isReferenceKind(value: string): value is ReferenceKind {
  return (REFERENCE_KINDS as readonly string[]).includes(value);
}

export function isEditTable(value: string): value is EditTable {
  return (EDIT_TABLES as readonly string[]).includes(value);
}

/** The table a file name points to: CMS names PTP files ccipra (practitioner) / ccioph (hospital). */
function tableFromFileName(kind: "ptp" | "mue", fileName: string): EditTable | undefined {
  const name = fileName.toLowerCase();
  if (/ccipra|practitioner/.test(name)) return "practitioner";
  if (kind === "ptp" && /ccioph|hospital/.test(name)) return "hospital";
  if (kind === "mue" && /outpatient|hospital|\boph\b|_oph/.test(name)) return "outpatient-hospital";
  return undefined;
}

function importOptions(options: ReferenceFileOptions) {
  return {
    ...(options.effectiveFrom ? { effectiveFrom: options.effectiveFrom } : {}),
    ...(options.fileName ? { fileName: options.fileName } : {}),
  };
}

export function parseReferenceFile(kind: ReferenceKind, input: string | Uint8Array, options: ReferenceFileOptions = {}): ReferenceFileOutcome {
  const base = importOptions(options);
  switch (kind) {
    case "asp": {
      const result = importAspPricing(input, base);
      return result.ok ? { ok: true, file: { ...result, kind: "asp" } } : result;
    }
    case "crosswalk": {
      const result = importAspCrosswalk(input, base);
      return result.ok ? { ok: true, file: { ...result, kind: "crosswalk" } } : result;
    }
    case "ptp": {
      const table = options.table ?? tableFromFileName("ptp", options.fileName ?? "");
      if (!table) return { ok: false, error: { code: "TABLE_REQUIRED", message: "Say which NCCI PTP table this is: practitioner or hospital." } };
      if (!PTP_TABLES.includes(table as PtpTable)) return { ok: false, error: { code: "TABLE_INVALID", message: `NCCI PTP tables are practitioner and hospital, not ${table}.` } };
      const result = importNcciPtp(input, { ...base, table: table as PtpTable });
      return result.ok ? { ok: true, file: { ...result, kind: "ptp", table: table as PtpTable } } : result;
    }
    case "mue":
      return parseMue(input, options, base);
  }
}

/** MUE headers name their table ("Practitioner Services MUE Values"): without a table, the header decides. */
function parseMue(input: string | Uint8Array, options: ReferenceFileOptions, base: ReturnType<typeof importOptions>): ReferenceFileOutcome {
  const given = options.table ?? tableFromFileName("mue", options.fileName ?? "");
  if (given && !MUE_TABLES.includes(given as MueTable)) {
    return { ok: false, error: { code: "TABLE_INVALID", message: `MUE tables are practitioner and outpatient-hospital, not ${given}.` } };
  }
  const candidates = given ? [given as MueTable] : MUE_TABLES;
  const results = candidates.map((table) => ({ table, result: importMue(input, { ...base, table }) }));
  const loaded = results.filter((r) => r.result.ok);
  const only = loaded.length === 1 ? loaded[0] : undefined;
  if (only?.result.ok) return { ok: true, file: { ...only.result, kind: "mue", table: only.table } };
  if (loaded.length > 1) return { ok: false, error: { code: "TABLE_REQUIRED", message: "The MUE header does not say its table: say practitioner or outpatient-hospital." } };
  const failure = results.map((r) => r.result).find((r) => !r.ok && r.error.code !== "TABLE_MISMATCH") ?? results[0]?.result;
  return failure && !failure.ok ? failure : { ok: false, error: { code: "NO_ROWS", message: "The MUE file has no rows." } };
}

/** "2025-01-01" → "2025 Q1": how billers name a quarter. */
export function quarterLabel(effectiveFrom: string): string {
  const [year, month] = effectiveFrom.split("-").map(Number);
  if (!year || !month) return effectiveFrom;
  const startsQuarter = (month - 1) % 3 === 0;
  return startsQuarter ? `${year} Q${(month - 1) / 3 + 1}` : `from ${effectiveFrom}`;
}
