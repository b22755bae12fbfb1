// The common shape of a CMS file import: decode, find the header row after the preamble, map columns
// by name, parse each row or reject it with its line number, and find the quarter the file belongs to.
import { isValidIsoDate } from "~/coding/time";
import { isBlank, parseDelimited, type TextRecord } from "./csv";
import { decodeCmsText } from "./decode";
import type { ImportOptions, ImportOutcome, ReferenceKind, RejectedRow } from "./types";

export function normalizeHeader(cell: string): string {
  return cell.replace(/\s+/g, " ").trim().toLowerCase();
}

export interface TableSpec<T, C extends string> {
  kind: ReferenceKind;
  delimiter: "," | "\t" | "auto";
  isHeader(cells: readonly string[]): boolean;
  /** Column finders by our name; every one must match a header cell. */
  columns: Record<C, (header: string) => boolean>;
  /** Rows right after the header whose first cell is empty continue the header (NCCI PTP). */
  headerContinues?: boolean;
  /** Columns that older layouts lack; they read as empty. */
  optionalColumns?: readonly NoInfer<C>[];
  parseRow(cell: (column: C) => string, line: number): T | string;
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** A quarter's first day from text such as "April 2025 ASP Pricing File", "Eff_01-01-2025", "2025 Q3". */
export function detectEffectiveFrom(texts: readonly string[]): string | undefined {
  for (const text of texts) {
    const month = new RegExp(`\\b(${MONTHS.join("|")})\\s+(20\\d\\d)\\b`, "i").exec(text);
    if (month) return `${month[2]}-${String(MONTHS.indexOf((month[1] ?? "").toLowerCase()) + 1).padStart(2, "0")}-01`;
    const numeric = /(?:eff(?:ective)?[\s_:-]*)(\d{1,2})[-/_](\d{1,2})[-/_](20\d\d)\b/i.exec(text);
    if (numeric) {
      const iso = `${numeric[3]}-${(numeric[1] ?? "").padStart(2, "0")}-${(numeric[2] ?? "").padStart(2, "0")}`;
      if (isValidIsoDate(iso)) return iso;
    }
    const quarter = /\b(20\d\d)[\s_-]*Q([1-4])\b|\bQ([1-4])[\s_-]*(20\d\d)\b/i.exec(text);
    if (quarter) {
      const year = quarter[1] ?? quarter[4];
      const q = Number(quarter[2] ?? quarter[3]);
      return `${year}-${String((q - 1) * 3 + 1).padStart(2, "0")}-01`;
    }
  }
  return undefined;
}

function chooseDelimiter(text: string, spec: "," | "\t" | "auto"): "," | "\t" {
  if (spec !== "auto") return spec;
  return text.slice(0, 20_000).includes("\t") ? "\t" : ",";
}

export function importTable<T, C extends string>(
  input: string | Uint8Array,
  options: ImportOptions,
  spec: TableSpec<T, C>,
  extra?: (header: readonly string[]) => { table?: "practitioner" | "hospital" | "outpatient-hospital" | "dme"; error?: string },
): ImportOutcome<T> {
  const { text, encoding } = decodeCmsText(input);
  const delimiter = chooseDelimiter(text, spec.delimiter);
  // Tab-delimited CMS files are not quoted: a stray quote in a rationale must stay a quote.
  const records = parseDelimited(text, delimiter, { quotes: delimiter === "," });
  const headerIndex = records.slice(0, 200).findIndex((r) => spec.isHeader(r.cells.map(normalizeHeader)));
  const header = records[headerIndex];
  if (headerIndex < 0 || !header) {
    return { ok: false, error: { code: "HEADER_NOT_FOUND", message: `No ${spec.kind} header row was found in the first 200 rows; is this the right file?` } };
  }
  const headerCells = header.cells.map(normalizeHeader);
  const positions = {} as Record<C, number>;
  for (const name of Object.keys(spec.columns) as C[]) {
    const index = headerCells.findIndex((h) => spec.columns[name](h));
    if (index < 0 && spec.optionalColumns?.includes(name)) {
      positions[name] = -1;
      continue;
    }
    if (index < 0) {
      return { ok: false, error: { code: "COLUMN_MISSING", message: `Line ${header.line}: the ${spec.kind} header has no "${name}" column (found: ${header.cells.join(" | ")}).` } };
    }
    positions[name] = index;
  }
  const found = extra?.(headerCells) ?? {};
  if (found.error) return { ok: false, error: { code: "TABLE_MISMATCH", message: found.error } };

  const preamble = records.slice(0, headerIndex).filter((r) => !isBlank(r)).map((r) => r.cells.filter((c) => c.trim() !== "").join(" ").trim());
  const effectiveFrom = options.effectiveFrom ?? detectEffectiveFrom([...preamble, options.fileName ?? ""]);
  if (!effectiveFrom || !isValidIsoDate(effectiveFrom)) {
    return { ok: false, error: { code: "QUARTER_UNKNOWN", message: `The quarter of this ${spec.kind} file could not be found in its preamble or name; give its effective date (YYYY-MM-DD).` } };
  }

  const rows: T[] = [];
  const rejected: RejectedRow[] = [];
  let inHeader = spec.headerContinues === true;
  for (const record of records.slice(headerIndex + 1)) {
    if (isBlank(record)) continue;
    if (inHeader && (record.cells[0] ?? "").trim() === "") continue;
    inHeader = false;
    const parsed = spec.parseRow((column) => (record.cells[positions[column]] ?? "").trim(), record.line);
    if (typeof parsed === "string") rejected.push(reject(record, parsed, delimiter));
    else rows.push(parsed);
  }
  if (rows.length === 0) {
    return { ok: false, error: { code: "NO_ROWS", message: `The ${spec.kind} file has a header on line ${header.line} but no valid rows (${rejected.length} rejected).` } };
  }
  const result: ImportOutcome<T> = { ok: true, kind: spec.kind, effectiveFrom, rows, rejected, headerLine: header.line, preamble, encoding };
  if (found.table) result.table = found.table;
  return result;
}

function reject(record: TextRecord, reason: string, delimiter: string): RejectedRow {
  return { line: record.line, reason, text: record.cells.join(delimiter === "\t" ? "\t" : ",") };
}

export const HCPCS_PATTERN = /^[A-Z0-9]\d{3}[A-Z0-9]$/;

/** A number as CMS prints it: "1,234.50", "$12.3", "20%", " 7 ". */
export function parseNumber(text: string): number | undefined {
  const cleaned = text.replace(/[$,%\s]/g, "");
  if (cleaned === "") return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : undefined;
}
