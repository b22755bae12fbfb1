// The letter PDF: it parses, it holds the letter's words (read back from its content streams), long letters
// run onto more pages with the case number at every foot, and characters Helvetica lacks do not break it.
import { PDFDocument } from "pdf-lib";
import { renderLetterPdf, wrapParagraph } from "~/letters/letter-pdf.server";
import { pageText } from "../../support/pdf";

const now = new Date("2026-03-20T15:00:00Z");

describe("renderLetterPdf", () => {
  it("writes a PDF that parses and contains the letter's lines, title and footer", async () => {
    const bytes = await renderLetterPdf("Dear Medical Director,\n\nPlease approve infliximab (J1745) 5 mg/kg at the hospital.\n\nSincerely,", {
      title: "Level 1 appeal",
      footer: "PA-000110 · site-of-care letter",
      now,
    });
    expect(Buffer.from(bytes.slice(0, 5)).toString("latin1")).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe("Level 1 appeal");
    expect(pdf.getCreationDate()?.toISOString()).toBe(now.toISOString());
    const text = pageText(pdf.getPage(0));
    expect(text).toContain("Dear Medical Director,");
    expect(text).toContain("Please approve infliximab (J1745) 5 mg/kg at the hospital.");
    expect(text).toContain("PA-000110 · site-of-care letter · page 1 of 1");
  });

  it("wraps long paragraphs and runs onto as many pages as the text needs, numbering each", async () => {
    const paragraph = Array.from({ length: 40 }, (_, i) => `Sentence ${i + 1} of the clinical history, with enough words to need wrapping.`).join(" ");
    const text = Array.from({ length: 6 }, () => paragraph).join("\n\n");
    const pdf = await PDFDocument.load(await renderLetterPdf(text, { title: "Long letter", footer: "PA-000001", now }));
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(3);
    const pages = pdf.getPages().map(pageText);
    pages.forEach((lines, i) => expect(lines.at(-1)).toBe(`PA-000001 · page ${i + 1} of ${pages.length}`));
    const words = pages.flatMap((lines) => lines.slice(0, -1)).join(" ");
    expect(words).toContain("Sentence 40 of the clinical history");
    expect((words.match(/Sentence 1 of/g) ?? []).length).toBe(6);
  });

  it("replaces characters Helvetica cannot encode instead of failing", async () => {
    const pdf = await PDFDocument.load(await renderLetterPdf("Dose ≥ 5 mg/kg → 400 mg; emoji 💉 here; BSA 1.9 m²", { title: "t", footer: "f", now }));
    expect(pageText(pdf.getPage(0))).toContain("Dose >= 5 mg/kg -> 400 mg; emoji ? here; BSA 1.9 m²");
  });
});

describe("wrapParagraph", () => {
  const measure = (text: string) => text.length;

  it("keeps each line within the width and the paragraph's indentation on every line", () => {
    const lines = wrapParagraph("     Evidence: nursing note on rate titration every fifteen minutes during the last infusion", 30, measure);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(30);
      expect(line.startsWith("     ")).toBe(true);
    }
    expect(lines.map((l) => l.trim()).join(" ")).toBe("Evidence: nursing note on rate titration every fifteen minutes during the last infusion");
  });

  it("cuts a word longer than the line", () => {
    const lines = wrapParagraph("ref ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10, measure);
    expect(lines.every((l) => l.length <= 10)).toBe(true);
    expect(lines.join("").replace(/\s/g, "")).toBe("refABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  });

  it("keeps an empty line as a blank line", () => {
    expect(wrapParagraph("", 10, measure)).toEqual([""]);
  });
});
