// Builds the engine's CodingReference from imported CMS files and the drug catalog. Each file is kept
// with its quarter, so a past date of service codes against the quarter in force on that date.
import type { CodingReference, DrugReference, MueEdit, MueTable, NdcReference, PtpEdit, PtpTable } from "~/coding/reference";
import { parseDescriptor } from "~/coding/quantity";
import type { CodingRules } from "~/coding/rules";
import type { PayerPolicy } from "~/coding/policy";
import { type DrugCatalogEntry, REPLACED_CODES, SEED_DRUGS } from "./drug-catalog";
import type { AspPricingRow, CrosswalkRow, MueRow, PtpRow } from "./types";

export interface LoadedFile<T> {
  effectiveFrom: string;
  rows: readonly T[];
}

export interface ReferenceBundle {
  asp?: readonly LoadedFile<AspPricingRow>[];
  crosswalk?: readonly LoadedFile<CrosswalkRow>[];
  ptp?: Partial<Record<PtpTable, readonly LoadedFile<PtpRow>[]>>;
  mue?: Partial<Record<MueTable, readonly LoadedFile<MueRow>[]>>;
  drugs?: readonly DrugCatalogEntry[];
  replacedCodes?: Readonly<Record<string, string>>;
  rules?: Partial<CodingRules>;
  payerPolicies?: readonly PayerPolicy[];
}

/** Quarterly files of one kind, each indexed once on first use. */
class Quarters<T, I> {
  private readonly files: { effectiveFrom: string; rows: readonly T[]; index?: I }[];
  constructor(files: readonly LoadedFile<T>[] | undefined, private readonly build: (rows: readonly T[]) => I) {
    this.files = [...(files ?? [])].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).map((f) => ({ ...f }));
  }

  private lastDate: string | undefined;
  private lastIndex: I | undefined;

  /** The index of the file in force on the date: the latest one starting on or before it. */
  on(dateOfService: string): I | undefined {
    // One claim asks many times for the same date (every pair of codes for PTP): remember the last answer.
    if (dateOfService === this.lastDate) return this.lastIndex;
    this.lastDate = dateOfService;
    this.lastIndex = this.find(dateOfService);
    return this.lastIndex;
  }

  private find(dateOfService: string): I | undefined {
    let found: (typeof this.files)[number] | undefined;
    for (const file of this.files) if (file.effectiveFrom <= dateOfService) found = file;
    if (!found) return undefined;
    found.index ??= this.build(found.rows);
    return found.index;
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

export function createCodingReference(bundle: ReferenceBundle): CodingReference {
  const asp = new Quarters(bundle.asp, (rows) => new Map(rows.map((r) => [r.hcpcs, r])));
  const crosswalk = new Quarters(bundle.crosswalk, (rows) => groupBy(rows, (r) => r.ndc11));
  // Column 1 → column 2 → rows: the engine asks for every pair of codes on a claim, most of them without an edit.
  const pairIndex = (rows: readonly PtpRow[]) => {
    const index = new Map<string, Map<string, PtpRow[]>>();
    for (const [column1, list] of groupBy(rows, (r) => r.column1)) index.set(column1, groupBy(list, (r) => r.column2));
    return index;
  };
  const ptp = {
    practitioner: new Quarters(bundle.ptp?.practitioner, pairIndex),
    hospital: new Quarters(bundle.ptp?.hospital, pairIndex),
  };
  const mue = {
    practitioner: new Quarters(bundle.mue?.practitioner, (rows) => new Map(rows.map((r) => [r.code, r]))),
    "outpatient-hospital": new Quarters(bundle.mue?.["outpatient-hospital"], (rows) => new Map(rows.map((r) => [r.code, r]))),
  };
  const catalog = new Map((bundle.drugs ?? SEED_DRUGS).map((d) => [d.hcpcs, d]));
  const replaced = bundle.replacedCodes ?? REPLACED_CODES;

  function drugReference(hcpcs: string, priced: AspPricingRow | undefined): DrugReference | undefined {
    const seed = catalog.get(hcpcs);
    if (!priced && !seed) return undefined;
    // The ASP file's dosage is authoritative for the quarter; the catalog fills the flags.
    const billingUnitText = priced?.dosage ?? seed?.billingUnit ?? "";
    const drug: DrugReference = {
      hcpcs,
      label: seed?.label ?? priced?.shortDescription ?? hcpcs,
      billingUnit: priced?.billingUnit ?? parseDescriptor(billingUnitText),
      billingUnitText,
    };
    if (seed?.complexAdministration !== undefined) drug.complexAdministration = seed.complexAdministration;
    if (seed?.hormonalAntineoplastic !== undefined) drug.hormonalAntineoplastic = seed.hormonalAntineoplastic;
    if (seed?.singleDose !== undefined) drug.singleDose = seed.singleDose;
    if (seed?.vials) drug.vials = seed.vials;
    return drug;
  }

  // A drug's reference depends only on the ASP file in force and the catalog: built once per file and code.
  const drugs = new Map<unknown, Map<string, DrugReference | undefined>>();
  const reference: CodingReference = {
    drug(hcpcs, dateOfService): DrugReference | undefined {
      const prices = asp.on(dateOfService);
      let known = drugs.get(prices);
      if (!known) drugs.set(prices, (known = new Map<string, DrugReference | undefined>()));
      if (known.has(hcpcs)) return known.get(hcpcs);
      const built = drugReference(hcpcs, prices?.get(hcpcs));
      known.set(hcpcs, built);
      return built;
    },
    ndc(ndc11, dateOfService): readonly NdcReference[] {
      const rows = crosswalk.on(dateOfService)?.get(ndc11) ?? [];
      return rows.map((r) => {
        const out: NdcReference = { ndc11: r.ndc11, hcpcs: r.hcpcs, drugName: r.drugName };
        if (r.billUnitsPerPackage !== undefined) out.billUnitsPerPackage = r.billUnitsPerPackage;
        return out;
      });
    },
    ptp(table, column1, column2, dateOfService): PtpEdit | undefined {
      const rows = ptp[table].on(dateOfService)?.get(column1)?.get(column2);
      if (!rows) return undefined;
      // An edit is in force from its effective date up to (not including) its deletion date.
      const row = rows.find((r) => r.effectiveDate <= dateOfService && (r.deletionDate === undefined || dateOfService < r.deletionDate));
      if (!row) return undefined;
      const edit: PtpEdit = { column1: row.column1, column2: row.column2, effectiveDate: row.effectiveDate, modifierIndicator: row.modifierIndicator, rationale: row.rationale };
      if (row.deletionDate !== undefined) edit.deletionDate = row.deletionDate;
      return edit;
    },
    mue(table, code, dateOfService): MueEdit | undefined {
      const row = mue[table].on(dateOfService)?.get(code);
      return row ? { code: row.code, value: row.value, adjudicationIndicator: row.adjudicationIndicator, rationale: row.rationale } : undefined;
    },
    replacedCode: (hcpcs) => replaced[hcpcs],
  };
  if (bundle.rules) reference.rules = bundle.rules;
  if (bundle.payerPolicies) reference.payerPolicies = bundle.payerPolicies;
  return reference;
}
