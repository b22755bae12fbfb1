// An administrator's upload of a CMS reference file: multipart with a size limit, the type checked by name and by
// content (text, not a ZIP or a spreadsheet), then the same import as `npx infusion-pa import`, on the owner
// connection (tenants may only read the shared reference tables).
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { isValidIsoDate } from "~/coding/time";
import { MAX_UPLOAD_BYTES, type EditTable, isEditTable, isReferenceKind } from "~/reference/reference-file";
import { importReferenceFile, type StoredImport } from "~/reference/store.server";
import type { RejectedRow } from "~/reference/types";
import { systemDb } from "./db.server";

const ACCEPTED_EXTENSIONS = [".csv", ".txt"];
/** How many rejected rows are sent back to the page; the count is always complete. */
const REJECTED_SHOWN = 200;

export interface UploadFieldErrors {
  kind?: string;
  table?: string;
  quarter?: string;
  file?: string;
}

export type UploadOutcome =
  | { ok: true; stored: Omit<StoredImport, "rejected"> & { rejected: RejectedRow[] } }
  | { ok: false; fieldErrors: UploadFieldErrors; formError?: string };

function describeContent(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return "This is a ZIP archive (CMS publishes its files zipped, and .xlsx files are ZIPs too): unzip it and upload the .csv or .txt inside.";
  }
  if (bytes.subarray(0, 8192).includes(0)) return "This file is not text: upload the CMS file as .csv (ASP, crosswalk, MUE) or .txt (NCCI PTP).";
  return undefined;
}

export async function handleReferenceUpload(request: Request, importedById: string): Promise<UploadOutcome> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) return { ok: false, fieldErrors: { file: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.` } };
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, fieldErrors: { file: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.` } };
    throw error;
  }
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const fieldErrors: UploadFieldErrors = {};
  const kind = text("kind");
  if (!isReferenceKind(kind)) fieldErrors.kind = "Choose the kind of file: ASP pricing, crosswalk, NCCI PTP or MUE.";
  const tableText = text("table");
  const table: EditTable | undefined = tableText === "" || tableText === "auto" ? undefined : isEditTable(tableText) ? tableText : undefined;
  if (tableText !== "" && tableText !== "auto" && !table) fieldErrors.table = "Choose practitioner, hospital or outpatient hospital.";
  const quarter = text("quarter");
  if (quarter !== "" && !isValidIsoDate(quarter)) fieldErrors.quarter = "Enter the first day of the quarter as a date, or leave it empty.";
  const file = formData.get("file");
  if (!(file instanceof Blob) || file.size === 0) fieldErrors.file = "Choose the file to upload.";
  const fileName = file instanceof File ? file.name : "upload.csv";
  if (!fieldErrors.file && !ACCEPTED_EXTENSIONS.some((ext) => fileName.toLowerCase().endsWith(ext))) {
    fieldErrors.file = `"${fileName}" is not a .csv or .txt file. CMS files are published as CSV (ASP, crosswalk, MUE) or tab-delimited text (NCCI PTP).`;
  }
  if (Object.keys(fieldErrors).length > 0 || !(file instanceof Blob) || !isReferenceKind(kind)) return { ok: false, fieldErrors };

  const bytes = new Uint8Array(await file.arrayBuffer());
  const contentProblem = describeContent(bytes);
  if (contentProblem) return { ok: false, fieldErrors: { file: contentProblem } };
  const outcome = await importReferenceFile(systemDb(), { kind, bytes, fileName, table, effectiveFrom: quarter || undefined, importedById });
  if (!outcome.ok) {
    const field = outcome.error.code === "QUARTER_UNKNOWN" ? "quarter" : outcome.error.code.startsWith("TABLE") ? "table" : undefined;
    return field ? { ok: false, fieldErrors: { [field]: outcome.error.message } } : { ok: false, fieldErrors: {}, formError: outcome.error.message };
  }
  return { ok: true, stored: { ...outcome.stored, rejected: outcome.stored.rejected.slice(0, REJECTED_SHOWN) } };
}
