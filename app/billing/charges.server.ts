// The charge master in the database: the versions a claim's codes need (one query), the price list Settings shows
// (in force and scheduled), and the CSV upload, all or nothing in one tenant transaction with its audit row.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { DEFAULT_TIME_ZONE, localDate } from "~/authorizations/calendar";
import { databaseHandle, tenantTransaction } from "~/db.server";
import { readCsvTable } from "~/csv-table";
import {
  CHARGE_CSV_COLUMNS,
  chargeInForce,
  chargeRowFrom,
  planChargeImport,
  type ChargeRow,
  type ChargeRowError,
  type ChargeVersion,
  type StoredVersion,
} from "./charges";

/** Every version of these codes that starts on or before `lastDay`: enough to price any line dated up to it. */
export async function loadChargeVersionsIn(tx: Transaction, codes: readonly string[], lastDay: string): Promise<ChargeVersion[]> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return [];
  return tx
    .select({ code: s.chargeMasterEntries.code, effectiveFrom: s.chargeMasterEntries.effectiveFrom, effectiveTo: s.chargeMasterEntries.effectiveTo, unitChargeCents: s.chargeMasterEntries.unitChargeCents })
    .from(s.chargeMasterEntries)
    .where(and(inArray(s.chargeMasterEntries.code, unique), lte(s.chargeMasterEntries.effectiveFrom, lastDay)));
}

// ---------------------------------------------------------------- the price list on Settings

export interface ChargeEntryView {
  id: string;
  code: string;
  description: string | null;
  unitChargeCents: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  status: "in-force" | "scheduled";
}

/** The versions in force today (in the organization's time zone) and those scheduled to start later, by code. */
export function loadChargeMaster(organizationId: string, now: Date): Promise<{ today: string; entries: ChargeEntryView[] }> {
  return tenantTransaction(organizationId, async (tx) => {
    const [facility] = await tx.select({ timeZone: s.facilities.timeZone }).from(s.facilities).orderBy(asc(s.facilities.createdAt)).limit(1);
    const today = localDate(now, facility?.timeZone ?? DEFAULT_TIME_ZONE);
    // Every version (a price list is a few thousand rows at most): whether one is in force depends on the later ones too.
    const rows = await tx
      .select()
      .from(s.chargeMasterEntries)
      .orderBy(asc(s.chargeMasterEntries.code), asc(s.chargeMasterEntries.effectiveFrom));
    const entries: ChargeEntryView[] = [];
    for (const row of rows) {
      const status = row.effectiveFrom > today ? "scheduled" : chargeInForce(rows, row.code, today)?.id === row.id ? "in-force" : undefined;
      if (status) entries.push({ id: row.id, code: row.code, description: row.description, unitChargeCents: row.unitChargeCents, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo, status });
    }
    return { today, entries };
  });
}

// ---------------------------------------------------------------- the CSV upload

function readChargeRows(text: string): { rows: ChargeRow[]; errors: ChargeRowError[] } {
  const table = readCsvTable(text, CHARGE_CSV_COLUMNS, "charge row");
  const errors: ChargeRowError[] = table.errors;
  const rows: ChargeRow[] = [];
  for (const { row: line, cells } of table.rows) {
    const row = chargeRowFrom(line, cells, errors);
    if (row) rows.push(row);
  }
  return { rows, errors };
}

export type ChargeImportResult = { ok: true; added: number; ended: number } | { ok: false; errors: ChargeRowError[] };

/**
 * Adds an uploaded price list to the charge master: every row checked first, then saved in one transaction, or
 * nothing is saved and each bad cell is named by row and column. An open-ended version on file ends the day before
 * an uploaded later one starts; overlapping versions of a code are refused.
 */
export function importChargeMasterCsv(db: Database, options: { organizationId: string; userId: string; text: string; now?: Date }): Promise<ChargeImportResult> {
  const read = readChargeRows(options.text);
  if (read.errors.length > 0) return Promise.resolve({ ok: false, errors: read.errors });
  return withTenant(db, options.organizationId, async (tx) => {
    // One upload at a time per organization: two would each plan against versions the other is about to change.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`charge-master:${options.organizationId}`}))`);
    const existing: StoredVersion[] = await tx
      .select({ id: s.chargeMasterEntries.id, code: s.chargeMasterEntries.code, effectiveFrom: s.chargeMasterEntries.effectiveFrom, effectiveTo: s.chargeMasterEntries.effectiveTo, unitChargeCents: s.chargeMasterEntries.unitChargeCents })
      .from(s.chargeMasterEntries)
      .where(inArray(s.chargeMasterEntries.code, [...new Set(read.rows.map((r) => r.code))]));
    const plan = planChargeImport(existing, read.rows);
    if (plan.errors.length > 0) return { ok: false as const, errors: plan.errors };
    for (const close of plan.closes) await tx.update(s.chargeMasterEntries).set({ effectiveTo: close.effectiveTo }).where(eq(s.chargeMasterEntries.id, close.id));
    await tx.insert(s.chargeMasterEntries).values(
      plan.inserts.map((r) => ({
        organizationId: options.organizationId,
        code: r.code,
        effectiveFrom: r.effectiveFrom,
        effectiveTo: r.effectiveTo,
        unitChargeCents: r.unitChargeCents,
        description: r.description,
        createdById: options.userId,
      })),
    );
    await tx.insert(s.auditLog).values({
      organizationId: options.organizationId,
      actorUserId: options.userId,
      action: "charge-master.imported",
      entityType: "charge_master",
      detail: { added: plan.inserts.length, ended: plan.closes.length, codes: [...new Set(plan.inserts.map((r) => r.code))] },
      ...(options.now ? { occurredAt: options.now } : {}),
    });
    return { ok: true as const, added: plan.inserts.length, ended: plan.closes.length };
  });
}

export const MAX_CHARGE_CSV_BYTES = 1024 * 1024;

export type ChargeUploadOutcome = { ok: true; fileName: string; added: number; ended: number } | { ok: false; fileName?: string; fileError?: string; errors: ChargeRowError[] };

/** The Settings upload: the multipart file checked for size and kind, then imported. */
export async function handleChargeMasterUpload(request: Request, organizationId: string, userId: string): Promise<ChargeUploadOutcome> {
  const tooLarge = `The file is larger than ${MAX_CHARGE_CSV_BYTES / 1024 / 1024} MB: upload the price list in parts.`;
  if (Number(request.headers.get("content-length") ?? "0") > MAX_CHARGE_CSV_BYTES + 64 * 1024) return { ok: false, fileError: tooLarge, errors: [] };
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CHARGE_CSV_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, fileError: tooLarge, errors: [] };
    throw error;
  }
  const file = formData.get("file");
  if (!(file instanceof Blob) || file.size === 0) return { ok: false, fileError: "Choose the price list CSV to upload.", errors: [] };
  const fileName = file instanceof File && file.name ? file.name : "charges.csv";
  if (!/\.(csv|txt)$/i.test(fileName)) return { ok: false, fileName, fileError: `"${fileName}" is not a .csv file: save the price list as CSV (comma-separated) and upload that.`, errors: [] };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, fileName, fileError: "This file is not text: upload the price list as a CSV file.", errors: [] };
  const result = await importChargeMasterCsv(databaseHandle().db, { organizationId, userId, text: new TextDecoder("utf-8").decode(bytes) });
  return result.ok ? { ok: true, fileName, added: result.added, ended: result.ended } : { ok: false, fileName, errors: result.errors };
}
