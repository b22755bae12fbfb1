// Drug lines (HCPCS J/Q/C codes): billing units, JW waste lines and JZ, NDC in 11 digits with
// qualifier and quantity, NOC notes, white bag, and 340B modifiers.
import { NOC_DRUG_CODES } from "./codes";
import type { CodingContext, DraftLine, LineNdc, NdcQualifier } from "./claim";
import type { Administration, AdministrationDrug } from "./encounter";
import { modifier340B } from "./modifiers-340b";
import { formatNdc11, normalizeNdc } from "./ndc";
import { type DoseUnit, type Quantity, ceilUnits, convert, floorUnits, formatQuantity, ratio, roundTo3 } from "./quantity";
import type { DrugReference, NdcReference } from "./reference";
import { ruleFor } from "./rules";
import { dateOf } from "./time";
import { leastWasteCombination } from "./vials";

interface DrugGroup {
  ids: string[];
  drug: AdministrationDrug;
  dose: Quantity;
  wasteDocumented: Quantity | undefined;
  dateOfService: string;
}

function groupKey(a: Administration, drug: AdministrationDrug): string {
  return [drug.hcpcs, drug.ndc ?? "", drug.name?.toLowerCase() ?? "", drug.acquired340B, drug.supply].join("|");
}

function addQuantities(a: Quantity, b: Quantity): Quantity | undefined {
  const converted = convert(b, a.unit);
  return converted === undefined ? undefined : { value: a.value + converted, unit: a.unit };
}

/** The same drug from the same NDC given more than once is one line with the total dose. */
function groupDrugs(administrations: readonly Administration[], ctx: CodingContext): DrugGroup[] {
  const groups = new Map<string, DrugGroup>();
  for (const a of administrations) {
    const drug = a.drug;
    if (!drug) continue;
    const key = groupKey(a, drug);
    const existing = groups.get(key);
    if (!existing) {
      groups.set(key, {
        ids: [a.id],
        drug,
        dose: drug.dose,
        wasteDocumented: drug.wasteDocumented,
        dateOfService: a.start ? dateOf(a.start) : ctx.dateOfService,
      });
      continue;
    }
    const total = addQuantities(existing.dose, drug.dose);
    if (!total) {
      // Doses in different dimensions cannot be added: keep them as separate lines.
      groups.set(`${key}|${a.id}`, { ids: [a.id], drug, dose: drug.dose, wasteDocumented: drug.wasteDocumented, dateOfService: existing.dateOfService });
      continue;
    }
    existing.ids.push(a.id);
    existing.dose = total;
    if (drug.wasteDocumented) {
      existing.wasteDocumented = existing.wasteDocumented ? addQuantities(existing.wasteDocumented, drug.wasteDocumented) ?? existing.wasteDocumented : drug.wasteDocumented;
    }
    if (drug.vials.length > 0 && existing.drug.vials.length === 0) existing.drug = { ...existing.drug, vials: drug.vials };
  }
  return [...groups.values()];
}

const QUALIFIER_FOR: Record<DoseUnit, { qualifier: NdcQualifier; unit: DoseUnit }> = {
  mg: { qualifier: "ME", unit: "mg" },
  mcg: { qualifier: "ME", unit: "mg" },
  g: { qualifier: "GR", unit: "g" },
  mL: { qualifier: "ML", unit: "mL" },
  units: { qualifier: "F2", unit: "units" },
};

/** NDC quantity in the dose's own measure: milligrams (ME), grams (GR), millilitres (ML), units (F2). */
function ndcQuantity(ndc11: string, amount: Quantity): LineNdc {
  const { qualifier, unit } = QUALIFIER_FOR[amount.unit];
  const value = convert(amount, unit) ?? amount.value;
  return { code: ndc11, qualifier, quantity: Math.max(roundTo3(value), 0.001) };
}

interface ResolvedNdc {
  ndc11: string | undefined;
  crosswalk: readonly NdcReference[];
}

function resolveNdc(group: DrugGroup, ctx: CodingContext): ResolvedNdc {
  const raw = group.drug.ndc;
  const administration = group.ids[0];
  if (raw === undefined) {
    ctx.findings.add("DRUG_NDC_MISSING", `${group.drug.hcpcs} (${group.ids.join(", ")}) has no NDC: an NDC is required on every drug line.`, { administration });
    return { ndc11: undefined, crosswalk: [] };
  }
  const result = normalizeNdc(raw);
  if (result.ok) return { ndc11: result.ndc11, crosswalk: ctx.reference.ndc(result.ndc11, ctx.dateOfService) };
  if (result.reason === "invalid") {
    ctx.findings.add("DRUG_NDC_INVALID", `NDC "${raw}" is not a valid NDC (expected 5-4-2, 4-4-2, 5-3-2 or 5-4-1 with hyphens, or 11 digits).`, { administration });
    return { ndc11: undefined, crosswalk: [] };
  }
  const matches = result.candidates.map((c) => ({ c, rows: ctx.reference.ndc(c, ctx.dateOfService) })).filter((m) => m.rows.length > 0);
  const only = matches.length === 1 ? matches[0] : undefined;
  if (only) {
    ctx.findings.add("DRUG_NDC_RESOLVED", `10-digit NDC "${raw}" was resolved by the crosswalk to ${formatNdc11(only.c)}; write it with hyphens to avoid ambiguity.`, { administration });
    return { ndc11: only.c, crosswalk: only.rows };
  }
  ctx.findings.add("DRUG_NDC_AMBIGUOUS", `NDC "${raw}" has 10 digits without hyphens and could be ${result.candidates.map(formatNdc11).join(", ")}; the crosswalk ${matches.length === 0 ? "knows none of them" : "knows more than one"}. Enter it with hyphens.`, { administration });
  return { ndc11: undefined, crosswalk: [] };
}

/** Vial sizes in the dose unit: the documented vials, else the NDC package (crosswalk), else the catalog's usual vials. */
function vialSizes(group: DrugGroup, reference: DrugReference, crosswalk: readonly NdcReference[]): number[] {
  const fromChart = group.drug.vials.map((v) => convert({ value: v.quantity, unit: v.unit }, group.dose.unit)).filter((v): v is number => v !== undefined);
  if (fromChart.length > 0) return fromChart;
  const billingUnit = reference.billingUnit;
  const fromCrosswalk = billingUnit
    ? crosswalk
        .filter((row) => row.hcpcs === reference.hcpcs && row.billUnitsPerPackage !== undefined && row.billUnitsPerPackage > 0)
        .map((row) => convert({ value: (row.billUnitsPerPackage ?? 0) * billingUnit.value, unit: billingUnit.unit }, group.dose.unit))
        .filter((v): v is number => v !== undefined)
    : [];
  if (fromCrosswalk.length > 0) return fromCrosswalk;
  return (reference.vials ?? []).map((v) => convert(v, group.dose.unit)).filter((v): v is number => v !== undefined);
}

interface WasteResult {
  wasteUnits: number;
  wasteAmount: Quantity | undefined;
  /** false when waste cannot be determined (no vials, no documented waste). */
  known: boolean;
}

function computeWaste(group: DrugGroup, reference: DrugReference, billingUnit: Quantity, administered: number, crosswalk: readonly NdcReference[], ctx: CodingContext): WasteResult {
  const administration = group.ids[0];
  const sizes = vialSizes(group, reference, crosswalk);
  let computed: number | undefined;
  if (sizes.length > 0) {
    const combination = leastWasteCombination(group.dose.value, sizes);
    if (combination) {
      const totalUnits = floorUnits(ratio({ value: combination.total, unit: group.dose.unit }, billingUnit) ?? 0);
      computed = Math.max(0, totalUnits - administered);
      const opened = group.drug.vials.reduce((sum, v) => sum + (v.count === undefined ? 0 : (convert({ value: v.quantity, unit: v.unit }, group.dose.unit) ?? 0) * v.count), 0);
      if (opened > combination.total + 1e-9) {
        ctx.findings.add(
          "DRUG_VIALS_EXCEED_LEAST_WASTE",
          `${group.drug.hcpcs}: ${formatQuantity({ value: opened, unit: group.dose.unit })} was opened, but ${combination.vials.map((v) => `${v.count} × ${v.size} ${group.dose.unit}`).join(" + ")} covers the ${formatQuantity(group.dose)} dose; waste is billed from the least-waste combination.`,
          { administration },
        );
      }
    }
  }
  if (group.wasteDocumented) {
    const total = addQuantities(group.dose, group.wasteDocumented);
    const documentedTotalUnits = total ? ratio(total, billingUnit) : undefined;
    if (documentedTotalUnits === undefined) {
      ctx.findings.add("DRUG_DOSE_UNCONVERTIBLE", `${group.drug.hcpcs}: documented waste ${formatQuantity(group.wasteDocumented)} cannot be converted to the billing unit ${formatQuantity(billingUnit)}.`, { administration });
    } else {
      const documented = Math.max(0, floorUnits(documentedTotalUnits) - administered);
      if (computed !== undefined && computed !== documented) {
        ctx.findings.add("DRUG_WASTE_DOCUMENTED_DIFFERS", `${group.drug.hcpcs}: the chart documents ${formatQuantity(group.wasteDocumented)} wasted (${documented} unit(s)), the least-waste vial combination gives ${computed} unit(s); the documented waste is billed.`, { administration });
      }
      return { wasteUnits: documented, wasteAmount: group.wasteDocumented, known: true };
    }
  }
  if (computed === undefined) return { wasteUnits: 0, wasteAmount: undefined, known: false };
  const amountValue = convert({ value: computed * billingUnit.value, unit: billingUnit.unit }, group.dose.unit);
  return { wasteUnits: computed, wasteAmount: amountValue === undefined ? undefined : { value: amountValue, unit: group.dose.unit }, known: true };
}

function nocNote(group: DrugGroup, ndc11: string | undefined): string {
  const parts = [group.drug.name ?? "(drug name missing)", ndc11 ? `N4${ndc11}` : "(NDC missing)", formatQuantity(group.dose)];
  return parts.join(" ");
}

function codeNoc(group: DrugGroup, ndc: ResolvedNdc, order: number, ctx: CodingContext): DraftLine[] {
  const { encounter, policy } = ctx;
  const administration = group.ids[0];
  const facility = encounter.setting === "facility";
  const code = facility && policy.facilityNocCode === "C9399" ? "C9399" : group.drug.hcpcs;
  const line: DraftLine = {
    kind: "drug",
    code,
    units: 1,
    modifiers: [],
    dateOfService: group.dateOfService,
    administrations: [...group.ids],
    label: code === "C9399" ? "Unclassified drug, hospital outpatient" : "Not otherwise classified drug",
    explanation: `Drug without a specific code, ${formatQuantity(group.dose)}: units = 1, drug detail in the note`,
    note: nocNote(group, ndc.ndc11),
    drug: { hcpcs: code, acquired340B: group.drug.acquired340B, waste: "none", isWasteLine: false },
    order,
  };
  if (ndc.ndc11) line.ndc = ndcQuantity(ndc.ndc11, group.dose);
  const missing = [group.drug.name ? undefined : "drug name", ndc.ndc11 ? undefined : "NDC"].filter((m): m is string => m !== undefined);
  if (missing.length > 0) {
    ctx.findings.add("DRUG_NOC_INCOMPLETE", `${code} needs the drug name, NDC and exact dose in the line note; missing: ${missing.join(", ")}.`, { line, administration });
  }
  if (code === "C9399") {
    ctx.findings.add("DRUG_NOC_FACILITY_C9399", `${group.drug.hcpcs} is reported as C9399 on the facility claim: units 1, NDC and quantity in the remarks, no separate JW line.`, { line, administration });
  } else if (facility) {
    ctx.findings.add("DRUG_NOC_PACKAGED", `${code} on an OPPS claim is packaged (not separately paid).`, { line, administration });
  }
  return [line];
}

/** Drug lines for the encounter; administrations must already be in canonical order. */
export function codeDrugLines(administrations: readonly Administration[], ctx: CodingContext, firstOrder: number): DraftLine[] {
  const lines: DraftLine[] = [];
  let order = firstOrder;
  for (const group of groupDrugs(administrations, ctx)) {
    const administration = group.ids[0];
    if (group.drug.supply === "white-bag") {
      ctx.findings.add("DRUG_WHITE_BAG", `${group.drug.hcpcs} (${group.ids.join(", ")}) was supplied by the payer's specialty pharmacy (white bag): no drug charge line, administration lines only.`, { administration });
      continue;
    }
    const ndc = resolveNdc(group, ctx);
    let hcpcs = group.drug.hcpcs;
    const specific = ndc.crosswalk.find((row) => !NOC_DRUG_CODES.has(row.hcpcs));
    if (NOC_DRUG_CODES.has(hcpcs) && specific) {
      ctx.findings.add("DRUG_NOC_SPECIFIC_CODE_EXISTS", `${hcpcs} was entered, but NDC ${formatNdc11(specific.ndc11)} has the specific code ${specific.hcpcs} (${specific.drugName}); ${specific.hcpcs} is billed instead.`, { administration });
      hcpcs = specific.hcpcs;
    } else if (!NOC_DRUG_CODES.has(hcpcs) && ndc.crosswalk.length > 0 && !ndc.crosswalk.some((row) => row.hcpcs === hcpcs)) {
      ctx.findings.add("DRUG_NDC_HCPCS_MISMATCH", `NDC ${formatNdc11(ndc.ndc11 ?? "")} crosswalks to ${ndc.crosswalk.map((r) => r.hcpcs).join(", ")}, not ${hcpcs}: check the drug or the NDC.`, { administration });
    }
    if (NOC_DRUG_CODES.has(hcpcs)) {
      const nocLines = codeNoc(group, ndc, order++, ctx);
      lines.push(...nocLines);
      continue;
    }
    const reference = ctx.reference.drug(hcpcs, ctx.dateOfService);
    if (!reference) {
      const successor = ctx.reference.replacedCode?.(hcpcs);
      if (successor) {
        ctx.findings.add("DRUG_DELETED_CODE", `${hcpcs} is a deleted code; bill ${successor} for this drug.`, { administration });
      } else {
        ctx.findings.add("DRUG_HCPCS_UNKNOWN", `${hcpcs} is not in the loaded ASP file or drug catalog for ${ctx.dateOfService}: its billing unit is unknown, so no drug line is produced.`, { administration });
      }
      continue;
    }
    const billingUnit = reference.billingUnit;
    const perUnit = billingUnit ? ratio(group.dose, billingUnit) : undefined;
    if (!billingUnit || perUnit === undefined) {
      ctx.findings.add(
        "DRUG_DOSE_UNCONVERTIBLE",
        billingUnit
          ? `${hcpcs}: a dose in ${group.dose.unit} cannot be converted to the billing unit ${formatQuantity(billingUnit)}; enter the dose in a convertible unit.`
          : `${hcpcs}: the billing unit "${reference.billingUnitText}" cannot be read; units are not computed.`,
        { administration },
      );
      continue;
    }
    const administered = Math.max(1, ceilUnits(perUnit));
    const line: DraftLine = {
      kind: "drug",
      code: hcpcs,
      units: administered,
      modifiers: [],
      dateOfService: group.dateOfService,
      administrations: [...group.ids],
      label: reference.label,
      explanation: `${formatQuantity(group.dose)} ÷ ${formatQuantity(billingUnit)} per unit = ${perUnit}, rounded up to ${administered} unit(s)`,
      drug: { hcpcs, acquired340B: group.drug.acquired340B, waste: "none", isWasteLine: false },
      order: order++,
    };
    if (ndc.ndc11) line.ndc = ndcQuantity(ndc.ndc11, group.dose);
    lines.push(line);

    const wasteLine = applyWaste(group, reference, billingUnit, line, ndc, ctx);
    if (wasteLine) {
      wasteLine.order = order++;
      lines.push(wasteLine);
    }
  }
  for (const line of lines) apply340B(line, ctx);
  return lines;
}

function applyWaste(group: DrugGroup, reference: DrugReference, billingUnit: Quantity, line: DraftLine, ndc: ResolvedNdc, ctx: CodingContext): DraftLine | undefined {
  const administration = group.ids[0];
  const singleDose = group.drug.singleDose ?? reference.singleDose ?? true;
  if (!singleDose) {
    if (group.wasteDocumented) {
      ctx.findings.add("DRUG_WASTE_NOT_BILLABLE", `${line.code}: waste from a multi-dose container is not billable (no JW line).`, { line, administration });
    }
    return undefined;
  }
  if (ctx.encounter.setting === "facility" && reference.oppsStatus === "N") return undefined;
  const policy = ctx.policy.wasteModifiers;
  if (policy === "none") return undefined;
  const waste = computeWaste(group, reference, billingUnit, line.units, ndc.crosswalk, ctx);
  if (!waste.known) {
    ctx.findings.add("DRUG_WASTE_UNDETERMINED", `${line.code}: no vial sizes and no documented waste, so neither JW nor JZ can be set. Document the vials used or the amount discarded.`, { line, administration });
    return undefined;
  }
  if (waste.wasteUnits > 0) {
    line.drug = { hcpcs: line.code, acquired340B: group.drug.acquired340B, waste: "JW", isWasteLine: false };
    const wasteLine: DraftLine = {
      ...line,
      units: waste.wasteUnits,
      modifiers: ["JW"],
      administrations: [...line.administrations],
      explanation: `Discarded drug from single-dose container(s): ${waste.wasteUnits} unit(s)${waste.wasteAmount ? ` (${formatQuantity(waste.wasteAmount)})` : ""}`,
      drug: { hcpcs: line.code, acquired340B: group.drug.acquired340B, waste: "JW", isWasteLine: true },
    };
    delete wasteLine.ndc;
    if (ndc.ndc11 && waste.wasteAmount) wasteLine.ndc = ndcQuantity(ndc.ndc11, waste.wasteAmount);
    return wasteLine;
  }
  const rule = ruleFor(ctx.rules.waste, ctx.dateOfService);
  if (policy === "jw-jz" && rule && ctx.dateOfService >= rule.jzFrom) {
    line.modifiers.push("JZ");
    line.drug = { hcpcs: line.code, acquired340B: group.drug.acquired340B, waste: "JZ", isWasteLine: false };
    line.explanation += "; nothing discarded: JZ";
  }
  return undefined;
}

function apply340B(line: DraftLine, ctx: CodingContext): void {
  if (!line.drug?.acquired340B) return;
  const administration = line.administrations[0];
  const { facility } = ctx.encounter;
  if (!facility.program340B) {
    if (!line.drug.isWasteLine) {
      ctx.findings.add("DRUG_340B_NOT_IN_PROGRAM", `${line.code} is marked as acquired under 340B, but the facility is not in the 340B program: no 340B modifier is added.`, { line, administration });
    }
    return;
  }
  const decision = modifier340B(ctx.encounter, ctx.rules, ctx.dateOfService);
  if (!decision.rule) {
    if (!line.drug.isWasteLine) {
      ctx.findings.add("DRUG_340B_NO_RULE", `No 340B modifier rule is loaded for ${ctx.encounter.payer.kind}${ctx.encounter.payer.id ? ` payer ${ctx.encounter.payer.id}` : ""} on ${ctx.dateOfService}: check the payer's 340B policy.`, { line, administration });
    }
    return;
  }
  if (decision.modifier) {
    line.modifiers.push(decision.modifier);
    line.explanation += `; acquired under 340B: ${decision.modifier}`;
    if (!decision.rule.confirmed && !line.drug.isWasteLine) {
      ctx.findings.add("DRUG_340B_RULE_UNCONFIRMED", `${decision.modifier} comes from a rule marked (confirm): ${decision.rule.source}.`, { line, administration });
    }
  }
}
