// Documents on file for submitted cases: the letter of medical necessity sent with each request, and the payer's
// decision letter once one came back. Small, valid, deterministic PDFs that carry the case number only (no PHI).
import { createHash } from "node:crypto";
import { DEFAULT_TIME_ZONE, localDate } from "../../app/authorizations";
import type { CaseRef } from "./cases";
import type { Organization } from "./organization";
import { at } from "./random";
import type { Context } from "./types";

/** A one-page PDF with a few lines of Helvetica text, byte-for-byte the same for the same lines. */
export function tinyPdf(lines: string[]): Uint8Array {
  const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = ["BT /F1 12 Tf 72 740 Td 16 TL", ...lines.map((line) => `(${escape(line)}) Tj T*`), "ET"].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

export function buildDocuments(ctx: Context, org: Organization, cases: CaseRef[]): void {
  const { rng, data, organizationId } = ctx;
  const add = (c: CaseRef, kind: string, fileName: string, lines: string[], day: string, requestedByPayer = false) => {
    const content = tinyPdf(lines);
    const createdAt = at(day, 9, 15);
    data.documents.push({
      id: rng.uuid(),
      organizationId,
      patientId: c.draft.patient.id,
      caseId: c.draft.id,
      kind,
      fileName,
      contentType: "application/pdf",
      sizeBytes: content.byteLength,
      sha256: createHash("sha256").update(content).digest("hex"),
      content,
      requestedByPayer,
      sentAt: kind === "letter-of-medical-necessity" ? createdAt : null,
      uploadedById: org.users.coordinator,
      createdAt,
    });
  };
  const dayOf = (instant: string) => localDate(new Date(instant), DEFAULT_TIME_ZONE);
  for (const c of cases) {
    const { submission, decision } = c.state;
    if (!submission) continue;
    const caseNumber = c.row.caseNumber;
    add(c, "letter-of-medical-necessity", `${caseNumber}-letter-of-medical-necessity.pdf`, [`Letter of medical necessity`, `Case ${caseNumber}`, `Demo document generated for Riverside Infusion Center.`], dayOf(submission.submittedAt));
    if (decision) {
      add(c, "payer-decision-letter", `${caseNumber}-payer-decision.pdf`, [`Payer decision letter`, `Case ${caseNumber}`, `Decision: ${decision.outcome.replace(/_/g, " ")}`], dayOf(decision.decidedAt));
    }
  }
}
