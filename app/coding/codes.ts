// Our own short labels and the structural facts the engine needs about each administration code.
// Labels are written by us: CPT long descriptors are AMA-licensed and are not stored.

export type RevenueCategory = "iv-therapy" | "chemo-injected" | "chemo-iv";

interface AdministrationCodeInfo {
  label: string;
  /** For an add-on code: the primary codes it may be reported with. */
  addOnTo?: readonly string[];
  revenue: RevenueCategory;
}

const INITIAL_IV = ["96365", "96374", "96409", "96413"] as const;

export const ADMINISTRATION_CODES: Record<string, AdministrationCodeInfo> = {
  "96360": { label: "Hydration IV, initial (31-90 min)", revenue: "iv-therapy" },
  "96361": { label: "Hydration IV, each additional hour", addOnTo: ["96360", ...INITIAL_IV], revenue: "iv-therapy" },
  "96365": { label: "Therapeutic IV infusion, initial hour", revenue: "iv-therapy" },
  "96366": { label: "Therapeutic IV infusion, each additional hour", addOnTo: ["96365", "96367"], revenue: "iv-therapy" },
  "96367": { label: "Therapeutic IV infusion, sequential new drug", addOnTo: INITIAL_IV, revenue: "iv-therapy" },
  "96368": { label: "Therapeutic IV infusion, concurrent", addOnTo: ["96365", "96366", "96413", "96415", "96416"], revenue: "iv-therapy" },
  "96369": { label: "Subcutaneous infusion, initial hour with pump set-up", revenue: "iv-therapy" },
  "96370": { label: "Subcutaneous infusion, each additional hour", addOnTo: ["96369"], revenue: "iv-therapy" },
  "96371": { label: "Subcutaneous infusion, additional pump set-up", addOnTo: ["96369"], revenue: "iv-therapy" },
  "96372": { label: "Therapeutic injection, SC or IM", revenue: "iv-therapy" },
  "96373": { label: "Therapeutic injection, intra-arterial", revenue: "iv-therapy" },
  "96374": { label: "Therapeutic IV push, initial", revenue: "iv-therapy" },
  "96375": { label: "Therapeutic IV push, each new drug", addOnTo: INITIAL_IV, revenue: "iv-therapy" },
  "96376": { label: "Therapeutic IV push, same drug (facility)", addOnTo: INITIAL_IV, revenue: "iv-therapy" },
  "96401": { label: "Chemo injection SC/IM, non-hormonal", revenue: "chemo-injected" },
  "96402": { label: "Chemo injection SC/IM, hormonal", revenue: "chemo-injected" },
  "96409": { label: "Chemo IV push, initial", revenue: "chemo-injected" },
  "96411": { label: "Chemo IV push, each additional drug", addOnTo: ["96409", "96413"], revenue: "chemo-injected" },
  "96413": { label: "Chemo IV infusion, initial hour", revenue: "chemo-iv" },
  "96415": { label: "Chemo IV infusion, each additional hour", addOnTo: ["96413"], revenue: "chemo-iv" },
  "96416": { label: "Chemo prolonged infusion with pump, initiation", revenue: "chemo-iv" },
  "96417": { label: "Chemo IV infusion, sequential new drug", addOnTo: ["96413"], revenue: "chemo-iv" },
  "96420": { label: "Chemo intra-arterial push", revenue: "chemo-injected" },
  "96422": { label: "Chemo intra-arterial infusion, initial hour", revenue: "chemo-iv" },
  "96423": { label: "Chemo intra-arterial infusion, each additional hour", addOnTo: ["96422"], revenue: "chemo-iv" },
  "96425": { label: "Chemo intra-arterial prolonged infusion with pump", revenue: "chemo-iv" },
  "96521": { label: "Portable pump refill and maintenance", revenue: "iv-therapy" },
  "96522": { label: "Implantable pump refill and maintenance", revenue: "iv-therapy" },
  "96523": { label: "Port or catheter irrigation", revenue: "iv-therapy" },
  C8957: { label: "Prolonged IV infusion with pump, initiation (hospital)", revenue: "iv-therapy" },
};

/** The initial-service codes of the IV chain: more than one on a claim needs a distinct-site modifier. */
export const INITIAL_SERVICE_CODES: ReadonlySet<string> = new Set(["96360", ...INITIAL_IV]);

export const DISTINCT_SERVICE_MODIFIERS: ReadonlySet<string> = new Set(["59", "XE", "XP", "XS", "XU"]);

/** Modifiers CMS lists as NCCI-associated (they can bypass a PTP edit with indicator 1). */
export const NCCI_ASSOCIATED_MODIFIERS: ReadonlySet<string> = new Set([
  "24", "25", "27", "57", "58", "59", "78", "79", "91", "XE", "XP", "XS", "XU",
  "E1", "E2", "E3", "E4", "FA", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9",
  "LC", "LD", "LM", "LT", "RC", "RI", "RT", "TA", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9",
]);

export function isAdministrationCode(code: string): boolean {
  return code in ADMINISTRATION_CODES;
}

export function addOnBases(code: string): readonly string[] | undefined {
  return ADMINISTRATION_CODES[code]?.addOnTo;
}

export function administrationLabel(code: string): string {
  return ADMINISTRATION_CODES[code]?.label ?? code;
}

/** Not-otherwise-classified drug codes: need name, NDC and dose in the line note. */
export const NOC_DRUG_CODES: ReadonlySet<string> = new Set(["J3490", "J3590", "J9999", "C9399"]);
