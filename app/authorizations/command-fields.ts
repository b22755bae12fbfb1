// Field schemas shared by the case commands: identifiers, codes, dates, drug lines, approvals, regimens.
// Every message names the expected form, so a coordinator can fix the field.
import { z } from "zod";
import { isIsoDate, isTimeZone, DEFAULT_TIME_ZONE } from "./calendar";
import { BILLING_UNITS, DOSE_BASES, LINES_OF_BUSINESS, ROUTES, SITE_OF_CARE_TYPES, SUBMISSION_CHANNELS } from "./vocabulary";

const oneOf = (values: readonly string[]) => ({ error: `expected one of ${values.join(", ")}` });

export const id = z.guid({ error: "expected an id (uuid)" });
export const text = z.string({ error: "expected text" }).trim().min(1, { error: "expected non-empty text" });
export const npi = z.string({ error: "expected a 10-digit NPI" }).trim().regex(/^\d{10}$/, { error: "expected a 10-digit NPI" });
export const tin = z.string({ error: "expected a 9-digit TIN" }).trim().regex(/^\d{9}$/, { error: "expected a 9-digit TIN" });
export const hcpcs = z
  .string({ error: "expected a HCPCS code such as J1745" })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]\d{4}$/, { error: "expected a HCPCS code such as J1745" });
export const ndc11 = z
  .string({ error: "expected an 11-digit NDC" })
  .trim()
  .regex(/^\d{11}$/, { error: "expected an 11-digit NDC without hyphens (5-4-2)" });
/** ICD-10-CM, stored without the dot (K50.90 → K5090). */
export const icd10 = z
  .string({ error: "expected an ICD-10-CM code such as K50.90" })
  .trim()
  .toUpperCase()
  .transform((code) => code.replace(".", ""))
  .refine((code) => /^[A-Z]\d[0-9A-Z]{1,5}$/.test(code), { error: "expected an ICD-10-CM code such as K50.90" });
export const isoDate = z.string({ error: 'expected a date "YYYY-MM-DD"' }).refine(isIsoDate, { error: 'expected a date "YYYY-MM-DD"' });
/** An instant with a time zone offset; normalised to UTC ("2026-01-05T14:00:00.000Z"). */
export const instant = z.iso.datetime({ offset: true, error: "expected a date-time with a time zone, such as 2026-01-05T09:00:00-05:00" }).transform((s) => new Date(s).toISOString());
export const positive = z.number({ error: "expected a number" }).positive({ error: "expected a positive number" });
export const count = z.number({ error: "expected a whole number" }).int({ error: "expected a whole number" });
export const channel = z.enum(SUBMISSION_CHANNELS, oneOf(SUBMISSION_CHANNELS));
export const siteOfCare = z.enum(SITE_OF_CARE_TYPES, oneOf(SITE_OF_CARE_TYPES));
export const proofReference = z
  .string({ error: "expected the proof: a fax receipt, portal screenshot or call reference" })
  .trim()
  .min(1, { error: "expected the proof: a fax receipt, portal screenshot or call reference" });

export const DoseSchema = z.object({
  value: positive,
  unit: z.enum(BILLING_UNITS, oneOf(BILLING_UNITS)),
  basis: z.enum(DOSE_BASES, oneOf(DOSE_BASES)).default("fixed"),
});

export const FacilitySchema = z.object({
  facilityId: id,
  npi,
  tin,
  siteOfCare,
  placeOfService: z.string({ error: "expected a 2-digit place of service" }).regex(/^\d{2}$/, { error: "expected a 2-digit place of service such as 11 or 22" }),
  timeZone: z.string().refine(isTimeZone, { error: "expected an IANA time zone such as America/New_York" }).default(DEFAULT_TIME_ZONE),
});

export const DrugLineSchema = z
  .object({
    hcpcs,
    drugId: id.optional(),
    ndc11: ndc11.optional(),
    /** For a biosimilar: the HCPCS of its reference product (Q5103 → J1745). */
    referenceHcpcs: hcpcs.optional(),
    dose: DoseSchema,
    route: z.enum(ROUTES, oneOf(ROUTES)).optional(),
    /** Days between administrations (0 = single dose). */
    intervalDays: count.nonnegative({ error: "expected 0 or more days" }).optional(),
    unitsPerDose: positive,
    administrations: count.positive({ error: "expected at least 1 administration" }),
    administrationCodes: z.array(z.string().trim().regex(/^\d{5}$|^[A-Z]\d{4}$/, { error: "expected a CPT/HCPCS code such as 96413" })).default([]),
    requestedUnits: z.number({ error: "expected a number" }).nonnegative().optional(),
    requestedVisits: count.nonnegative().optional(),
  })
  .transform((line) => ({
    ...line,
    // Requested quantities default to what the regimen needs.
    requestedUnits: line.requestedUnits ?? line.unitsPerDose * line.administrations,
    requestedVisits: line.requestedVisits ?? line.administrations,
  }));

export const CoverageSchema = z.object({
  coverageId: id,
  payerId: id,
  planId: id,
  lineOfBusiness: z.enum(LINES_OF_BUSINESS, oneOf(LINES_OF_BUSINESS)),
  memberId: text,
  delegatedVendor: text.optional(),
});

export const PatientSchema = z.object({
  patientId: id,
  weightKg: positive.optional(),
  bsaM2: positive.optional(),
  weighedOn: isoDate.optional(),
});

/** What the payer authorized for one requested line. */
export const AuthorizedLineSchema = z
  .object({
    lineNumber: count.positive({ error: "expected a line number from the request (1, 2, …)" }),
    authorizedUnits: z.number({ error: "expected a number" }).nonnegative().optional(),
    authorizedVisits: count.nonnegative().optional(),
    /** Biosimilars (or the reference product) the payer accepts under this line. */
    mappedHcpcs: z.array(hcpcs).default([]),
  })
  .refine((l) => l.authorizedUnits !== undefined || l.authorizedVisits !== undefined, { error: "expected authorizedUnits or authorizedVisits", path: ["authorizedUnits"] });

/** An approval as the payer letter states it: number, dates, site and lines. Requested values stay on the case. */
export const ApprovalSchema = z
  .object({
    outcome: z.enum(["approved", "partially_approved", "modified"], oneOf(["approved", "partially_approved", "modified"])).default("approved"),
    authorizationNumber: text,
    effectiveFrom: isoDate,
    effectiveTo: isoDate,
    authorizedSiteOfCare: siteOfCare.optional(),
    lines: z.array(AuthorizedLineSchema).min(1, { error: "expected at least one authorized line" }),
  })
  .refine((a) => a.effectiveTo >= a.effectiveFrom, { error: "expected effectiveTo on or after effectiveFrom", path: ["effectiveTo"] });

export const RegimenLineSchema = z.object({
  regimenId: id.optional(),
  /** The case line the new regimen replaces. */
  lineNumber: count.positive().default(1),
  hcpcs,
  referenceHcpcs: hcpcs.optional(),
  drugId: id.optional(),
  ndc11: ndc11.optional(),
  dose: DoseSchema,
  route: z.enum(ROUTES, oneOf(ROUTES)).optional(),
  unitsPerDose: positive,
  intervalDays: count.nonnegative({ error: "expected 0 or more days" }),
  /** Administrations still planned under the new regimen. */
  administrations: count.positive({ error: "expected at least 1 administration" }),
  siteOfCare,
  facility: FacilitySchema.optional(),
  /** First date of service under the new regimen. */
  effectiveFrom: isoDate,
  diagnoses: z.array(icd10).optional(),
});

export const AffectedItemSchema = z.object({
  kind: z.enum(["scheduled_visit", "claim"], oneOf(["scheduled_visit", "claim"])),
  id: text,
  on: isoDate,
});
