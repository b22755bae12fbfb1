// The engine's input: an infusion visit as documented. Every validation error names its JSON path.
import { z } from "zod";
import { DOSE_UNITS } from "./quantity";
import { PAYER_KINDS, PolicyOverridesSchema } from "./policy";
import { FACILITY_TYPES } from "./rules";
import { LOCAL_DATE_TIME, isValidIsoDate, toMinutes } from "./time";

const localDateTime = z
  .string({ error: 'expected a local date-time "YYYY-MM-DDTHH:MM"' })
  .refine((s) => LOCAL_DATE_TIME.test(s) && toMinutes(s) !== undefined, { error: 'expected a local date-time "YYYY-MM-DDTHH:MM"' });

const isoDate = z.string({ error: 'expected a date "YYYY-MM-DD"' }).refine(isValidIsoDate, { error: 'expected a date "YYYY-MM-DD"' });

const hcpcs = z
  .string({ error: "expected a HCPCS code such as J1745" })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]\d{3}[A-Z0-9]$/, { error: "expected a 5-character HCPCS/CPT code such as J1745" });

export const DoseSchema = z.object({
  value: z.number({ error: "expected a number" }).positive({ error: "expected a positive number" }),
  unit: z.enum(DOSE_UNITS, { error: `expected one of ${DOSE_UNITS.join(", ")}` }),
});

export const VialSchema = z.object({
  quantity: z.number({ error: "expected a number" }).positive({ error: "expected a positive number" }),
  unit: z.enum(DOSE_UNITS, { error: `expected one of ${DOSE_UNITS.join(", ")}` }),
  /** How many of these vials were opened, when documented. */
  count: z.number().int({ error: "expected a whole number" }).positive().optional(),
});

export const DrugSchema = z.object({
  hcpcs,
  ndc: z.string().trim().min(1).optional(),
  name: z.string().trim().min(1).optional(),
  dose: DoseSchema,
  vials: z.array(VialSchema).default([]),
  /** Single-dose container; when omitted the drug catalog decides. */
  singleDose: z.boolean().optional(),
  acquired340B: z.boolean().default(false),
  supply: z.enum(["buy-and-bill", "white-bag"], { error: 'expected "buy-and-bill" or "white-bag"' }).default("buy-and-bill"),
  wasteDocumented: DoseSchema.optional(),
});

export const ADMINISTRATION_KINDS = ["chemotherapy", "therapeutic", "hydration"] as const;
export const ROUTES = ["iv-infusion", "iv-push", "subcutaneous", "intramuscular", "subcutaneous-infusion", "intra-arterial"] as const;
export const PROCEDURES = ["pump-refill-portable", "pump-refill-implantable", "port-irrigation"] as const;

export const AdministrationSchema = z.object({
  id: z.string({ error: "expected an id" }).trim().min(1, { error: "expected a non-empty id" }),
  kind: z.enum(ADMINISTRATION_KINDS, { error: `expected one of ${ADMINISTRATION_KINDS.join(", ")}` }),
  route: z.enum(ROUTES, { error: `expected one of ${ROUTES.join(", ")}` }),
  start: localDateTime.optional(),
  stop: localDateTime.optional(),
  primary: z.boolean().default(false),
  accessSite: z.string().trim().min(1).optional(),
  /** Administrations sharing a bag are one infusion. */
  bag: z.string().trim().min(1).optional(),
  /** Infusion through a portable or implantable pump (96416, 96425, C8957). */
  pump: z.boolean().default(false),
  /** Keep-vein-open fluid: never reported. */
  kvo: z.boolean().default(false),
  /** A separate site was (true) or was not (false) medically required; omitted: judged from overlap. */
  separateSiteRequired: z.boolean().optional(),
  /** Pump refill or port irrigation instead of a drug administration. */
  procedure: z.enum(PROCEDURES, { error: `expected one of ${PROCEDURES.join(", ")}` }).optional(),
  drug: DrugSchema.optional(),
});

export const BilledLineSchema = z.object({
  code: hcpcs,
  units: z.number({ error: "expected a number" }).nonnegative(),
  modifiers: z.array(z.string().trim().toUpperCase()).default([]),
  ndc: z.string().optional(),
});

export const EncounterSchema = z
  .object({
    setting: z.enum(["professional", "facility"], { error: 'expected "professional" or "facility"' }),
    dateOfService: isoDate,
    payer: z.object({
      kind: z.enum(PAYER_KINDS, { error: `expected one of ${PAYER_KINDS.join(", ")}` }),
      id: z.string().trim().min(1).optional(),
    }),
    facility: z
      .object({
        program340B: z.boolean().default(false),
        offCampus: z.boolean().default(false),
        /** Off-campus department excepted from site-neutral payment (PO) or not (PN). */
        excepted: z.boolean().default(true),
        type: z.enum(FACILITY_TYPES, { error: `expected one of ${FACILITY_TYPES.join(", ")}` }).default("standard"),
      })
      .default({ program340B: false, offCampus: false, excepted: true, type: "standard" }),
    administrations: z.array(AdministrationSchema).min(1, { error: "expected at least one administration" }),
    policy: PolicyOverridesSchema.optional(),
    /** Lines already on the claim, to audit against what the documentation supports. */
    billedLines: z.array(BilledLineSchema).optional(),
  })
  .superRefine((encounter, ctx) => {
    const seen = new Map<string, number>();
    encounter.administrations.forEach((a, i) => {
      const first = seen.get(a.id);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["administrations", i, "id"], message: `duplicate id "${a.id}" (also administrations[${first}])` });
      } else seen.set(a.id, i);
      if (a.procedure === undefined && a.kind !== "hydration" && !a.drug && a.route !== "iv-infusion") {
        ctx.addIssue({ code: "custom", path: ["administrations", i, "drug"], message: "expected the drug given by this injection or push" });
      }
    });
  });

export type Encounter = z.output<typeof EncounterSchema>;
export type EncounterInput = z.input<typeof EncounterSchema>;
export type Administration = Encounter["administrations"][number];
export type AdministrationDrug = NonNullable<Administration["drug"]>;
export type BilledLine = z.output<typeof BilledLineSchema>;

export interface EncounterError {
  /** JSON path such as "$.administrations[0].drug.dose.value". */
  path: string;
  message: string;
}

export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : `${out}.${String(key)}`), "$");
}

export type ParsedEncounter = { success: true; encounter: Encounter } | { success: false; errors: EncounterError[] };

export function parseEncounter(input: unknown): ParsedEncounter {
  const result = EncounterSchema.safeParse(input);
  if (result.success) return { success: true, encounter: result.data };
  return {
    success: false,
    errors: result.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message })),
  };
}

export function formatEncounterErrors(errors: readonly EncounterError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join("\n");
}

/** JSON text → a validated encounter; a syntax error answers "$" with the line and column when the parser gives them. */
export function parseEncounterJson(text: string): ParsedEncounter {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    if (Number.isNaN(position)) return { success: false, errors: [{ path: "$", message: `not valid JSON: ${message.replace(/\s+/g, " ")}` }] };
    const before = text.slice(0, position).split("\n");
    const where = `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
    return { success: false, errors: [{ path: "$", message: `not valid JSON at ${where}: ${message.replace(/ in JSON at position \d+.*$/s, "")}` }] };
  }
  return parseEncounter(json);
}
