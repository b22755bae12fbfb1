// Case and patient documents: stored in Postgres (bytea) or, when DOCUMENTS_DIR is set, as files named by the
// organization and document id (never by the uploader's file name). The type is decided from the file's first
// bytes, not from what the browser says; size is capped at 25 MiB. Every read and write runs in the caller's
// tenant transaction, so row-level security keeps one organization's documents from another's.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { and, desc, eq, inArray, or } from "drizzle-orm";
import type { Transaction } from "../db/client";
import * as s from "../db/schema";
import { DOCUMENT_MAX_BYTES, sizeWords, type DocumentContentType } from "./components/case/document-forms";
import { loadConfig } from "./config.server";

const SIGNATURES: { type: DocumentContentType; bytes: number[] }[] = [
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { type: "image/tiff", bytes: [0x49, 0x49, 0x2a, 0x00] }, // little-endian II*
  { type: "image/tiff", bytes: [0x4d, 0x4d, 0x00, 0x2a] }, // big-endian MM*
];

/** The file's real type from its magic bytes; undefined when it is none of PDF, PNG, JPEG or TIFF. */
export function sniffContentType(bytes: Uint8Array): DocumentContentType | undefined {
  return SIGNATURES.find((signature) => signature.bytes.every((b, i) => bytes[i] === b))?.type;
}

export type DocumentCheck = { ok: true; contentType: DocumentContentType } | { ok: false; message: string };

/** Size and type from the bytes; the message names what was wrong and what is accepted. */
export function checkDocumentBytes(bytes: Uint8Array): DocumentCheck {
  if (bytes.byteLength === 0) return { ok: false, message: "The file is empty; choose the document to upload (PDF, PNG, JPEG or TIFF)." };
  if (bytes.byteLength > DOCUMENT_MAX_BYTES) {
    return { ok: false, message: `The file is too large (${sizeWords(bytes.byteLength)}): documents must be ${sizeWords(DOCUMENT_MAX_BYTES)} or smaller.` };
  }
  const contentType = sniffContentType(bytes);
  if (!contentType) return { ok: false, message: "This file is not a PDF, PNG, JPEG or TIFF (its contents say otherwise, whatever its name); upload one of those." };
  return { ok: true, contentType };
}

/** A file name safe to show and to put in a Content-Disposition header. */
export function cleanFileName(name: string, contentType: DocumentContentType): string {
  const base = path.basename(name.replace(/\\/g, "/")).replace(/[^\w.\- ()]+/g, "_").trim().slice(0, 120);
  const extension = { "application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", "image/tiff": ".tif" }[contentType];
  if (!base || base === "." || base === "..") return `document${extension}`;
  return base;
}

export interface NewDocument {
  organizationId: string;
  patientId: string;
  caseId?: string;
  kind: string;
  fileName: string;
  bytes: Uint8Array;
  requestedByPayer?: boolean;
  sentAt?: Date;
  uploadedById?: string;
}

export type StoredDocument = { ok: true; documentId: string; contentType: DocumentContentType; fileName: string } | { ok: false; message: string };

function documentsDir(): string | undefined {
  return loadConfig().DOCUMENTS_DIR;
}

function filePath(dir: string, storagePath: string): string {
  const root = path.resolve(dir);
  const full = path.resolve(root, storagePath);
  if (!full.startsWith(`${root}${path.sep}`)) throw new Error("A document's storage path points outside DOCUMENTS_DIR.");
  return full;
}

/**
 * Checks and stores one document; the row is written in `tx`. With DOCUMENTS_DIR the file is written first and
 * removed again if the row cannot be written, so neither is left without the other.
 */
export async function storeDocument(tx: Transaction, doc: NewDocument, options: { dir?: string | undefined } = { dir: documentsDir() }): Promise<StoredDocument> {
  const check = checkDocumentBytes(doc.bytes);
  if (!check.ok) return check;
  const id = randomUUID();
  const fileName = cleanFileName(doc.fileName, check.contentType);
  const storagePath = options.dir ? `${doc.organizationId}/${id}` : undefined;
  if (options.dir && storagePath) {
    const full = filePath(options.dir, storagePath);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, doc.bytes, { flag: "wx", mode: 0o600 });
  }
  try {
    await tx.insert(s.documents).values({
      id,
      organizationId: doc.organizationId,
      patientId: doc.patientId,
      caseId: doc.caseId ?? null,
      kind: doc.kind,
      fileName,
      contentType: check.contentType,
      sizeBytes: doc.bytes.byteLength,
      sha256: createHash("sha256").update(doc.bytes).digest("hex"),
      content: storagePath ? null : doc.bytes,
      storagePath: storagePath ?? null,
      requestedByPayer: doc.requestedByPayer ?? false,
      sentAt: doc.sentAt ?? null,
      uploadedById: doc.uploadedById ?? null,
    });
  } catch (error) {
    if (options.dir && storagePath) await rm(filePath(options.dir, storagePath), { force: true });
    throw error;
  }
  return { ok: true, documentId: id, contentType: check.contentType, fileName };
}

/** Takes back a document whose attachment the engine refused: the row and, when on disk, the file. */
export async function removeDocument(tx: Transaction, documentId: string, options: { dir?: string | undefined } = { dir: documentsDir() }): Promise<void> {
  const [row] = await tx.delete(s.documents).where(eq(s.documents.id, documentId)).returning({ storagePath: s.documents.storagePath });
  if (row?.storagePath && options.dir) await rm(filePath(options.dir, row.storagePath), { force: true });
}

/** The document and its bytes; undefined when it is not one of this organization's documents. */
export async function readDocument(tx: Transaction, documentId: string, options: { dir?: string | undefined } = { dir: documentsDir() }) {
  const [row] = await tx.select().from(s.documents).where(eq(s.documents.id, documentId));
  if (!row) return undefined;
  let bytes: Uint8Array;
  if (row.content) bytes = row.content;
  else if (row.storagePath) {
    if (!options.dir) throw new Error(`Document ${row.id} is stored in DOCUMENTS_DIR, which is not configured.`);
    bytes = new Uint8Array(await readFile(filePath(options.dir, row.storagePath)));
  } else throw new Error(`Document ${row.id} has no content.`);
  // The checksum catches a file changed or truncated on disk; never serve it as if it were the upload.
  if (row.sha256.length === 64 && createHash("sha256").update(bytes).digest("hex") !== row.sha256) {
    throw new Error(`Document ${row.id} does not match its checksum; it was changed after upload.`);
  }
  return { id: row.id, patientId: row.patientId, caseId: row.caseId, fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes, bytes };
}

const listing = {
  id: s.documents.id,
  caseId: s.documents.caseId,
  kind: s.documents.kind,
  fileName: s.documents.fileName,
  contentType: s.documents.contentType,
  sizeBytes: s.documents.sizeBytes,
  requestedByPayer: s.documents.requestedByPayer,
  sentAt: s.documents.sentAt,
  createdAt: s.documents.createdAt,
  uploadedBy: s.users.name,
};

export type DocumentListing = Awaited<ReturnType<typeof patientDocuments>>[number];

/** The patient's documents, newest first, without their bytes. */
export function patientDocuments(tx: Transaction, patientId: string) {
  return tx
    .select(listing)
    .from(s.documents)
    .leftJoin(s.users, eq(s.users.id, s.documents.uploadedById))
    .where(eq(s.documents.patientId, patientId))
    .orderBy(desc(s.documents.createdAt), desc(s.documents.id));
}

/** The case's documents: uploaded on it, or attached to it from the patient's file (`attachedIds`). */
export function caseDocuments(tx: Transaction, caseId: string, attachedIds: readonly string[]) {
  const onCase = eq(s.documents.caseId, caseId);
  return tx
    .select(listing)
    .from(s.documents)
    .leftJoin(s.users, eq(s.users.id, s.documents.uploadedById))
    .where(attachedIds.length > 0 ? or(onCase, inArray(s.documents.id, [...attachedIds])) : onCase)
    .orderBy(desc(s.documents.createdAt), desc(s.documents.id));
}

/** Whether the document belongs to the patient (an attach form may only pick the patient's own documents). */
export async function isPatientDocument(tx: Transaction, documentId: string, patientId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: s.documents.id })
    .from(s.documents)
    .where(and(eq(s.documents.id, documentId), eq(s.documents.patientId, patientId)));
  return row !== undefined;
}
