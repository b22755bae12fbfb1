// The charge master's arithmetic, pure: which version of a code's price is in force on a date of service, what a
// claim's lines charge, and how an uploaded price list fits the versions already on file (no overlaps).

export interface ChargeVersion {
  code: string;
  /** YYYY-MM-DD, first day in force. */
  effectiveFrom: string;
  /** YYYY-MM-DD, last day in force (inclusive); null = until the next version. */
  effectiveTo: string | null;
  unitChargeCents: number;
}

/** The version in force on `day`: the latest one starting on or before it, unless that one ended before it. */
export function chargeInForce<V extends ChargeVersion>(versions: readonly V[], code: string, day: string): V | undefined {
  let latest: V | undefined;
  for (const v of versions) if (v.code === code && v.effectiveFrom <= day && (!latest || v.effectiveFrom > latest.effectiveFrom)) latest = v;
  return latest && (latest.effectiveTo === null || latest.effectiveTo >= day) ? latest : undefined;
}

export interface PricedLine {
  chargeCents: number;
  /** False when no charge was on file for the code on the line's date of service (the charge is then 0). */
  onFile: boolean;
}

/** Each line's charge (units × the unit charge in force on its date of service, rounded to the cent) and the total. */
export function priceLines(lines: readonly { code: string; units: number; dateOfService: string }[], versions: readonly ChargeVersion[]): { lines: PricedLine[]; totalCents: number } {
  const priced = lines.map((line) => {
    const version = chargeInForce(versions, line.code, line.dateOfService);
    return version ? { chargeCents: Math.round(line.units * version.unitChargeCents), onFile: true } : { chargeCents: 0, onFile: false };
  });
  return { lines: priced, totalCents: priced.reduce((sum, l) => sum + l.chargeCents, 0) };
}

export const chargeNotOnFileMessage = (code: string, day: string) => `No charge on file for ${code} on ${day}: add it to the charge master under Settings.`;

// ---------------------------------------------------------------- the CSV price list

export const CHARGE_CSV_COLUMNS = [
  { name: "code", required: true, help: "the HCPCS or CPT code (J1745, 96365)" },
  { name: "unit_charge", required: true, help: "the charge per billing unit or per service, in dollars (95.00)" },
  { name: "effective_from", required: true, help: "first day the charge applies, YYYY-MM-DD" },
  { name: "effective_to", required: false, help: "last day it applies, YYYY-MM-DD; empty = until the next version" },
  { name: "description", required: false, help: "what the code is, in your words (Infliximab, 10 mg)" },
] as const;

export type ChargeCsvColumn = (typeof CHARGE_CSV_COLUMNS)[number]["name"];

export interface ChargeRowError {
  /** The file's row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  column: ChargeCsvColumn | "file";
  message: string;
}

export function formatChargeRowError(e: ChargeRowError): string {
  return e.column === "file" ? `row ${e.row}: ${e.message}` : `row ${e.row}, ${e.column}: ${e.message}`;
}

export interface ChargeRow extends ChargeVersion {
  row: number;
  description: string | null;
}

const AMOUNT = /^\$?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/;
const CODE = /^[A-Z0-9][0-9]{3}[0-9A-Z]$/;
const MAX_CENTS = 100_000_000_00; // $100 million per unit: anything above is a typo

/** Dollars as typed ("95", "95.5", "$1,200.00") to whole cents, without floating point. */
export function dollarsToCents(text: string): number | undefined {
  const trimmed = text.trim();
  if (!AMOUNT.test(trimmed)) return undefined;
  const [whole, fraction = ""] = trimmed.replace(/[$,]/g, "").split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

export const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** One CSV row's cells (by column name) checked into a charge row, or the errors naming its cells. */
export function chargeRowFrom(row: number, cells: Partial<Record<ChargeCsvColumn, string>>, errors: ChargeRowError[]): ChargeRow | undefined {
  const before = errors.length;
  const got = (value: string) => (value === "" ? "nothing" : `"${value}"`);
  const code = (cells.code ?? "").trim().toUpperCase();
  if (!CODE.test(code)) errors.push({ row, column: "code", message: `expected a HCPCS or CPT code like J1745 or 96365, got ${got(cells.code ?? "")}` });
  const amount = (cells.unit_charge ?? "").trim();
  const cents = dollarsToCents(amount);
  if (cents === undefined) errors.push({ row, column: "unit_charge", message: `expected an amount like 95.00, got ${got(amount)}` });
  else if (cents > MAX_CENTS) errors.push({ row, column: "unit_charge", message: `expected at most 100,000,000.00 per unit, got "${amount}"` });
  const from = (cells.effective_from ?? "").trim();
  if (!isDay(from)) errors.push({ row, column: "effective_from", message: `expected a date like 2026-01-01, got ${got(from)}` });
  const to = (cells.effective_to ?? "").trim();
  if (to !== "" && !isDay(to)) errors.push({ row, column: "effective_to", message: `expected a date like 2026-12-31 or nothing, got ${got(to)}` });
  else if (to !== "" && isDay(from) && to < from) errors.push({ row, column: "effective_to", message: `expected a date on or after effective_from (${from}), got "${to}"` });
  const description = (cells.description ?? "").trim();
  if (description.length > 200) errors.push({ row, column: "description", message: `expected at most 200 characters, got ${description.length}` });
  if (errors.length > before) return undefined;
  return { row, code, unitChargeCents: cents!, effectiveFrom: from, effectiveTo: to === "" ? null : to, description: description === "" ? null : description };
}

export interface StoredVersion extends ChargeVersion {
  id: string;
}

export interface ChargeImportPlan {
  /** New rows, with effective_to filled in where an open-ended one runs into a later version. */
  inserts: ChargeRow[];
  /** Open-ended versions on file that a new later version ends (the day before it starts). */
  closes: { id: string; effectiveTo: string }[];
  errors: ChargeRowError[];
}

/**
 * Fits the uploaded rows among the versions on file, code by code. An open-ended version ends the day before the
 * next one starts (on file or uploaded); two versions starting the same day, or a version whose end reaches into the
 * next one, overlap and are refused on the uploaded row that causes it.
 */
export function planChargeImport(existing: readonly StoredVersion[], rows: readonly ChargeRow[]): ChargeImportPlan {
  type Entry = { from: string; to: string | null; stored?: StoredVersion; row?: ChargeRow };
  const byCode = new Map<string, Entry[]>();
  const add = (code: string, entry: Entry) => byCode.set(code, [...(byCode.get(code) ?? []), entry]);
  for (const v of existing) add(v.code, { from: v.effectiveFrom, to: v.effectiveTo, stored: v });
  for (const r of rows) add(r.code, { from: r.effectiveFrom, to: r.effectiveTo, row: { ...r } });
  const errors: ChargeRowError[] = [];
  const closes: ChargeImportPlan["closes"] = [];
  const where = (e: Entry) => (e.row ? `row ${e.row.row}` : "on file");
  for (const [code, entries] of byCode) {
    entries.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : (a.row?.row ?? 0) - (b.row?.row ?? 0)));
    for (let i = 1; i < entries.length; i++) {
      const earlier = entries[i - 1]!;
      const later = entries[i]!;
      const blame = later.row ?? earlier.row;
      if (!blame) continue; // both on file: nothing of this upload
      if (earlier.from === later.from) {
        errors.push({ row: blame.row, column: "effective_from", message: `${code} already has a version from ${later.from} (${where(blame === later.row ? earlier : later)}): expected one version per start date` });
      } else if (earlier.to === null) {
        earlier.to = dayBefore(later.from);
        if (earlier.row) earlier.row.effectiveTo = earlier.to;
        else if (earlier.stored) closes.push({ id: earlier.stored.id, effectiveTo: earlier.to });
      } else if (earlier.to >= later.from) {
        errors.push({
          row: blame.row,
          column: blame === earlier.row ? "effective_to" : "effective_from",
          message: `${code} from ${earlier.from} to ${earlier.to} (${where(earlier)}) overlaps the version from ${later.from} (${where(later)}): expected ${code}'s versions not to overlap`,
        });
      }
    }
  }
  const inserts = [...byCode.values()].flatMap((entries) => entries.flatMap((e) => (e.row ? [e.row] : []))).sort((a, b) => a.row - b.row);
  return { inserts, closes, errors: errors.sort((a, b) => a.row - b.row) };
}
