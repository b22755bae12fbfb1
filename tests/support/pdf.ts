// Reading a PDF's text back in tests: the strings its pages draw (pdf-lib writes `<hex> Tj`), decoded as WinAnsi.
import { PDFArray, PDFDocument, PDFRawStream, decodePDFRawStream, type PDFPage } from "pdf-lib";

/** The lines one page draws, in drawing order. */
export function pageText(page: PDFPage): string[] {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  const lines: string[] = [];
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) continue;
    const source = Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
    for (const match of source.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) lines.push(Buffer.from(match[1]!, "hex").toString("latin1"));
  }
  return lines;
}

/** Every page's lines joined with newlines; throws when the bytes are not a PDF. */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdf = await PDFDocument.load(bytes);
  return { pages: pdf.getPageCount(), text: pdf.getPages().flatMap(pageText).join("\n") };
}
