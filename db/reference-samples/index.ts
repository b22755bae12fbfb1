// Small CMS reference files shaped exactly like the real ones (preamble, header, cp1252, quirks, a few bad rows);
// values are illustrative. Load them with `npx infusion-pa import <kind> <file>` or the Reference data screen.
import path from "node:path";
import type { EditTable } from "../../app/reference/reference-file";
import type { ReferenceKind } from "../../app/reference/types";

export const referenceSamplesDir = import.meta.dirname;

export interface ReferenceSample {
  file: string;
  kind: ReferenceKind;
  table?: EditTable;
}

export const REFERENCE_SAMPLES: readonly ReferenceSample[] = [
  { file: "asp-pricing-2024-10.csv", kind: "asp" },
  { file: "asp-pricing-2025-01.csv", kind: "asp" },
  { file: "asp-crosswalk-2025-01.csv", kind: "crosswalk" },
  { file: "ncci-ptp-practitioner-2025q1.txt", kind: "ptp", table: "practitioner" },
  { file: "ncci-ptp-hospital-2025q1.txt", kind: "ptp", table: "hospital" },
  { file: "mue-practitioner-2025q1.csv", kind: "mue", table: "practitioner" },
  { file: "mue-outpatient-hospital-2025q1.csv", kind: "mue", table: "outpatient-hospital" },
];

export function referenceSamplePath(file: string): string {
  return path.join(referenceSamplesDir, file);
}
