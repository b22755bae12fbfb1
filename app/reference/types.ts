// Reference data rows as imported from the CMS files, and the result of an import.
import type { Quantity } from "~/coding/quantity";
import type { MueTable, PtpTable } from "~/coding/reference";
import type { TextEncodingName } from "./decode";

export type ReferenceKind = "asp" | "crosswalk" | "ptp" | "mue";

export interface AspPricingRow {
  line: number;
  hcpcs: string;
  shortDescription: string;
  /** "HCPCS Code Dosage" as published, e.g. "10 MG". */
  dosage: string;
  billingUnit: Quantity | undefined;
  paymentLimit: number;
  coinsurancePercent: number | undefined;
  notes: string;
}

export interface CrosswalkRow {
  line: number;
  hcpcs: string;
  shortDescription: string;
  labelerName: string;
  ndc11: string;
  drugName: string;
  hcpcsDosage: string;
  packageSize: number | undefined;
  packageQuantity: number | undefined;
  billUnits: number | undefined;
  billUnitsPerPackage: number | undefined;
}

export interface PtpRow {
  line: number;
  column1: string;
  column2: string;
  existedBefore1996: boolean;
  effectiveDate: string;
  deletionDate: string | undefined;
  modifierIndicator: "0" | "1" | "9";
  rationale: string;
}

export interface MueRow {
  line: number;
  code: string;
  value: number;
  adjudicationIndicator: 1 | 2 | 3;
  adjudicationText: string;
  rationale: string;
}

export interface RejectedRow {
  line: number;
  reason: string;
  text: string;
}

export interface ImportedFile<T> {
  kind: ReferenceKind;
  /** First day the file is in force (the quarter it belongs to). */
  effectiveFrom: string;
  rows: T[];
  rejected: RejectedRow[];
  /** 1-based line of the header row. */
  headerLine: number;
  preamble: string[];
  encoding: TextEncodingName;
  /** PTP and MUE files belong to one table. */
  table?: PtpTable | MueTable | "dme";
}

export type ImportErrorCode = "HEADER_NOT_FOUND" | "COLUMN_MISSING" | "QUARTER_UNKNOWN" | "TABLE_MISMATCH" | "NO_ROWS";

export interface ImportError {
  code: ImportErrorCode;
  message: string;
}

export type ImportOutcome<T> = ({ ok: true } & ImportedFile<T>) | { ok: false; error: ImportError };

export interface ImportOptions {
  /** First day of the quarter; detected from the preamble or file name when omitted. */
  effectiveFrom?: string;
  fileName?: string;
}
