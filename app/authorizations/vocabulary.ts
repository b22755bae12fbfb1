// The authorization module's vocabulary. Every list mirrors a Postgres enum in db/schema.ts value for value
// (a unit test holds them together); pure modules may not import db/, so the lists live here too.

export const AUTHORIZATION_STATUSES = [
  "draft",
  "submitted",
  "pending",
  "information_requested",
  "approved",
  "partially_approved",
  "modified",
  "denied",
  "peer_to_peer",
  "appeal",
  "no_auth_required",
  "renewal_due",
  "superseded",
  "exhausted",
  "expired",
  "cancelled",
  "voided",
  "duplicate",
] as const;
export type AuthorizationStatus = (typeof AUTHORIZATION_STATUSES)[number];

export const CERTIFICATION_TYPES = ["initial", "renewal", "revised", "extension", "appeal", "cancel"] as const;
export type CertificationType = (typeof CERTIFICATION_TYPES)[number];

export const URGENCIES = ["standard", "expedited"] as const;
export type Urgency = (typeof URGENCIES)[number];

export const UNIT_TYPES = ["units", "visits"] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const SUBMISSION_CHANNELS = ["portal", "fax", "phone", "x12_278", "fhir_pas", "email", "mail"] as const;
export type SubmissionChannel = (typeof SUBMISSION_CHANNELS)[number];

export const SITE_OF_CARE_TYPES = ["office", "ambulatory_infusion_center", "hopd_on_campus", "hopd_off_campus", "home"] as const;
export type SiteOfCare = (typeof SITE_OF_CARE_TYPES)[number];

export const BILLING_UNITS = ["mg", "mcg", "g", "units", "mL"] as const;
export type BillingUnit = (typeof BILLING_UNITS)[number];

export const DOSE_BASES = ["fixed", "per_kg", "per_m2"] as const;
export type DoseBasis = (typeof DOSE_BASES)[number];

export const ROUTES = ["iv_infusion", "iv_push", "subcutaneous", "intramuscular", "subcutaneous_infusion", "intra_arterial"] as const;
export type Route = (typeof ROUTES)[number];

export const LEDGER_ENTRY_KINDS = ["scheduled", "administered", "billed", "adjustment", "reversal"] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

export const LINES_OF_BUSINESS = ["medicare_part_b", "medicare_advantage", "medicaid", "medicaid_managed_care", "commercial", "exchange"] as const;
export type LineOfBusiness = (typeof LINES_OF_BUSINESS)[number];

export const ROLES = ["admin", "coordinator", "clinician", "biller"] as const;
export type Role = (typeof ROLES)[number];

/** Statuses in which the case is a live authorization that covers services. */
export const ACTIVE_STATUSES = ["approved", "partially_approved", "modified", "renewal_due"] as const satisfies readonly AuthorizationStatus[];
/** Waiting on the payer's first decision. */
export const AWAITING_DECISION_STATUSES = ["submitted", "pending", "information_requested"] as const satisfies readonly AuthorizationStatus[];
/** Nothing more can happen to the case (void aside, for the ones entered in error). */
export const CLOSED_STATUSES = ["superseded", "expired", "cancelled", "voided", "duplicate"] as const satisfies readonly AuthorizationStatus[];

export const HOSPITAL_SITES = ["hopd_on_campus", "hopd_off_campus"] as const satisfies readonly SiteOfCare[];

export function isActive(status: AuthorizationStatus): boolean {
  return (ACTIVE_STATUSES as readonly AuthorizationStatus[]).includes(status);
}

export function isAwaitingDecision(status: AuthorizationStatus): boolean {
  return (AWAITING_DECISION_STATUSES as readonly AuthorizationStatus[]).includes(status);
}

export function isClosed(status: AuthorizationStatus): boolean {
  return (CLOSED_STATUSES as readonly AuthorizationStatus[]).includes(status);
}

export function isHospitalSite(site: SiteOfCare): boolean {
  return (HOSPITAL_SITES as readonly SiteOfCare[]).includes(site);
}

/** Statuses in a coordinator's words (used in error messages). */
export const STATUS_WORDS: Record<AuthorizationStatus, string> = {
  draft: "a draft",
  submitted: "submitted",
  pending: "awaiting the payer",
  information_requested: "waiting on information the payer asked for",
  approved: "approved",
  partially_approved: "partially approved",
  modified: "approved with changes",
  denied: "denied",
  peer_to_peer: "in peer-to-peer review",
  appeal: "in appeal",
  no_auth_required: "marked no authorization required",
  renewal_due: "due for renewal",
  superseded: "superseded",
  exhausted: "out of units",
  expired: "expired",
  cancelled: "cancelled",
  voided: "voided",
  duplicate: "a duplicate",
};

/** X12 278 UM02 certification type codes. */
export const X12_CERTIFICATION_CODES: Record<CertificationType, string> = {
  initial: "I",
  renewal: "R",
  revised: "S",
  extension: "4",
  appeal: "1",
  cancel: "3",
};

/** X12 278 HCR01 action codes for the statuses that carry one (cancelled is C, never A6). */
export const X12_ACTION_CODES: Partial<Record<AuthorizationStatus, string>> = {
  approved: "A1",
  partially_approved: "A2",
  denied: "A3",
  pending: "A4",
  information_requested: "A4",
  modified: "A6",
  cancelled: "C",
  no_auth_required: "NA",
};
