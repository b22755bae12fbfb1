// Dose → HCPCS billing units: ceil(dose ÷ descriptor), converting mg/mcg/g and checking units and mL match.
// Weight-based doses need the weight (mg/kg) or the body surface area (mg/m²); an error, never a guess.
// Conversion and rounding are the coding engine's (app/coding/quantity.ts), so a ledger deduction and a claim line agree.
import { ceilUnits, convert, roundTo6 } from "../coding/quantity";
import type { BillingUnit, DoseBasis } from "./vocabulary";

export interface DoseOrder {
  dose: number;
  unit: BillingUnit;
  basis: DoseBasis;
  /** The latest documented weight, for per_kg doses. */
  weightKg?: number;
  /** Body surface area in m², for per_m2 doses. */
  bsa?: number;
}

export interface DrugBilling {
  /** One billing unit is this much drug (J1745: 10 mg). */
  billingUnitQuantity: number;
  billingUnit: BillingUnit;
}

export type UnitsErrorCode = "invalid-dose" | "invalid-descriptor" | "weight-required" | "bsa-required" | "unconvertible";

export type UnitsResult =
  | { ok: true; units: number; exactUnits: number; amount: { value: number; unit: BillingUnit } }
  | { ok: false; error: { code: UnitsErrorCode; message: string } };

/** Converts between units of one dimension (mg/mcg/g, mL, units) with the coding engine's rules. */
export function convertAmount(value: number, from: BillingUnit, to: BillingUnit): number | undefined {
  return convert({ value, unit: from }, to);
}

function failure(code: UnitsErrorCode, message: string): UnitsResult {
  return { ok: false, error: { code, message } };
}

/** The dose actually given, before conversion: fixed, or per kg × weight, or per m² × BSA. */
function doseAmount(order: DoseOrder): number | UnitsResult {
  switch (order.basis) {
    case "fixed":
      return order.dose;
    case "per_kg":
      if (order.weightKg === undefined || !(order.weightKg > 0)) {
        return failure("weight-required", `The dose is ${order.dose} ${order.unit}/kg; document the patient's current weight to compute billing units.`);
      }
      return order.dose * order.weightKg;
    case "per_m2":
      if (order.bsa === undefined || !(order.bsa > 0)) {
        return failure("bsa-required", `The dose is ${order.dose} ${order.unit}/m²; document height and weight (body surface area) to compute billing units.`);
      }
      return order.dose * order.bsa;
  }
}

export function unitsForDose(order: DoseOrder, drug: DrugBilling): UnitsResult {
  if (!(order.dose > 0) || !Number.isFinite(order.dose)) return failure("invalid-dose", `Expected a positive dose, got ${order.dose}.`);
  if (!(drug.billingUnitQuantity > 0)) return failure("invalid-descriptor", `The drug's billing unit must be a positive quantity, got ${drug.billingUnitQuantity} ${drug.billingUnit}.`);
  const amount = doseAmount(order);
  if (typeof amount !== "number") return amount;
  const inBillingUnit = convertAmount(amount, order.unit, drug.billingUnit);
  if (inBillingUnit === undefined) {
    return failure("unconvertible", `A dose in ${order.unit} cannot be converted to the drug's billing unit (${drug.billingUnitQuantity} ${drug.billingUnit}); check the ordered unit.`);
  }
  const exactUnits = roundTo6(inBillingUnit / drug.billingUnitQuantity);
  return { ok: true, units: ceilUnits(exactUnits), exactUnits, amount: { value: roundTo6(amount), unit: order.unit } };
}
