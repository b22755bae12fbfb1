// The forms behind email action links, validated with the same schemas in the browser and on the server.
import { z } from "zod";

export const ATTACHMENT_TYPES = ["application/pdf", "image/png", "image/jpeg", "image/tiff"] as const;
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

export const AttestContinuedTherapySchema = z.object({
  attest: z.literal("on", { error: "Tick the box to attest that therapy continues" }),
  response: z
    .string({ error: "Describe the response to therapy (a sentence or two)" })
    .trim()
    .min(3, "Describe the response to therapy (a sentence or two)")
    .max(2000, "Keep the response to 2,000 characters"),
  weightKg: z.coerce
    .number({ error: "Enter the current weight in kg, e.g. 72.5" })
    .positive("Enter the current weight in kg, e.g. 72.5")
    .lt(700, "Enter the current weight in kg, e.g. 72.5")
    .optional(),
});

export const UploadRequestedDocumentSchema = z.object({
  document: z
    // A Blob check rather than instanceof File: the browser's, Node's and undici's File classes differ.
    .custom<File>((value) => typeof value === "object" && value !== null && typeof (value as Blob).arrayBuffer === "function", {
      error: "Choose the document to upload (PDF, PNG, JPEG or TIFF)",
    })
    .refine((file) => file.size > 0, "Choose the document to upload (PDF, PNG, JPEG or TIFF)")
    .refine((file) => file.size <= ATTACHMENT_MAX_BYTES, "The document must be 25 MB or smaller")
    .refine((file) => (ATTACHMENT_TYPES as readonly string[]).includes(file.type), "Upload a PDF, PNG, JPEG or TIFF file"),
  note: z.string().trim().max(2000, "Keep the note to 2,000 characters").optional(),
});

export const PickP2PWindowsSchema = z.object({
  windows: z
    .string({ error: "Enter at least one time you can take the call, one per line (e.g. Tue 12–1 pm)" })
    .transform((text) =>
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(120, "Keep each window to one short line")).min(1, "Enter at least one time you can take the call, one per line (e.g. Tue 12–1 pm)").max(10, "Offer at most 10 windows")),
  phone: z.string().trim().max(40, "Enter a phone number").optional(),
});
