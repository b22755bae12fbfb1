// A letter's text as a PDF (US Letter, Helvetica 11 pt, one-inch margins): paragraphs wrapped to the line,
// indentation kept, as many pages as the text needs, each with the case number and "page n of m" at the foot.
import { PDFDocument, StandardFonts, rgb, type PDFFont } from "pdf-lib";

const PAGE = { width: 612, height: 792 };
const MARGIN = 72;
const FONT_SIZE = 11;
const LEADING = 15;
const FOOTER_SIZE = 8;

/** Characters Helvetica's WinAnsi encoding lacks, written the way a typist would. */
const SUBSTITUTES: Record<string, string> = { "≥": ">=", "≤": "<=", "→": "->", "←": "<-", "≠": "!=", "\t": "    ", "\u00a0": " ", "\u2212": "-", "\u2009": " ", "\u202f": " " };

function encodable(font: PDFFont): (text: string) => string {
  const supported = new Set(font.getCharacterSet());
  return (text) =>
    [...text]
      .map((ch) => {
        if (supported.has(ch.codePointAt(0)!)) return ch;
        return SUBSTITUTES[ch] ?? "?";
      })
      .join("");
}

/** Breaks one paragraph into lines no wider than `width`, keeping its leading indentation on every line. */
export function wrapParagraph(paragraph: string, width: number, measure: (text: string) => number): string[] {
  if (paragraph.trim() === "") return [""];
  const indent = /^\s*/.exec(paragraph)![0];
  const words = paragraph.trim().split(/\s+/);
  const lines: string[] = [];
  let line = indent;
  const fits = (text: string) => measure(text) <= width;
  for (const word of words) {
    const candidate = line.trim() === "" ? `${indent}${word}` : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line.trim() !== "") lines.push(line);
    // A word wider than the line (a long reference number) is cut where it has to be.
    let rest = word;
    line = indent;
    while (!fits(`${indent}${rest}`)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(`${indent}${rest.slice(0, cut)}`)) cut--;
      lines.push(`${indent}${rest.slice(0, cut)}`);
      rest = rest.slice(cut);
    }
    line = `${indent}${rest}`;
  }
  if (line.trim() !== "") lines.push(line);
  return lines;
}

export interface LetterPdfOptions {
  title: string;
  /** Printed at the foot of every page with the page number (a case number, never the patient's name). */
  footer: string;
  author?: string;
  /** Creation date written in the PDF's metadata. */
  now: Date;
}

export async function renderLetterPdf(text: string, options: LetterPdfOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const clean = encodable(font);
  pdf.setTitle(clean(options.title));
  pdf.setSubject(clean(options.footer));
  if (options.author) pdf.setAuthor(clean(options.author));
  pdf.setCreator("Infusion PA");
  pdf.setProducer("Infusion PA (pdf-lib)");
  pdf.setCreationDate(options.now);
  pdf.setModificationDate(options.now);

  const width = PAGE.width - 2 * MARGIN;
  const measure = (line: string) => font.widthOfTextAtSize(line, FONT_SIZE);
  const lines = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .flatMap((paragraph) => wrapParagraph(clean(paragraph), width, measure));
  const perPage = Math.floor((PAGE.height - 2 * MARGIN) / LEADING);
  const pages = Math.max(1, Math.ceil(lines.length / perPage));
  for (let p = 0; p < pages; p++) {
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    lines.slice(p * perPage, (p + 1) * perPage).forEach((line, i) => {
      if (line !== "") page.drawText(line, { x: MARGIN, y: PAGE.height - MARGIN - FONT_SIZE - i * LEADING, size: FONT_SIZE, font, color: rgb(0, 0, 0) });
    });
    const footer = clean(`${options.footer} · page ${p + 1} of ${pages}`);
    page.drawText(footer, { x: MARGIN, y: MARGIN / 2, size: FOOTER_SIZE, font, color: rgb(0.35, 0.35, 0.35) });
  }
  return pdf.save();
}
