// The engine's output, a CodedClaim, and the working types shared by the coding steps.
import type { Encounter } from "./encounter";
import type { Finding, FindingLog } from "./findings";
import type { CodingPolicy } from "./policy";
import type { CodingReference } from "./reference";
import type { CodingRules } from "./rules";

export const NDC_QUALIFIERS = ["UN", "ML", "GR", "F2", "ME"] as const;
export type NdcQualifier = (typeof NDC_QUALIFIERS)[number];

export interface LineNdc {
  /** 11 digits, no hyphens (5-4-2). */
  code: string;
  qualifier: NdcQualifier;
  /** Up to three decimals. */
  quantity: number;
}

export interface ClaimLine {
  code: string;
  units: number;
  modifiers: string[];
  dateOfService: string;
  ndc?: LineNdc;
  /** Facility claims only. */
  revenueCode?: string;
  /** NOC lines: drug name, NDC and dose (837 SV101-7 / NTE). */
  note?: string;
  /** Ids of the administrations the line comes from. */
  administrations: string[];
  /** Our own short label of the code. */
  label: string;
  /** Why the line was produced, in a biller's words. */
  explanation: string;
}

export interface CodedClaim {
  setting: Encounter["setting"];
  dateOfService: string;
  /** Facility claims only (UB-04 / 837I). */
  typeOfBill?: string;
  lines: ClaimLine[];
  findings: Finding[];
}

/** A line while the claim is being built: drug lines keep what the audit and 340B steps need. */
export interface DraftLine extends ClaimLine {
  kind: "administration" | "drug";
  drug?: {
    hcpcs: string;
    acquired340B: boolean;
    waste: "JW" | "JZ" | "none";
    isWasteLine: boolean;
  };
  /** Sort key inside its kind; lines keep the order the steps produced them otherwise. */
  order: number;
}

export interface CodingContext {
  encounter: Encounter;
  reference: CodingReference;
  policy: CodingPolicy;
  rules: CodingRules;
  dateOfService: string;
  findings: FindingLog<DraftLine>;
}

/** An authorization's coverage, from the authorization module, for the drug-coverage finding. */
export interface AuthorizationCoverage {
  hcpcs: string;
  from: string;
  to: string;
  /** Units still available; omitted when the authorization is not unit-limited. */
  remainingUnits?: number;
}

export interface CodeOptions {
  /** When given, each drug line must be covered by one of these. */
  authorizations?: readonly AuthorizationCoverage[];
}
