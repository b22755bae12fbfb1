// The seed drug table (rule book §5): our own labels, billing units to verify against the ASP file
// (which wins when loaded for the date of service), usual vials, and flags the engine needs.
import type { Quantity } from "~/coding/quantity";

export interface DrugCatalogEntry {
  hcpcs: string;
  label: string;
  /** HCPCS dosage as the ASP file writes it. */
  billingUnit: string;
  vials?: Quantity[];
  singleDose?: boolean;
  /** false: never a chemotherapy/complex administration; undefined: the documentation decides. */
  complexAdministration?: boolean;
  hormonalAntineoplastic?: boolean;
}

const mg = (value: number): Quantity => ({ value, unit: "mg" });

export const SEED_DRUGS: readonly DrugCatalogEntry[] = [
  { hcpcs: "J9271", label: "Pembrolizumab", billingUnit: "1 MG", vials: [mg(100)], singleDose: true, complexAdministration: true },
  { hcpcs: "J9299", label: "Nivolumab", billingUnit: "1 MG", singleDose: true, complexAdministration: true },
  { hcpcs: "J9035", label: "Bevacizumab", billingUnit: "10 MG", singleDose: true, complexAdministration: true },
  { hcpcs: "J9312", label: "Rituximab", billingUnit: "10 MG", vials: [mg(100), mg(500)], singleDose: true },
  { hcpcs: "J1745", label: "Infliximab, not biosimilar", billingUnit: "10 MG", vials: [mg(100)], singleDose: true },
  { hcpcs: "Q5103", label: "Infliximab-dyyb, biosimilar", billingUnit: "10 MG", vials: [mg(100)], singleDose: true },
  { hcpcs: "Q5104", label: "Infliximab-abda, biosimilar", billingUnit: "10 MG", vials: [mg(100)], singleDose: true },
  { hcpcs: "J2350", label: "Ocrelizumab", billingUnit: "1 MG", singleDose: true },
  { hcpcs: "J1569", label: "Immune globulin", billingUnit: "500 MG", complexAdministration: false },
  { hcpcs: "J3380", label: "Vedolizumab IV", billingUnit: "1 MG", vials: [mg(300)], singleDose: true },
  { hcpcs: "J2323", label: "Natalizumab", billingUnit: "1 MG", vials: [mg(300)], singleDose: true },
  { hcpcs: "J0129", label: "Abatacept", billingUnit: "10 MG", vials: [mg(250)], singleDose: true },
  { hcpcs: "J9045", label: "Carboplatin", billingUnit: "50 MG", singleDose: false, complexAdministration: true },
  { hcpcs: "J9267", label: "Paclitaxel", billingUnit: "1 MG", singleDose: false, complexAdministration: true },
  { hcpcs: "J9190", label: "Fluorouracil", billingUnit: "500 MG", complexAdministration: true },
  { hcpcs: "J0640", label: "Leucovorin calcium", billingUnit: "50 MG", complexAdministration: false },
  { hcpcs: "J1100", label: "Dexamethasone sodium phosphate", billingUnit: "1 MG", complexAdministration: false },
  { hcpcs: "J2405", label: "Ondansetron", billingUnit: "1 MG", complexAdministration: false },
  { hcpcs: "J1200", label: "Diphenhydramine", billingUnit: "50 MG", complexAdministration: false },
  { hcpcs: "J3262", label: "Tocilizumab", billingUnit: "1 MG", singleDose: true },
  { hcpcs: "J0897", label: "Denosumab", billingUnit: "1 MG", singleDose: true },
  { hcpcs: "J1439", label: "Ferric carboxymaltose", billingUnit: "1 MG", singleDose: true, complexAdministration: false },
  { hcpcs: "J1756", label: "Iron sucrose", billingUnit: "1 MG", complexAdministration: false },
  { hcpcs: "J9355", label: "Trastuzumab", billingUnit: "10 MG", complexAdministration: true },
  { hcpcs: "J9305", label: "Pemetrexed", billingUnit: "10 MG", complexAdministration: true },
  { hcpcs: "J9228", label: "Ipilimumab", billingUnit: "1 MG", singleDose: true, complexAdministration: true },
  { hcpcs: "J9060", label: "Cisplatin", billingUnit: "10 MG", complexAdministration: true },
  { hcpcs: "J2930", label: "Methylprednisolone", billingUnit: "125 MG", complexAdministration: false },
  { hcpcs: "J7050", label: "Normal saline", billingUnit: "250 CC", complexAdministration: false },
  { hcpcs: "J9217", label: "Leuprolide depot", billingUnit: "7.5 MG", complexAdministration: true, hormonalAntineoplastic: true },
  { hcpcs: "J2506", label: "Pegfilgrastim", billingUnit: "0.5 MG", complexAdministration: false },
];

/** Deleted codes still seen in old examples, and the code to bill instead. */
export const REPLACED_CODES: Readonly<Record<string, string>> = {
  J9310: "J9312",
  J2505: "J2506",
};
