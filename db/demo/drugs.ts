// Shared reference rows: the seed drug table and its NDC packages (from db/reference-drugs.ts).
import { billingUnitsPerPackage, referenceDrugs, type ReferenceDrug, type ReferencePackage } from "../reference-drugs";
import { addDays, at } from "./random";
import type { Context } from "./types";

export interface PackageRef {
  id: string;
  ndc11: string;
  reference: ReferencePackage;
  billingUnitsPerPackage: number;
}

export interface DrugRef {
  id: string;
  hcpcs: string;
  reference: ReferenceDrug;
  packages: PackageRef[];
}

export type DrugCatalog = Map<string, DrugRef>;

export function buildDrugs(ctx: Context): DrugCatalog {
  const { rng, data } = ctx;
  const loaded = at(addDays(ctx.today, -420), 8);
  const catalog: DrugCatalog = new Map();
  for (const reference of referenceDrugs) {
    const id = rng.uuid();
    data.drugs.push({
      id,
      hcpcs: reference.hcpcs,
      shortName: reference.shortName,
      genericName: reference.genericName,
      brandName: reference.brandName,
      billingUnitQuantity: reference.billingUnitQuantity,
      billingUnit: reference.billingUnit,
      complexAdministration: reference.complexAdministration,
      notOtherwiseClassified: false,
      referenceHcpcs: reference.referenceHcpcs,
      effectiveFrom: reference.effectiveFrom,
      effectiveTo: null,
      createdAt: loaded,
    });
    const packages = reference.packages.map((pack): PackageRef => {
      const packageId = rng.uuid();
      const units = billingUnitsPerPackage(reference, pack);
      data.ndcPackages.push({
        id: packageId,
        drugId: id,
        ndc11: pack.ndc11,
        labeler: pack.labeler,
        description: pack.description,
        vialQuantity: pack.vialQuantity,
        vialUnit: pack.vialUnit,
        singleDose: pack.singleDose,
        billingUnitsPerPackage: units,
        createdAt: loaded,
      });
      return { id: packageId, ndc11: pack.ndc11, reference: pack, billingUnitsPerPackage: units };
    });
    catalog.set(reference.hcpcs, { id, hcpcs: reference.hcpcs, reference, packages });
  }
  return catalog;
}

export function drugFor(catalog: DrugCatalog, hcpcs: string): DrugRef {
  const found = catalog.get(hcpcs);
  if (!found) throw new Error(`demo data: no reference drug ${hcpcs}`);
  return found;
}
