import type { ActionFunctionArgs } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { draftedLetter, letterPdf } from "~/case-page.server";
import { LetterFormSchema } from "~/components/case/letter-form";

/** The letter as edited, as a PDF download (the editor's "Download PDF" posts here); nothing is saved. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { facts, letter } = await draftedLetter(request, params);
  const submission = parseWithZod(await request.formData(), { schema: LetterFormSchema });
  if (submission.status !== "success") {
    const problems = Object.values(submission.error ?? {}).flat().filter(Boolean).join(" ");
    throw new Response(problems || "The letter could not be read.", { status: 400 });
  }
  const pdf = await letterPdf(submission.value.text, facts, letter);
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${letter.fileName}"`,
      "Content-Length": String(pdf.byteLength),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
