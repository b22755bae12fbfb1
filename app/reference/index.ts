// Reference data: CMS file importers (ASP pricing, NDC-HCPCS crosswalk, NCCI PTP, MUE) and the
// CodingReference built from them.
export { importAspPricing } from "./asp-pricing";
export { importAspCrosswalk } from "./asp-crosswalk";
export { importNcciPtp } from "./ncci-ptp";
export { importMue } from "./mue";
export { decodeCmsText } from "./decode";
export { parseDelimited } from "./csv";
export { detectEffectiveFrom } from "./table";
export { createCodingReference } from "./reference-set";
export type { ReferenceBundle, LoadedFile } from "./reference-set";
export { SEED_DRUGS, REPLACED_CODES } from "./drug-catalog";
export type { DrugCatalogEntry } from "./drug-catalog";
export type * from "./types";
