// The document forms on the case page (upload, and the kinds a document can have), validated with the same
// schema in the browser and in the action. The bytes themselves are checked on the server (documents.server.ts).
import { z } from "zod";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from "~/email-action-forms";

export const DOCUMENT_MAX_BYTES = ATTACHMENT_MAX_BYTES;
export const DOCUMENT_CONTENT_TYPES = ATTACHMENT_TYPES;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/** The kinds a coordinator files a document under, in their words; the timeline and letters use the same words. */
export const DOCUMENT_KINDS = [
  ["clinical-note", "Clinical note"],
  ["labs", "Lab results"],
  ["letter-of-medical-necessity", "Letter of medical necessity"],
  ["appeal-letter", "Appeal letter"],
  ["payer-decision-letter", "Payer decision letter"],
  ["payer-letter", "Other payer letter"],
  ["infusion-record", "Infusion record (reactions, premedication)"],
  ["weight-record", "Weight or height record"],
  ["imaging", "Imaging report"],
  ["fax-receipt", "Fax receipt"],
  ["portal-screenshot", "Portal screenshot"],
  ["other", "Other"],
] as const;

const KIND_WORDS: Record<string, string> = Object.fromEntries(DOCUMENT_KINDS);

export function documentKindWords(kind: string): string {
  return KIND_WORDS[kind] ?? kind.replace(/-/g, " ");
}

/** "1.2 MB", "84 KB": sizes as a person reads them. */
export function sizeWords(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

const kind = z
  .string({ error: "Choose what kind of document this is" })
  .regex(/^[a-z0-9-]+$/, { error: "Choose what kind of document this is" });

/**
 * A browser may not know a TIFF's type (it sends an empty one); the server decides from the bytes anyway, so an
 * empty type passes here and a declared type outside the four is refused at once.
 */
export const UploadDocumentSchema = z.object({
  document: z
    // A Blob check rather than instanceof File: the browser's, Node's and undici's File classes differ.
    .custom<File>((value) => typeof value === "object" && value !== null && typeof (value as Blob).arrayBuffer === "function", {
      error: "Choose the file to upload (PDF, PNG, JPEG or TIFF)",
    })
    .refine((file) => file.size > 0, "Choose the file to upload (PDF, PNG, JPEG or TIFF); this one is empty")
    .refine((file) => file.size <= DOCUMENT_MAX_BYTES, `The file is too large: documents must be ${sizeWords(DOCUMENT_MAX_BYTES)} or smaller`)
    .refine((file) => file.type === "" || (DOCUMENT_CONTENT_TYPES as readonly string[]).includes(file.type), "Upload a PDF, PNG, JPEG or TIFF file"),
  kind,
  requestedByPayer: z.boolean().default(false),
});

export type UploadDocumentInput = z.output<typeof UploadDocumentSchema>;
