// The engine's CodingReference from the database: for each date of service, the ASP, crosswalk, PTP and MUE
// file in force on that date (each quarter keeps its own rows), plus the drug catalog. Rows of one import never
// change (re-importing creates a new import), so they are cached by import id.
import { and, asc, eq, inArray, or, sql, type SQL, type Column } from "drizzle-orm";
import type { Executor } from "../../db/client";
import * as s from "../../db/schema";
import { ADMINISTRATION_CODES } from "~/coding/codes";
import { DOSE_UNITS, type DoseUnit, type Quantity, parseDescriptor } from "~/coding/quantity";
import type { CodingReference, MueTable, PtpTable } from "~/coding/reference";
import { type DrugCatalogEntry, SEED_DRUGS } from "./drug-catalog";
import { type LoadedFile, type ReferenceBundle, createCodingReference } from "./reference-set";
import type { AspPricingRow, CrosswalkRow, MueRow, PtpRow, ReferenceKind } from "./types";

export interface LoadReferenceOptions {
  /** The date(s) of service to code; omitted: every quarter loaded (imports of all dates). */
  dateOfService?: string | readonly string[];
}

interface ImportRow {
  id: string;
  kind: ReferenceKind;
  table: string;
  effectiveFrom: string;
}

type AnyRows = AspPricingRow[] | CrosswalkRow[] | PtpRow[] | MueRow[];
const cache = new Map<string, AnyRows>();
const CACHE_LIMIT = 24;

function remember<T extends AnyRows>(id: string, rows: T): T {
  cache.set(id, rows);
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return rows;
}

/** The imports in force on the dates: per kind and table, the latest quarter starting on or before each date. */
export function importsInForce(imports: readonly ImportRow[], dates: readonly string[] | undefined): ImportRow[] {
  if (!dates) return [...imports];
  const byFile = new Map<string, ImportRow[]>();
  for (const row of imports) {
    const key = `${row.kind}|${row.table}`;
    byFile.set(key, [...(byFile.get(key) ?? []), row]);
  }
  const chosen = new Map<string, ImportRow>();
  for (const rows of byFile.values()) {
    const sorted = [...rows].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    for (const date of dates) {
      const inForce = sorted.filter((r) => r.effectiveFrom <= date).at(-1);
      if (inForce) chosen.set(inForce.id, inForce);
    }
  }
  return [...chosen.values()];
}

/** The codes the engine can put on a claim: administration codes and HCPCS level II (J, Q, C, ...) codes. */
function codableScope(column: Column): SQL {
  return or(inArray(column, Object.keys(ADMINISTRATION_CODES)), sql`${column} ~ '^[A-Z][0-9]{4}$'`) as SQL;
}

function quantityOf(value: number | null, unit: string | null, text: string): Quantity | undefined {
  if (value !== null && unit !== null && (DOSE_UNITS as readonly string[]).includes(unit)) return { value, unit: unit as DoseUnit };
  return parseDescriptor(text);
}

const optional = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
const MAI_TEXT = { 1: "1 Line Edit", 2: "2 Date of Service Edit: Policy", 3: "3 Date of Service Edit: Clinical" } as const;

async function rowsOf(db: Executor, file: ImportRow): Promise<AnyRows> {
  const cached = cache.get(file.id);
  if (cached) return cached;
  switch (file.kind) {
    case "asp": {
      const rows = await db.select().from(s.aspPrices).where(eq(s.aspPrices.importId, file.id)).orderBy(asc(s.aspPrices.sourceLine));
      return remember(
        file.id,
        rows.map((r): AspPricingRow => ({
          line: r.sourceLine,
          hcpcs: r.hcpcs,
          shortDescription: r.shortDescription,
          dosage: r.dosage,
          billingUnit: quantityOf(r.billingUnitQuantity, r.billingUnit, r.dosage),
          paymentLimit: r.paymentLimit,
          coinsurancePercent: optional(r.coinsurancePercent),
          notes: r.notes,
        })),
      );
    }
    case "crosswalk": {
      const rows = await db.select().from(s.ndcCrosswalk).where(eq(s.ndcCrosswalk.importId, file.id)).orderBy(asc(s.ndcCrosswalk.sourceLine));
      return remember(
        file.id,
        rows.map((r): CrosswalkRow => ({
          line: r.sourceLine,
          hcpcs: r.hcpcs,
          shortDescription: r.shortDescription,
          labelerName: r.labelerName,
          ndc11: r.ndc11,
          drugName: r.drugName,
          hcpcsDosage: r.hcpcsDosage,
          packageSize: optional(r.packageSize),
          packageQuantity: optional(r.packageQuantity),
          billUnits: optional(r.billUnits),
          billUnitsPerPackage: optional(r.billUnitsPerPackage),
        })),
      );
    }
    case "ptp": {
      const t = s.ncciPtpEdits;
      const rows = await db.select().from(t).where(and(eq(t.importId, file.id), codableScope(t.column1), codableScope(t.column2))).orderBy(asc(t.sourceLine));
      return remember(
        file.id,
        rows.map((r): PtpRow => ({
          line: r.sourceLine,
          column1: r.column1,
          column2: r.column2,
          existedBefore1996: r.existedBefore1996,
          effectiveDate: r.effectiveDate,
          deletionDate: optional(r.deletionDate),
          modifierIndicator: r.modifierIndicator as PtpRow["modifierIndicator"],
          rationale: r.rationale,
        })),
      );
    }
    case "mue": {
      const t = s.mueLimits;
      const rows = await db.select().from(t).where(and(eq(t.importId, file.id), codableScope(t.code))).orderBy(asc(t.sourceLine));
      return remember(
        file.id,
        rows.map((r): MueRow => {
          const mai = r.adjudicationIndicator as 1 | 2 | 3;
          return { line: r.sourceLine, code: r.code, value: r.value, adjudicationIndicator: mai, adjudicationText: MAI_TEXT[mai], rationale: r.rationale };
        }),
      );
    }
  }
}

/**
 * The rule book's seed catalog, completed by the drugs table: a drug only the table knows is added with its
 * billing unit and single-dose vial sizes; a seed drug without usual vials gets the table's single-dose vials.
 */
async function drugCatalog(db: Executor): Promise<DrugCatalogEntry[]> {
  const drugs = await db.select().from(s.drugs);
  if (drugs.length === 0) return [...SEED_DRUGS];
  const packages = await db.select().from(s.ndcPackages);
  const vialsOf = (drugId: string): Quantity[] =>
    packages.filter((p) => p.drugId === drugId && p.singleDose).map((p) => ({ value: p.vialQuantity, unit: p.vialUnit }));
  const catalog = new Map(SEED_DRUGS.map((d) => [d.hcpcs, { ...d }]));
  for (const drug of drugs) {
    const vials = vialsOf(drug.id);
    const seed = catalog.get(drug.hcpcs);
    if (seed) {
      if (!seed.vials && vials.length > 0) seed.vials = vials;
      continue;
    }
    const own = packages.filter((p) => p.drugId === drug.id);
    const entry: DrugCatalogEntry = {
      hcpcs: drug.hcpcs,
      label: drug.shortName,
      billingUnit: `${drug.billingUnitQuantity} ${drug.billingUnit.toUpperCase()}`,
      complexAdministration: drug.complexAdministration,
    };
    if (vials.length > 0) entry.vials = vials;
    if (own.length > 0) entry.singleDose = own.every((p) => p.singleDose);
    catalog.set(drug.hcpcs, entry);
  }
  return [...catalog.values()].sort((a, b) => a.hcpcs.localeCompare(b.hcpcs));
}

/** Builds the CodingReference for the date(s) of service from the loaded CMS files and the drug catalog. */
export async function loadReferenceSet(db: Executor, options: LoadReferenceOptions = {}): Promise<CodingReference> {
  const dates = options.dateOfService === undefined ? undefined : typeof options.dateOfService === "string" ? [options.dateOfService] : options.dateOfService;
  const imports = await db
    .select({ id: s.referenceImports.id, kind: s.referenceImports.kind, table: s.referenceImports.editTable, effectiveFrom: s.referenceImports.effectiveFrom })
    .from(s.referenceImports);
  const bundle: ReferenceBundle & { asp: LoadedFile<AspPricingRow>[]; crosswalk: LoadedFile<CrosswalkRow>[] } = { asp: [], crosswalk: [], ptp: {}, mue: {} };
  for (const file of importsInForce(imports, dates)) {
    const rows = await rowsOf(db, file);
    const loaded = { effectiveFrom: file.effectiveFrom, rows };
    switch (file.kind) {
      case "asp":
        bundle.asp.push(loaded as LoadedFile<AspPricingRow>);
        break;
      case "crosswalk":
        bundle.crosswalk.push(loaded as LoadedFile<CrosswalkRow>);
        break;
      case "ptp": {
        const table = file.table as PtpTable;
        bundle.ptp = { ...bundle.ptp, [table]: [...(bundle.ptp?.[table] ?? []), loaded as LoadedFile<PtpRow>] };
        break;
      }
      case "mue": {
        if (file.table === "dme") break;
        const table = file.table as MueTable;
        bundle.mue = { ...bundle.mue, [table]: [...(bundle.mue?.[table] ?? []), loaded as LoadedFile<MueRow>] };
        break;
      }
    }
  }
  bundle.drugs = await drugCatalog(db);
  return createCodingReference(bundle);
}
