// Dose quantities: unit conversion within one dimension, HCPCS descriptor parsing, and rounding that
// tolerates binary floating point (0.5 / 0.1 must be 5, not 5.000000000000001).

export const DOSE_UNITS = ["mg", "mcg", "g", "units", "mL"] as const;
export type DoseUnit = (typeof DOSE_UNITS)[number];

export interface Quantity {
  value: number;
  unit: DoseUnit;
}

type Dimension = "mass" | "volume" | "units";

const UNIT_INFO: Record<DoseUnit, { dimension: Dimension; factor: number }> = {
  // factor converts to the dimension's base unit (mg, mL, units)
  mg: { dimension: "mass", factor: 1 },
  mcg: { dimension: "mass", factor: 0.001 },
  g: { dimension: "mass", factor: 1000 },
  mL: { dimension: "volume", factor: 1 },
  units: { dimension: "units", factor: 1 },
};

const EPSILON = 1e-9;

/** Rounds away representation noise so that ceil/floor see the number a person would write. */
export function roundTo6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
const clean = roundTo6;

export function ceilUnits(value: number): number {
  return Math.ceil(clean(value) - EPSILON);
}

export function floorUnits(value: number): number {
  return Math.floor(clean(value) + EPSILON);
}

/** Converts a quantity to another unit of the same dimension; undefined when the dimensions differ. */
export function convert(quantity: Quantity, to: DoseUnit): number | undefined {
  const from = UNIT_INFO[quantity.unit];
  const target = UNIT_INFO[to];
  if (from.dimension !== target.dimension) return undefined;
  return clean((quantity.value * from.factor) / target.factor);
}

/** How many `per` fit in `amount`, as a real number; undefined when not convertible. */
export function ratio(amount: Quantity, per: Quantity): number | undefined {
  const converted = convert(amount, per.unit);
  if (converted === undefined || per.value <= 0) return undefined;
  return clean(converted / per.value);
}

/**
 * Parses the HCPCS dosage descriptor as CMS prints it in the ASP file ("10 MG", "UP TO 50 MG",
 * "250 CC", "1 MCG", "100 UNITS", "0.5 ML"). Returns undefined for descriptors we cannot read
 * (per-kit, per-vial, "1 EA"): the caller reports that instead of guessing.
 */
export function parseDescriptor(text: string): Quantity | undefined {
  const match = /^\s*(?:UP\s+TO\s+)?(\d+(?:\.\d+)?|\.\d+)\s*([A-Z]+)\.?\s*$/i.exec(text.replace(/,/g, ""));
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = unitFromText(match[2] ?? "");
  if (!unit || !(value > 0)) return undefined;
  return { value, unit };
}

function unitFromText(text: string): DoseUnit | undefined {
  switch (text.toUpperCase()) {
    case "MG":
      return "mg";
    case "MCG":
    case "UG":
      return "mcg";
    case "G":
    case "GM":
    case "GRAM":
    case "GRAMS":
      return "g";
    case "ML":
    case "CC":
      return "mL";
    case "U":
    case "UNIT":
    case "UNITS":
    case "IU":
      return "units";
    default:
      return undefined;
  }
}

export function formatQuantity(quantity: Quantity): string {
  return `${clean(quantity.value)} ${quantity.unit}`;
}

/** Rounds to at most three decimals, the precision the NDC quantity field allows. */
export function roundTo3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
