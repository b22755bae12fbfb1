// Small, self-contained dose and unit arithmetic for the demo (infusion-coding.md §1–2): the dose a visit gets,
// its HCPCS billing units, the vials it opens, its waste (JW) or no-waste (JZ) modifier and the NDC quantity.
import { convertAmount } from "../../app/authorizations/units";
import { demoUnitChargeCents } from "./charges";
import type { DrugRef, PackageRef } from "./drugs";
import type { RegimenRef, WeightRef } from "./patients";

export type NdcQualifier = "UN" | "ML" | "ME";

/** Body surface area (Mosteller), m². */
export function bodySurfaceArea(weight: WeightRef): number {
  return Math.round(Math.sqrt((weight.heightCm * weight.kg) / 3600) * 100) / 100;
}

/** The dose one visit gets, in the regimen's dose unit (weight- and BSA-based doses use the weight given). */
export function doseFor(regimen: RegimenRef, weight: WeightRef): number {
  const t = regimen.template;
  const raw = t.basis === "per_kg" ? regimen.doseValue * weight.kg : t.basis === "per_m2" ? regimen.doseValue * bodySurfaceArea(weight) : regimen.doseValue;
  const capped = t.maxDose !== undefined ? Math.min(raw, t.maxDose) : raw;
  // Grams to one decimal, milligrams to whole numbers (as the pharmacy prepares them).
  return t.doseUnit === "g" ? Math.round(capped * 10) / 10 : Math.round(capped);
}

function inBillingUnit(drug: DrugRef, amount: number, unit: DrugRef["reference"]["billingUnit"]): number {
  const converted = convertAmount(amount, unit, drug.reference.billingUnit);
  if (converted === undefined) throw new Error(`demo data: ${unit} does not convert to ${drug.reference.billingUnit} for ${drug.hcpcs}`);
  return converted;
}

/** HCPCS billing units for a dose: ceil(dose ÷ descriptor), minimum 1. */
export function billingUnits(drug: DrugRef, amount: number, unit: DrugRef["reference"]["billingUnit"]): number {
  const quantity = inBillingUnit(drug, amount, unit) / drug.reference.billingUnitQuantity;
  return Math.max(1, Math.ceil(quantity - 1e-9));
}

export interface DrugLineCoding {
  pack: PackageRef;
  vialCount: number;
  administeredUnits: number;
  wasteUnits: number;
  /** The administered line's NDC quantity and qualifier. */
  qualifier: NdcQualifier;
  administeredQuantity: number;
  wasteQuantity: number;
  /** Waste in the regimen's dose unit (what the chart documents). */
  wasteAmount: number;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Opens the fewest single-dose containers of one NDC that cover the dose; the rest of the last container is waste. */
export function codeDrugLine(drug: DrugRef, amount: number, unit: DrugRef["reference"]["billingUnit"]): DrugLineCoding {
  const dose = inBillingUnit(drug, amount, unit);
  let best: { pack: PackageRef; count: number; content: number } | undefined;
  for (const pack of drug.packages) {
    const size = inBillingUnit(drug, pack.reference.vialQuantity, pack.reference.vialUnit);
    const count = Math.max(1, Math.ceil(dose / size - 1e-9));
    const content = count * size;
    if (!best || content < best.content - 1e-9 || (Math.abs(content - best.content) < 1e-9 && count < best.count)) best = { pack, count, content };
  }
  if (!best) throw new Error(`demo data: ${drug.hcpcs} has no packages`);
  const administeredUnits = billingUnits(drug, amount, unit);
  const singleDose = best.pack.reference.singleDose;
  const totalUnits = Math.floor(best.content / drug.reference.billingUnitQuantity + 1e-9);
  const wasteUnits = singleDose ? Math.max(0, totalUnits - administeredUnits) : 0;
  const wasteInBilling = wasteUnits > 0 ? best.content - dose : 0;
  const wasteAmount = wasteInBilling > 0 ? round3(convertAmount(wasteInBilling, drug.reference.billingUnit, unit) ?? wasteInBilling) : 0;
  const lyophilized = /lyophilized|Act-O-Vial/i.test(best.pack.reference.description);
  const perBillingUnitMl = best.pack.reference.volumeMl / inBillingUnit(drug, best.pack.reference.vialQuantity, best.pack.reference.vialUnit);
  if (wasteUnits === 0) {
    return { pack: best.pack, vialCount: best.count, administeredUnits, wasteUnits, qualifier: "UN", administeredQuantity: best.count, wasteQuantity: 0, wasteAmount: 0 };
  }
  if (lyophilized) {
    const mg = (n: number) => round3(convertAmount(n, drug.reference.billingUnit, "mg") ?? n);
    return { pack: best.pack, vialCount: best.count, administeredUnits, wasteUnits, qualifier: "ME", administeredQuantity: mg(dose), wasteQuantity: mg(wasteInBilling), wasteAmount };
  }
  return {
    pack: best.pack,
    vialCount: best.count,
    administeredUnits,
    wasteUnits,
    qualifier: "ML",
    administeredQuantity: round3(dose * perBillingUnitMl),
    wasteQuantity: round3(wasteInBilling * perBillingUnitMl),
    wasteAmount,
  };
}

/** Units of an "each additional hour" add-on: whole hours beyond the first, plus one for a remainder over 30 minutes. */
export function additionalHours(minutes: number): number {
  const extra = Math.max(0, minutes - 60);
  return Math.floor(extra / 60) + (extra % 60 > 30 ? 1 : 0);
}

/**
 * What a held line keeps from being paid, for the demo's holds: an illustrative ASP payment limit (about 45% of the
 * demo charge per billing unit) × units. The gate computes the same product from asp_prices when they are loaded.
 */
export function demoAtRiskCents(hcpcs: string, units: number): number {
  return Math.round(demoUnitChargeCents(hcpcs) * 0.45 * units);
}

/** A demo claim line's charge: units × the demo charge master's unit charge (db/demo/charges.ts, the rows the seed stores). */
export function drugChargeCents(hcpcs: string, units: number): number {
  return Math.round(demoUnitChargeCents(hcpcs) * units);
}

export function serviceChargeCents(code: string, units: number): number {
  return Math.round(demoUnitChargeCents(code) * units);
}
