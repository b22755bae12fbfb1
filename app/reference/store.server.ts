// CMS reference files in the database: store an imported file in ONE transaction (re-importing a quarter
// replaces that quarter; a failed import leaves what was there), list what is loaded, and (re-exported from
// load-reference.server.ts) build the engine's CodingReference from the tables for a date of service.
// Writes need the owner connection: app_user may only read these tables.
import { createHash } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client";
import * as s from "../../db/schema";
import { type ParsedReferenceFile, type ReferenceFileError, type ReferenceFileOptions, parseReferenceFile } from "./reference-file";
import type { AspPricingRow, CrosswalkRow, MueRow, PtpRow, ReferenceKind, RejectedRow } from "./types";

export { loadReferenceSet } from "./load-reference.server";
export type { LoadReferenceOptions } from "./load-reference.server";

/** How many rejected rows are kept with an import (the count is always complete). */
export const REJECTED_ROWS_KEPT = 1000;
const CHUNK = 2000;

/** What a reference_imports row says about one file, whether just stored or listed later. */
interface ImportFacts {
  kind: ReferenceKind;
  table: string;
  effectiveFrom: string;
  fileName: string;
  rowsLoaded: number;
  rowsRejected: number;
  rejected: RejectedRow[];
}

export interface StoredImport extends ImportFacts {
  importId: string;
  /** Every rejected row, with its line number in the file (the database keeps the first REJECTED_ROWS_KEPT). */
  rejected: RejectedRow[];
  /** True when the import replaced an earlier import of the same quarter. */
  replaced: boolean;
  encoding: string;
  headerLine: number;
}

export type ImportReferenceOutcome = { ok: true; stored: StoredImport } | { ok: false; error: ReferenceFileError | { code: "DATABASE"; message: string } };

export interface ImportReferenceInput extends ReferenceFileOptions {
  kind: ReferenceKind;
  bytes: Uint8Array;
  fileName: string;
  importedById?: string | null | undefined;
}

/** Parses and stores a CMS file. Invalid files answer an error; a database failure changes nothing and answers one too. */
export async function importReferenceFile(db: Database, input: ImportReferenceInput): Promise<ImportReferenceOutcome> {
  const parsed = parseReferenceFile(input.kind, input.bytes, input);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, stored: await storeReferenceFile(db, parsed.file, { fileName: input.fileName, bytes: input.bytes, importedById: input.importedById ?? null }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: "DATABASE", message: `The import failed and nothing was changed: ${message}` } };
  }
}

/** Rows whose unique key repeats an earlier row of the file are rejected, naming the line they repeat. */
function dedupe<T extends { line: number }>(rows: readonly T[], key: (row: T) => string, describe: (row: T) => string): { rows: T[]; rejected: RejectedRow[] } {
  const first = new Map<string, number>();
  const kept: T[] = [];
  const rejected: RejectedRow[] = [];
  for (const row of rows) {
    const k = key(row);
    const seen = first.get(k);
    if (seen === undefined) {
      first.set(k, row.line);
      kept.push(row);
    } else rejected.push({ line: row.line, reason: `${describe(row)} repeats line ${seen}`, text: describe(row) });
  }
  return { rows: kept, rejected };
}

/** Inserts in chunks (under the protocol's parameter limit); rows repeating a unique key are rejected instead. */
async function insertRows<T extends { line: number }>(
  rows: readonly T[],
  unique: { key: (row: T) => string; describe: (row: T) => string } | undefined,
  insert: (chunk: T[]) => Promise<unknown>,
): Promise<{ loaded: number; duplicates: RejectedRow[] }> {
  const { rows: kept, rejected } = unique ? dedupe(rows, unique.key, unique.describe) : { rows, rejected: [] };
  for (let i = 0; i < kept.length; i += CHUNK) await insert(kept.slice(i, i + CHUNK));
  return { loaded: kept.length, duplicates: rejected };
}

interface RowContext {
  importId: string;
  quarter: string;
  table: string;
}

function aspPriceRow(r: AspPricingRow, { importId, quarter }: RowContext): typeof s.aspPrices.$inferInsert {
  return {
    importId,
    effectiveFrom: quarter,
    hcpcs: r.hcpcs,
    shortDescription: r.shortDescription,
    dosage: r.dosage,
    billingUnitQuantity: r.billingUnit?.value ?? null,
    billingUnit: r.billingUnit?.unit ?? null,
    paymentLimit: r.paymentLimit,
    coinsurancePercent: r.coinsurancePercent ?? null,
    notes: r.notes,
    sourceLine: r.line,
  };
}

function crosswalkRow(r: CrosswalkRow, { importId, quarter }: RowContext): typeof s.ndcCrosswalk.$inferInsert {
  return {
    importId,
    effectiveFrom: quarter,
    hcpcs: r.hcpcs,
    ndc11: r.ndc11,
    shortDescription: r.shortDescription,
    labelerName: r.labelerName,
    drugName: r.drugName,
    hcpcsDosage: r.hcpcsDosage,
    packageSize: r.packageSize ?? null,
    packageQuantity: r.packageQuantity ?? null,
    billUnits: r.billUnits ?? null,
    billUnitsPerPackage: r.billUnitsPerPackage ?? null,
    sourceLine: r.line,
  };
}

function ptpEditRow(r: PtpRow, { importId, quarter, table }: RowContext): typeof s.ncciPtpEdits.$inferInsert {
  return {
    importId,
    editTable: table,
    quarterFrom: quarter,
    column1: r.column1,
    column2: r.column2,
    existedBefore1996: r.existedBefore1996,
    effectiveDate: r.effectiveDate,
    deletionDate: r.deletionDate ?? null,
    modifierIndicator: r.modifierIndicator,
    rationale: r.rationale,
    sourceLine: r.line,
  };
}

function mueLimitRow(r: MueRow, { importId, quarter, table }: RowContext): typeof s.mueLimits.$inferInsert {
  return { importId, editTable: table, quarterFrom: quarter, code: r.code, value: r.value, adjudicationIndicator: r.adjudicationIndicator, rationale: r.rationale, sourceLine: r.line };
}

/** Stores a parsed file in one transaction: the quarter's earlier import (and its rows) go, the new ones come. */
export async function storeReferenceFile(
  db: Database,
  file: ParsedReferenceFile,
  meta: { fileName: string; bytes: Uint8Array | string; importedById?: string | null },
): Promise<StoredImport> {
  const table = file.kind === "ptp" || file.kind === "mue" ? file.table : "";
  const quarter = file.effectiveFrom;
  const sha256 = createHash("sha256").update(meta.bytes).digest("hex");

  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(s.referenceImports)
      .where(and(eq(s.referenceImports.kind, file.kind), eq(s.referenceImports.editTable, table), eq(s.referenceImports.effectiveFrom, quarter)))
      .returning({ id: s.referenceImports.id });

    const [created] = await tx
      .insert(s.referenceImports)
      .values({ kind: file.kind, editTable: table, effectiveFrom: quarter, fileName: meta.fileName, sha256, encoding: file.encoding, rowsLoaded: 0, rowsRejected: 0, importedById: meta.importedById ?? null })
      .returning({ id: s.referenceImports.id });
    const importId = created!.id;

    const where: RowContext = { importId, quarter, table };
    let stored: { loaded: number; duplicates: RejectedRow[] };
    switch (file.kind) {
      case "asp":
        stored = await insertRows(file.rows, { key: (r) => r.hcpcs, describe: (r) => `HCPCS ${r.hcpcs}` }, (chunk) =>
          tx.insert(s.aspPrices).values(chunk.map((r) => aspPriceRow(r, where))),
        );
        break;
      case "crosswalk":
        stored = await insertRows(file.rows, { key: (r) => `${r.ndc11}|${r.hcpcs}`, describe: (r) => `NDC ${r.ndc11} for ${r.hcpcs}` }, (chunk) =>
          tx.insert(s.ndcCrosswalk).values(chunk.map((r) => crosswalkRow(r, where))),
        );
        break;
      case "ptp":
        // A PTP file may list a pair more than once (different effective dates): no key to keep unique.
        stored = await insertRows(file.rows, undefined, (chunk) => tx.insert(s.ncciPtpEdits).values(chunk.map((r) => ptpEditRow(r, where))));
        break;
      case "mue":
        stored = await insertRows(file.rows, { key: (r) => r.code, describe: (r) => `code ${r.code}` }, (chunk) =>
          tx.insert(s.mueLimits).values(chunk.map((r) => mueLimitRow(r, where))),
        );
        break;
    }
    const { loaded, duplicates } = stored;

    const rejected = [...file.rejected, ...duplicates].sort((a, b) => a.line - b.line);
    await tx
      .update(s.referenceImports)
      .set({ rowsLoaded: loaded, rowsRejected: rejected.length, rejected: rejected.slice(0, REJECTED_ROWS_KEPT) })
      .where(eq(s.referenceImports.id, importId));
    return {
      importId,
      kind: file.kind,
      table,
      effectiveFrom: quarter,
      fileName: meta.fileName,
      rowsLoaded: loaded,
      rowsRejected: rejected.length,
      rejected,
      replaced: removed.length > 0,
      encoding: file.encoding,
      headerLine: file.headerLine,
    };
  });
}

export interface ReferenceImportSummary extends ImportFacts {
  id: string;
  importedAt: Date;
  importedById: string | null;
  /** Null when imported from the command line, or by a user the reader's organization cannot see. */
  importedByName: string | null;
}

/** Every loaded file, newest quarter first, with who imported it (readable by app_user). */
export async function listReferenceImports(db: Executor): Promise<ReferenceImportSummary[]> {
  const rows = await db
    .select({
      id: s.referenceImports.id,
      kind: s.referenceImports.kind,
      table: s.referenceImports.editTable,
      effectiveFrom: s.referenceImports.effectiveFrom,
      fileName: s.referenceImports.fileName,
      rowsLoaded: s.referenceImports.rowsLoaded,
      rowsRejected: s.referenceImports.rowsRejected,
      rejected: s.referenceImports.rejected,
      importedAt: s.referenceImports.importedAt,
      importedById: s.referenceImports.importedById,
      importedByName: s.users.name,
    })
    .from(s.referenceImports)
    .leftJoin(s.users, eq(s.users.id, s.referenceImports.importedById))
    .orderBy(desc(s.referenceImports.effectiveFrom), s.referenceImports.kind, s.referenceImports.editTable);
  return rows.map((r) => ({ ...r, rejected: (r.rejected ?? []) as RejectedRow[] }));
}
