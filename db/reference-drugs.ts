// The seed drug table (shared/domain/infusion-coding.md §5) with NDC packages, as plain data.
//
// The HCPCS descriptors follow the seed table, which itself must be verified against the quarterly ASP file.
// The NDC-11 values, labelers and package sizes are DEMO VALUES modelled on published packages: they have the
// right shape (5-4-2, no hyphens) and plausible vial sizes, but they are not a crosswalk. Load the real ASP
// NDC–HCPCS crosswalk before relying on any of them.
import { convert } from "../app/coding/quantity";
import type * as s from "./schema";

export type BillingUnit = (typeof s.billingUnit.enumValues)[number];

export interface ReferencePackage {
  ndc11: string;
  labeler: string;
  description: string;
  vialQuantity: number;
  vialUnit: BillingUnit;
  /** Volume of one container in mL: what an ML-qualified NDC quantity is computed from. */
  volumeMl: number;
  singleDose: boolean;
}

export interface ReferenceDrug {
  hcpcs: string;
  shortName: string;
  genericName: string;
  brandName: string | null;
  billingUnitQuantity: number;
  billingUnit: BillingUnit;
  complexAdministration: boolean;
  referenceHcpcs: string | null;
  effectiveFrom: string;
  packages: ReferencePackage[];
}

const since2000 = "2000-01-01";

function drug(
  hcpcs: string,
  shortName: string,
  genericName: string,
  brandName: string | null,
  billingUnitQuantity: number,
  billingUnit: BillingUnit,
  options: { complex?: boolean; reference?: string; effectiveFrom?: string },
  packages: ReferencePackage[],
): ReferenceDrug {
  return {
    hcpcs,
    shortName,
    genericName,
    brandName,
    billingUnitQuantity,
    billingUnit,
    complexAdministration: options.complex ?? false,
    referenceHcpcs: options.reference ?? null,
    effectiveFrom: options.effectiveFrom ?? since2000,
    packages,
  };
}

function pkg(ndc11: string, labeler: string, description: string, vialQuantity: number, vialUnit: BillingUnit, volumeMl: number, singleDose = true): ReferencePackage {
  return { ndc11, labeler, description, vialQuantity, vialUnit, volumeMl, singleDose };
}

export const referenceDrugs: readonly ReferenceDrug[] = [
  drug("J9271", "Pembrolizumab", "pembrolizumab", "Keytruda", 1, "mg", { complex: true, effectiveFrom: "2016-01-01" }, [
    pkg("00006302602", "Merck Sharp & Dohme", "Keytruda 100 mg/4 mL single-dose vial", 100, "mg", 4),
  ]),
  drug("J9299", "Nivolumab", "nivolumab", "Opdivo", 1, "mg", { complex: true, effectiveFrom: "2016-01-01" }, [
    pkg("00003377211", "Bristol-Myers Squibb", "Opdivo 40 mg/4 mL single-dose vial", 40, "mg", 4),
    pkg("00003377412", "Bristol-Myers Squibb", "Opdivo 100 mg/10 mL single-dose vial", 100, "mg", 10),
    pkg("00003373413", "Bristol-Myers Squibb", "Opdivo 240 mg/24 mL single-dose vial", 240, "mg", 24),
  ]),
  drug("J9035", "Bevacizumab", "bevacizumab", "Avastin", 10, "mg", { complex: true }, [
    pkg("50242006001", "Genentech", "Avastin 100 mg/4 mL single-dose vial", 100, "mg", 4),
    pkg("50242006101", "Genentech", "Avastin 400 mg/16 mL single-dose vial", 400, "mg", 16),
  ]),
  drug("J9312", "Rituximab", "rituximab", "Rituxan", 10, "mg", { complex: true, effectiveFrom: "2019-01-01" }, [
    pkg("50242005121", "Genentech", "Rituxan 100 mg/10 mL single-dose vial", 100, "mg", 10),
    pkg("50242005306", "Genentech", "Rituxan 500 mg/50 mL single-dose vial", 500, "mg", 50),
  ]),
  drug("J1745", "Infliximab", "infliximab", "Remicade", 10, "mg", {}, [
    pkg("57894003001", "Janssen Biotech", "Remicade 100 mg lyophilized single-dose vial", 100, "mg", 10),
  ]),
  drug("Q5103", "Infliximab-dyyb", "infliximab-dyyb", "Inflectra", 10, "mg", { reference: "J1745", effectiveFrom: "2018-04-01" }, [
    pkg("00069080901", "Pfizer", "Inflectra 100 mg lyophilized single-dose vial", 100, "mg", 10),
  ]),
  drug("Q5104", "Infliximab-abda", "infliximab-abda", "Renflexis", 10, "mg", { reference: "J1745", effectiveFrom: "2018-04-01" }, [
    pkg("78206012901", "Organon", "Renflexis 100 mg lyophilized single-dose vial", 100, "mg", 10),
  ]),
  drug("J2350", "Ocrelizumab", "ocrelizumab", "Ocrevus", 1, "mg", { effectiveFrom: "2018-01-01" }, [
    pkg("50242015001", "Genentech", "Ocrevus 300 mg/10 mL single-dose vial", 300, "mg", 10),
  ]),
  drug("J1569", "Immune globulin (Gammagard Liquid)", "immune globulin intravenous (human), 10% liquid", "Gammagard Liquid", 500, "mg", {}, [
    pkg("00944270004", "Takeda (Baxalta)", "Gammagard Liquid 5 g/50 mL single-use bottle", 5, "g", 50),
    pkg("00944270005", "Takeda (Baxalta)", "Gammagard Liquid 10 g/100 mL single-use bottle", 10, "g", 100),
    pkg("00944270006", "Takeda (Baxalta)", "Gammagard Liquid 20 g/200 mL single-use bottle", 20, "g", 200),
  ]),
  drug("J3380", "Vedolizumab", "vedolizumab", "Entyvio", 1, "mg", {}, [
    pkg("64764030020", "Takeda", "Entyvio 300 mg lyophilized single-dose vial", 300, "mg", 5),
  ]),
  drug("J2323", "Natalizumab", "natalizumab", "Tysabri", 1, "mg", {}, [
    pkg("64406000801", "Biogen", "Tysabri 300 mg/15 mL single-dose vial", 300, "mg", 15),
  ]),
  drug("J0129", "Abatacept", "abatacept", "Orencia", 10, "mg", {}, [
    pkg("00003218710", "Bristol-Myers Squibb", "Orencia 250 mg lyophilized single-dose vial", 250, "mg", 10),
  ]),
  drug("J9045", "Carboplatin", "carboplatin", null, 50, "mg", { complex: true }, [
    pkg("63323017215", "Fresenius Kabi USA", "Carboplatin 150 mg/15 mL multiple-dose vial", 150, "mg", 15, false),
    pkg("63323017245", "Fresenius Kabi USA", "Carboplatin 450 mg/45 mL multiple-dose vial", 450, "mg", 45, false),
  ]),
  drug("J9267", "Paclitaxel", "paclitaxel", null, 1, "mg", { complex: true }, [
    pkg("61703034209", "Hospira", "Paclitaxel 100 mg/16.7 mL multiple-dose vial", 100, "mg", 16.7, false),
    pkg("61703034250", "Hospira", "Paclitaxel 300 mg/50 mL multiple-dose vial", 300, "mg", 50, false),
  ]),
  drug("J9190", "Fluorouracil", "fluorouracil", null, 500, "mg", { complex: true }, [
    pkg("63323011751", "Fresenius Kabi USA", "Fluorouracil 2.5 g/50 mL pharmacy bulk package", 2.5, "g", 50, false),
  ]),
  drug("J0640", "Leucovorin calcium", "leucovorin calcium", null, 50, "mg", {}, [
    pkg("63323071100", "Fresenius Kabi USA", "Leucovorin calcium 350 mg lyophilized single-dose vial", 350, "mg", 17.5),
  ]),
  drug("J1100", "Dexamethasone sodium phosphate", "dexamethasone sodium phosphate", null, 1, "mg", {}, [
    pkg("63323016501", "Fresenius Kabi USA", "Dexamethasone 10 mg/mL 1 mL single-dose vial", 10, "mg", 1),
    pkg("63323016530", "Fresenius Kabi USA", "Dexamethasone 120 mg/30 mL multiple-dose vial", 120, "mg", 30, false),
  ]),
  drug("J2405", "Ondansetron", "ondansetron hydrochloride", null, 1, "mg", {}, [
    pkg("00409475503", "Hospira", "Ondansetron 4 mg/2 mL single-dose vial", 4, "mg", 2),
    pkg("00409475520", "Hospira", "Ondansetron 40 mg/20 mL multiple-dose vial", 40, "mg", 20, false),
  ]),
  drug("J1200", "Diphenhydramine", "diphenhydramine hydrochloride", null, 50, "mg", {}, [
    pkg("00641037621", "Hikma", "Diphenhydramine 50 mg/mL 1 mL single-dose vial", 50, "mg", 1),
  ]),
  drug("J3262", "Tocilizumab", "tocilizumab", "Actemra", 1, "mg", {}, [
    pkg("50242013501", "Genentech", "Actemra 80 mg/4 mL single-dose vial", 80, "mg", 4),
    pkg("50242013601", "Genentech", "Actemra 200 mg/10 mL single-dose vial", 200, "mg", 10),
    pkg("50242013701", "Genentech", "Actemra 400 mg/20 mL single-dose vial", 400, "mg", 20),
  ]),
  drug("J0897", "Denosumab", "denosumab", "Prolia", 1, "mg", {}, [
    pkg("55513071001", "Amgen", "Prolia 60 mg/mL single-dose prefilled syringe", 60, "mg", 1),
  ]),
  drug("J1439", "Ferric carboxymaltose", "ferric carboxymaltose", "Injectafer", 1, "mg", {}, [
    pkg("00517065001", "American Regent", "Injectafer 750 mg/15 mL single-dose vial", 750, "mg", 15),
  ]),
  drug("J1756", "Iron sucrose", "iron sucrose", "Venofer", 1, "mg", {}, [
    pkg("00517234001", "American Regent", "Venofer 100 mg/5 mL single-dose vial", 100, "mg", 5),
    pkg("00517231001", "American Regent", "Venofer 200 mg/10 mL single-dose vial", 200, "mg", 10),
  ]),
  drug("J9355", "Trastuzumab", "trastuzumab", "Herceptin", 10, "mg", { complex: true }, [
    pkg("50242013201", "Genentech", "Herceptin 150 mg lyophilized single-dose vial", 150, "mg", 7.4),
  ]),
  drug("J9305", "Pemetrexed", "pemetrexed", "Alimta", 10, "mg", { complex: true }, [
    pkg("00002762301", "Eli Lilly", "Alimta 100 mg lyophilized single-dose vial", 100, "mg", 4),
    pkg("00002764001", "Eli Lilly", "Alimta 500 mg lyophilized single-dose vial", 500, "mg", 20),
  ]),
  drug("J9228", "Ipilimumab", "ipilimumab", "Yervoy", 1, "mg", { complex: true }, [
    pkg("00003232711", "Bristol-Myers Squibb", "Yervoy 50 mg/10 mL single-dose vial", 50, "mg", 10),
    pkg("00003232822", "Bristol-Myers Squibb", "Yervoy 200 mg/40 mL single-dose vial", 200, "mg", 40),
  ]),
  drug("J9060", "Cisplatin", "cisplatin", null, 10, "mg", { complex: true }, [
    pkg("16729028811", "Accord Healthcare", "Cisplatin 50 mg/50 mL multiple-dose vial", 50, "mg", 50, false),
    pkg("16729028838", "Accord Healthcare", "Cisplatin 100 mg/100 mL multiple-dose vial", 100, "mg", 100, false),
  ]),
  drug("J2930", "Methylprednisolone sodium succinate", "methylprednisolone sodium succinate", "Solu-Medrol", 125, "mg", {}, [
    pkg("00009004722", "Pfizer", "Solu-Medrol 125 mg/2 mL Act-O-Vial single-dose vial", 125, "mg", 2),
  ]),
  drug("J7050", "Normal saline 250 cc", "sodium chloride 0.9% infusion", null, 250, "mL", {}, [
    pkg("00338004902", "Baxter", "Sodium chloride 0.9% 250 mL single-use bag", 250, "mL", 250),
    pkg("00338004903", "Baxter", "Sodium chloride 0.9% 500 mL single-use bag", 500, "mL", 500),
    pkg("00338004904", "Baxter", "Sodium chloride 0.9% 1000 mL single-use bag", 1000, "mL", 1000),
  ]),
];

/** Billing units one package holds (the crosswalk's BILLUNITSPKG): its content over the HCPCS descriptor quantity. */
export function billingUnitsPerPackage(drugRow: ReferenceDrug, pack: ReferencePackage): number {
  const content = convert({ value: pack.vialQuantity, unit: pack.vialUnit }, drugRow.billingUnit);
  if (content === undefined) throw new Error(`${pack.ndc11}: ${pack.vialUnit} does not convert to ${drugRow.billingUnit}`);
  // "Up to 50 mg" style descriptors: a package smaller than one descriptor still bills one unit.
  return Math.max(1, Math.round((content / drugRow.billingUnitQuantity) * 10_000) / 10_000);
}
