// The reference data the engine reads, as a port: app/reference builds it from the CMS files
// (ASP pricing, NDC-HCPCS crosswalk, NCCI PTP, MUE) and the drug catalog; tests build it the same way.
import type { Quantity } from "./quantity";
import type { CodingRules } from "./rules";
import type { PayerPolicy } from "./policy";

export interface DrugReference {
  hcpcs: string;
  /** Our own short label (never the AMA/CMS long descriptor). */
  label: string;
  /** The billing unit from the ASP file's "HCPCS Code Dosage" (authoritative) or the seed catalog. */
  billingUnit: Quantity | undefined;
  /** The descriptor text as published, for messages when it cannot be parsed. */
  billingUnitText: string;
  /** Whether chemotherapy/complex administration codes may be used with this drug (per-drug flag). */
  complexAdministration?: boolean;
  /** Hormonal antineoplastic (96402 rather than 96401 for SC/IM chemotherapy). */
  hormonalAntineoplastic?: boolean;
  /** Usual container type when the encounter does not say. */
  singleDose?: boolean;
  /** Usual single-dose vial sizes, the last fallback for the least-waste computation. */
  vials?: readonly Quantity[];
  /** OPPS status indicator for the DOS year when loaded (Addendum B); "N" means packaged. */
  oppsStatus?: string;
}

export interface NdcReference {
  ndc11: string;
  hcpcs: string;
  drugName: string;
  /** Billing units in one package (crosswalk BILLUNITSPKG): the package content in descriptor units. */
  billUnitsPerPackage?: number;
}

export type PtpTable = "practitioner" | "hospital";
export type MueTable = "practitioner" | "outpatient-hospital";

export interface PtpEdit {
  column1: string;
  column2: string;
  effectiveDate: string;
  deletionDate?: string;
  /** 0 = not allowed, 1 = allowed with an NCCI-associated modifier, 9 = not applicable. */
  modifierIndicator: "0" | "1" | "9";
  rationale: string;
}

export interface MueEdit {
  code: string;
  value: number;
  /** MAI 1 = line edit, 2 = date-of-service edit (policy), 3 = date-of-service edit (clinical). */
  adjudicationIndicator: 1 | 2 | 3;
  rationale: string;
}

export interface CodingReference {
  drug(hcpcs: string, dateOfService: string): DrugReference | undefined;
  /** Crosswalk rows for an 11-digit NDC in the quarter of the date of service. */
  ndc(ndc11: string, dateOfService: string): readonly NdcReference[];
  ptp(table: PtpTable, column1: string, column2: string, dateOfService: string): PtpEdit | undefined;
  mue(table: MueTable, code: string, dateOfService: string): MueEdit | undefined;
  /** A code that was deleted and its successor (J9310 → J9312), for a helpful message. */
  replacedCode?(hcpcs: string): string | undefined;
  /** Overrides of the engine's dated rules (340B table, revenue codes, JW/JZ dates). */
  rules?: Partial<CodingRules>;
  payerPolicies?: readonly PayerPolicy[];
}
