// NDC normalisation to the 11-digit 5-4-2 billing form, with the three 10-digit layouts.

export type NdcResult =
  | { ok: true; ndc11: string; layout: "5-4-2" | "4-4-2" | "5-3-2" | "5-4-1" | "11-digit" }
  | { ok: false; reason: "ambiguous"; candidates: string[] }
  | { ok: false; reason: "invalid" };

const SEGMENTED = /^(\d{4,5})-(\d{3,4})-(\d{1,2})$/;

export function normalizeNdc(raw: string): NdcResult {
  const text = raw.trim().replace(/\s+/g, "");
  const segmented = SEGMENTED.exec(text);
  if (segmented) {
    const [, labeler = "", product = "", pkg = ""] = segmented;
    const shape = `${labeler.length}-${product.length}-${pkg.length}`;
    switch (shape) {
      case "5-4-2":
        return { ok: true, ndc11: labeler + product + pkg, layout: "5-4-2" };
      case "4-4-2":
        return { ok: true, ndc11: `0${labeler}${product}${pkg}`, layout: "4-4-2" };
      case "5-3-2":
        return { ok: true, ndc11: `${labeler}0${product}${pkg}`, layout: "5-3-2" };
      case "5-4-1":
        return { ok: true, ndc11: `${labeler}${product}0${pkg}`, layout: "5-4-1" };
      default:
        return { ok: false, reason: "invalid" };
    }
  }
  if (/^\d{11}$/.test(text)) return { ok: true, ndc11: text, layout: "11-digit" };
  if (/^\d{10}$/.test(text)) return { ok: false, reason: "ambiguous", candidates: tenDigitCandidates(text) };
  return { ok: false, reason: "invalid" };
}

/** The three 11-digit NDCs a hyphen-less 10-digit NDC could stand for (4-4-2, 5-3-2, 5-4-1). */
export function tenDigitCandidates(digits: string): string[] {
  return [`0${digits}`, `${digits.slice(0, 5)}0${digits.slice(5)}`, `${digits.slice(0, 9)}0${digits.slice(9)}`];
}

export function formatNdc11(ndc11: string): string {
  return `${ndc11.slice(0, 5)}-${ndc11.slice(5, 9)}-${ndc11.slice(9)}`;
}
