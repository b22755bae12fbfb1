// Reading an uploaded CSV whose first row names its columns (the day's visits, the charge master): the header is
// checked against the documented columns, and each body row comes back keyed by column with its row number as a
// spreadsheet shows it. Problems with the file as a whole are named on column "file".
import { parse } from "csv-parse/sync";

export interface CsvColumnSpec<Name extends string> {
  name: Name;
  required: boolean;
  help: string;
}

export interface CsvFileError {
  row: number;
  column: "file";
  message: string;
}

export interface CsvTableRow<Name extends string> {
  /** The file's row number (the header is row 1). */
  row: number;
  cells: Partial<Record<Name, string>>;
}

/** The rows of `text` keyed by column, or what is wrong with the file; `rowNoun` names a body row ("charge row"). */
export function readCsvTable<Name extends string>(text: string, columns: readonly CsvColumnSpec<Name>[], rowNoun: string): { rows: CsvTableRow<Name>[]; errors: CsvFileError[] } {
  const known: readonly string[] = columns.map((c) => c.name);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    return { rows: [], errors: [{ row: e.lines ?? 1, column: "file", message: `not readable as CSV: ${e.message ?? String(error)}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ row: 1, column: "file", message: `expected a header row naming the columns (${known.join(", ")})` }] };
  const names = header.record.map((n) => n.trim().toLowerCase().replace(/\s+/g, "_"));
  const errors: CsvFileError[] = [];
  for (const name of names) if (!known.includes(name)) errors.push({ row: header.info.lines, column: "file", message: `unknown column "${name}": expected only ${known.join(", ")}` });
  for (const column of columns) if (column.required && !names.includes(column.name)) errors.push({ row: header.info.lines, column: "file", message: `missing column "${column.name}" (${column.help})` });
  if (errors.length > 0) return { rows: [], errors };
  if (body.length === 0) return { rows: [], errors: [{ row: 2, column: "file", message: `expected at least one ${rowNoun} after the header` }] };
  const rows = body.map(({ record, info }) => {
    const cells: Partial<Record<Name, string>> = {};
    names.forEach((name, i) => (cells[name as Name] = record[i] ?? ""));
    return { row: info.lines, cells };
  });
  return { rows, errors };
}
