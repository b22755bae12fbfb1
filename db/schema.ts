// The system of record for infusion-pa: every table, named in the domain's words.
// Tenant tables carry organization_id and a row-level-security policy that lets the
// request role (app_user) see only the organization set in `app.organization_id`.
import { sql, type SQL } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgPolicy,
  pgRole,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** The non-superuser role every request transaction switches to (created in migration 0000). */
export const appUser = pgRole("app_user").existing();

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

// Wrapped in a scalar subquery so Postgres evaluates it once per statement (an InitPlan), not once per row.
const currentOrganization = sql`(select nullif(current_setting('app.organization_id', true), '')::uuid)`;

/** One policy per tenant table: read and write only the current organization's rows. */
function tenantPolicy(organizationId: AnyPgColumn) {
  const sameOrganization: SQL = sql`${organizationId} = ${currentOrganization}`;
  return pgPolicy("tenant_isolation", { as: "permissive", for: "all", to: appUser, using: sameOrganization, withCheck: sameOrganization });
}

const id = () => uuid("id").primaryKey().defaultRandom();
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const organizationId = () =>
  uuid("organization_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

// ---------------------------------------------------------------- enums

export const siteOfCareType = pgEnum("site_of_care_type", ["office", "ambulatory_infusion_center", "hopd_on_campus", "hopd_off_campus", "home"]);
export const membershipRole = pgEnum("membership_role", ["admin", "coordinator", "clinician", "biller"]);
export const sex = pgEnum("sex", ["female", "male", "other", "unknown"]);
export const payerKind = pgEnum("payer_kind", ["medicare", "medicare_advantage", "medicaid", "commercial"]);
export const lineOfBusiness = pgEnum("line_of_business", ["medicare_part_b", "medicare_advantage", "medicaid", "medicaid_managed_care", "commercial", "exchange"]);
export const billingUnit = pgEnum("billing_unit", ["mg", "mcg", "g", "units", "mL"]);
export const doseBasis = pgEnum("dose_basis", ["fixed", "per_kg", "per_m2"]);
export const route = pgEnum("route", ["iv_infusion", "iv_push", "subcutaneous", "intramuscular", "subcutaneous_infusion", "intra_arterial"]);
export const regimenStatus = pgEnum("regimen_status", ["active", "changed", "completed", "discontinued"]);
export const infusionStatus = pgEnum("infusion_status", ["scheduled", "completed", "cancelled", "no_show"]);
/**
 * Case statuses. Stored as text with a CHECK, not a Postgres enum: enum equality is not LEAKPROOF, so under row-level
 * security Postgres will not use it as an index condition and every status queue would become a sequential scan.
 */
export const authorizationStatus = { enumValues: [
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
] as const };
export const certificationType = pgEnum("certification_type", ["initial", "renewal", "revised", "extension", "appeal", "cancel"]);
export const urgency = pgEnum("urgency", ["standard", "expedited"]);
export const unitType = pgEnum("unit_type", ["units", "visits"]);
export const submissionChannel = pgEnum("submission_channel", ["portal", "fax", "phone", "x12_278", "fhir_pas", "email", "mail"]);
export const ledgerEntryKind = pgEnum("ledger_entry_kind", ["scheduled", "administered", "billed", "adjustment", "reversal"]);
export const administrationKind = pgEnum("administration_kind", ["chemotherapy", "therapeutic", "hydration"]);
export const drugSupply = pgEnum("drug_supply", ["buy_and_bill", "white_bag"]);
export const claimSetting = pgEnum("claim_setting", ["professional", "facility"]);
export const encounterStatus = pgEnum("encounter_status", ["documented", "coded", "billed"]);
export const claimStatus = pgEnum("claim_status", ["draft", "held", "ready", "released", "void"]);
export const coveragePriority = pgEnum("coverage_priority", ["primary", "secondary", "tertiary"]);

// ---------------------------------------------------------------- organizations and people

export const organizations = pgTable(
  "organizations",
  {
    id: id(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("organizations_slug_key").on(t.slug),
    check("organizations_slug_format", sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]*$'`),
    pgPolicy("tenant_isolation", { for: "select", to: appUser, using: sql`${t.id} = ${currentOrganization}` }),
  ],
);

export const facilities = pgTable(
  "facilities",
  {
    id: id(),
    organizationId: organizationId(),
    name: text("name").notNull(),
    siteOfCare: siteOfCareType("site_of_care").notNull(),
    /** CMS place-of-service code: 11 office, 19/22 HOPD off/on campus, 12 home, 49/11 infusion center. */
    placeOfService: text("place_of_service").notNull(),
    npi: text("npi").notNull(),
    tin: text("tin").notNull(),
    program340B: boolean("program_340b").notNull().default(false),
    timeZone: text("time_zone").notNull().default("America/New_York"),
    addressLine: text("address_line"),
    city: text("city"),
    state: text("state"),
    postalCode: text("postal_code"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("facilities_organization_npi_key").on(t.organizationId, t.npi),
    check("facilities_npi_format", sql`${t.npi} ~ '^[0-9]{10}$'`),
    check("facilities_tin_format", sql`${t.tin} ~ '^[0-9]{9}$'`),
    check("facilities_place_of_service_format", sql`${t.placeOfService} ~ '^[0-9]{2}$'`),
    check("facilities_340b_site", sql`NOT ${t.program340B} OR ${t.siteOfCare} <> 'home'`),
    tenantPolicy(t.organizationId),
  ],
);

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    check("users_email_format", sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
    // A user is visible to a tenant only through a membership in that tenant.
    pgPolicy("tenant_isolation", {
      for: "select",
      to: appUser,
      using: sql`exists (select 1 from memberships m where m.user_id = ${t.id} and m.organization_id = ${currentOrganization})`,
    }),
  ],
);

export const providers = pgTable(
  "providers",
  {
    id: id(),
    organizationId: organizationId(),
    npi: text("npi").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    credentials: text("credentials"),
    specialty: text("specialty"),
    email: text("email"),
    /** A delegate nurse who receives the clinician emails instead of, or as well as, the provider. */
    delegateName: text("delegate_name"),
    delegateEmail: text("delegate_email"),
    /** "instead": only the delegate; "also": the provider and the delegate. Null when there is no delegate. */
    delegateMode: text("delegate_mode", { enum: ["instead", "also"] }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("providers_organization_npi_key").on(t.organizationId, t.npi),
    check("providers_npi_format", sql`${t.npi} ~ '^[0-9]{10}$'`),
    check("providers_delegate_complete", sql`(${t.delegateEmail} IS NULL) = (${t.delegateMode} IS NULL) AND (${t.delegateEmail} IS NULL OR ${t.delegateName} IS NOT NULL)`),
    check("providers_delegate_mode", sql`${t.delegateMode} IS NULL OR ${t.delegateMode} IN ('instead', 'also')`),
    check("providers_delegate_email_format", sql`${t.delegateEmail} IS NULL OR ${t.delegateEmail} ~ '^[^@\\s]+@[^@\\s]+$'`),
    tenantPolicy(t.organizationId),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    organizationId: organizationId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: membershipRole("role").notNull(),
    /** A clinician's membership points at the provider record they sign as. */
    providerId: uuid("provider_id").references(() => providers.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_organization_user_role_key").on(t.organizationId, t.userId, t.role),
    index("memberships_user_idx").on(t.userId),
    tenantPolicy(t.organizationId),
  ],
);

// ---------------------------------------------------------------- patients and coverage

export const patients = pgTable(
  "patients",
  {
    id: id(),
    organizationId: organizationId(),
    mrn: text("mrn").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    birthDate: date("birth_date").notNull(),
    sex: sex("sex").notNull(),
    primaryFacilityId: uuid("primary_facility_id").references(() => facilities.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("patients_organization_mrn_key").on(t.organizationId, t.mrn),
    // Name order with the id as the tie-break: the patient list's keyset and the queues' sort by patient.
    index("patients_organization_name_idx").on(t.organizationId, sql`lower(${t.lastName})`, sql`lower(${t.firstName})`, t.id),
    check("patients_birth_date_past", sql`${t.birthDate} > date '1900-01-01'`),
    tenantPolicy(t.organizationId),
  ],
);

export const patientWeights = pgTable(
  "patient_weights",
  {
    id: id(),
    organizationId: organizationId(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    measuredOn: date("measured_on").notNull(),
    weightKg: numeric("weight_kg", { precision: 6, scale: 2, mode: "number" }).notNull(),
    heightCm: numeric("height_cm", { precision: 5, scale: 1, mode: "number" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("patient_weights_patient_day_key").on(t.patientId, t.measuredOn),
    check("patient_weights_weight_range", sql`${t.weightKg} > 0 AND ${t.weightKg} < 700`),
    check("patient_weights_height_range", sql`${t.heightCm} IS NULL OR (${t.heightCm} > 0 AND ${t.heightCm} < 300)`),
    tenantPolicy(t.organizationId),
  ],
);

export const payers = pgTable(
  "payers",
  {
    id: id(),
    organizationId: organizationId(),
    name: text("name").notNull(),
    kind: payerKind("kind").notNull(),
    /** The payer id used on 837/278 transactions. */
    payerCode: text("payer_code").notNull(),
    /** Delegated utilization-management vendor (e.g. a specialty-drug benefit manager), if any. */
    delegatedVendor: text("delegated_vendor"),
    portalUrl: text("portal_url"),
    faxNumber: text("fax_number"),
    phoneNumber: text("phone_number"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("payers_organization_name_key").on(t.organizationId, t.name),
    uniqueIndex("payers_organization_code_key").on(t.organizationId, t.payerCode),
    tenantPolicy(t.organizationId),
  ],
);

export const payerPlans = pgTable(
  "payer_plans",
  {
    id: id(),
    organizationId: organizationId(),
    payerId: uuid("payer_id")
      .notNull()
      .references(() => payers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    lineOfBusiness: lineOfBusiness("line_of_business").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("payer_plans_payer_name_key").on(t.payerId, t.name), tenantPolicy(t.organizationId)],
);

export const coverages = pgTable(
  "coverages",
  {
    id: id(),
    organizationId: organizationId(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    planId: uuid("plan_id")
      .notNull()
      .references(() => payerPlans.id),
    memberId: text("member_id").notNull(),
    groupNumber: text("group_number"),
    priority: coveragePriority("priority").notNull(),
    effectiveFrom: date("effective_from").notNull(),
    effectiveTo: date("effective_to"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("coverages_patient_priority_from_key").on(t.patientId, t.priority, t.effectiveFrom),
    index("coverages_organization_member_idx").on(t.organizationId, t.memberId),
    check("coverages_dates_ordered", sql`${t.effectiveTo} IS NULL OR ${t.effectiveTo} >= ${t.effectiveFrom}`),
    tenantPolicy(t.organizationId),
  ],
);

// ---------------------------------------------------------------- drugs (shared reference data, no tenant)

export const drugs = pgTable(
  "drugs",
  {
    id: id(),
    hcpcs: text("hcpcs").notNull(),
    shortName: text("short_name").notNull(),
    genericName: text("generic_name").notNull(),
    brandName: text("brand_name"),
    /** The HCPCS descriptor quantity: one billing unit is this much drug (J1745: 10 mg). */
    billingUnitQuantity: numeric("billing_unit_quantity", { precision: 12, scale: 4, mode: "number" }).notNull(),
    billingUnit: billingUnit("billing_unit").notNull(),
    /** Eligible for chemotherapy/complex administration codes (96401–96549) by default. */
    complexAdministration: boolean("complex_administration").notNull().default(false),
    notOtherwiseClassified: boolean("not_otherwise_classified").notNull().default(false),
    /** For a biosimilar, the HCPCS of its reference product (Q5103 → J1745). */
    referenceHcpcs: text("reference_hcpcs"),
    effectiveFrom: date("effective_from").notNull().default(sql`'2000-01-01'`),
    effectiveTo: date("effective_to"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("drugs_hcpcs_key").on(t.hcpcs),
    check("drugs_hcpcs_format", sql`${t.hcpcs} ~ '^[A-Z][0-9]{4}$'`),
    check("drugs_billing_unit_positive", sql`${t.billingUnitQuantity} > 0`),
  ],
);

export const ndcPackages = pgTable(
  "ndc_packages",
  {
    id: id(),
    drugId: uuid("drug_id")
      .notNull()
      .references(() => drugs.id, { onDelete: "cascade" }),
    /** NDC-11, 5-4-2 without hyphens. */
    ndc11: text("ndc11").notNull(),
    labeler: text("labeler").notNull(),
    description: text("description").notNull(),
    vialQuantity: numeric("vial_quantity", { precision: 12, scale: 4, mode: "number" }).notNull(),
    vialUnit: billingUnit("vial_unit").notNull(),
    singleDose: boolean("single_dose").notNull(),
    billingUnitsPerPackage: numeric("billing_units_per_package", { precision: 12, scale: 4, mode: "number" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ndc_packages_ndc11_key").on(t.ndc11),
    index("ndc_packages_drug_idx").on(t.drugId),
    check("ndc_packages_ndc11_format", sql`${t.ndc11} ~ '^[0-9]{11}$'`),
    check("ndc_packages_quantities_positive", sql`${t.vialQuantity} > 0 AND ${t.billingUnitsPerPackage} > 0`),
  ],
);

// ---------------------------------------------------------------- regimens and the schedule

export const regimens = pgTable(
  "regimens",
  {
    id: id(),
    organizationId: organizationId(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    drugId: uuid("drug_id")
      .notNull()
      .references(() => drugs.id),
    doseValue: numeric("dose_value", { precision: 12, scale: 4, mode: "number" }).notNull(),
    doseUnit: billingUnit("dose_unit").notNull(),
    doseBasis: doseBasis("dose_basis").notNull().default("fixed"),
    route: route("route").notNull(),
    /** Days between administrations in the maintenance phase (0 = single dose). */
    intervalDays: integer("interval_days").notNull(),
    /** Free-text frequency as ordered ("weeks 0, 2, 6 then every 8 weeks"). */
    frequency: text("frequency").notNull(),
    administrationsCount: integer("administrations_count").notNull(),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id),
    orderingProviderId: uuid("ordering_provider_id")
      .notNull()
      .references(() => providers.id),
    /** ICD-10-CM codes, without the dot (K50.90 → K5090). */
    diagnoses: text("diagnoses").array().notNull(),
    startDate: date("start_date").notNull(),
    endDate: date("end_date"),
    status: regimenStatus("status").notNull().default("active"),
    /** The regimen this one replaced (dose, interval, drug or site change). */
    replacesRegimenId: uuid("replaces_regimen_id").references((): AnyPgColumn => regimens.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("regimens_organization_patient_idx").on(t.organizationId, t.patientId),
    check("regimens_dose_positive", sql`${t.doseValue} > 0`),
    check("regimens_interval_nonnegative", sql`${t.intervalDays} >= 0`),
    check("regimens_administrations_positive", sql`${t.administrationsCount} > 0`),
    check("regimens_has_diagnosis", sql`cardinality(${t.diagnoses}) > 0`),
    check("regimens_dates_ordered", sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
    tenantPolicy(t.organizationId),
  ],
);

export const scheduledInfusions = pgTable(
  "scheduled_infusions",
  {
    id: id(),
    organizationId: organizationId(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    regimenId: uuid("regimen_id")
      .notNull()
      .references(() => regimens.id, { onDelete: "cascade" }),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
    status: infusionStatus("status").notNull().default("scheduled"),
    createdAt: createdAt(),
  },
  (t) => [
    index("scheduled_infusions_organization_time_idx").on(t.organizationId, t.scheduledAt),
    index("scheduled_infusions_regimen_idx").on(t.regimenId, t.scheduledAt),
    tenantPolicy(t.organizationId),
  ],
);

// ---------------------------------------------------------------- authorization cases (event-sourced)

export const authorizationCases = pgTable(
  "authorization_cases",
  {
    id: id(),
    organizationId: organizationId(),
    /** Human case number, unique per organization: PA-000123. */
    caseNumber: text("case_number").notNull(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    coverageId: uuid("coverage_id")
      .notNull()
      .references(() => coverages.id),
    payerId: uuid("payer_id")
      .notNull()
      .references(() => payers.id),
    planId: uuid("plan_id")
      .notNull()
      .references(() => payerPlans.id),
    regimenId: uuid("regimen_id").references(() => regimens.id),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id),
    orderingProviderId: uuid("ordering_provider_id")
      .notNull()
      .references(() => providers.id),
    status: text("status", { enum: authorizationStatus.enumValues }).notNull().default("draft"),
    certificationType: certificationType("certification_type").notNull().default("initial"),
    urgency: urgency("urgency").notNull().default("standard"),
    unitType: unitType("unit_type").notNull().default("units"),
    requestedSiteOfCare: siteOfCareType("requested_site_of_care").notNull(),
    authorizedSiteOfCare: siteOfCareType("authorized_site_of_care"),
    siteOfCareException: text("site_of_care_exception"),
    authorizationNumber: text("authorization_number"),
    payerReference: text("payer_reference"),
    submissionChannel: submissionChannel("submission_channel"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
    requestedFrom: date("requested_from"),
    requestedTo: date("requested_to"),
    effectiveFrom: date("effective_from"),
    effectiveTo: date("effective_to"),
    requestedQuantity: numeric("requested_quantity", { precision: 12, scale: 2, mode: "number" }),
    authorizedQuantity: numeric("authorized_quantity", { precision: 12, scale: 2, mode: "number" }),
    usedQuantity: numeric("used_quantity", { precision: 12, scale: 2, mode: "number" }).notNull().default(0),
    /** The projection's next deadline: what is due, when, and which rule set it. */
    nextDeadlineAt: timestamp("next_deadline_at", { withTimezone: true }),
    nextDeadlineKind: text("next_deadline_kind"),
    nextDeadlineRule: text("next_deadline_rule"),
    /**
     * The most urgent renewal band raised (days before the end date, from the payer's renewal-lead rule), while the
     * authorization is active; null when none was raised. The Renewal due queue labels and filters by it.
     */
    renewalBand: integer("renewal_band"),
    /** The units (or visits) left are fewer than the next scheduled doses need: the renewal-lead rule's units alert. */
    unitsRunningOut: boolean("units_running_out").notNull().default(false),
    assigneeId: uuid("assignee_id").references(() => users.id),
    predecessorCaseId: uuid("predecessor_case_id").references((): AnyPgColumn => authorizationCases.id),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Number of events applied: the optimistic-concurrency version of the projection. */
    version: integer("version").notNull().default(0),
    lastEventAt: timestamp("last_event_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * The case as the decider sees it after event #version (its CaseState), written with the projection in the
     * command's transaction: readers that need the whole state (the release gate, upcoming coverage) take it
     * instead of replaying the history. Null on rows written before it existed: those are replayed.
     */
    state: jsonb("state"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("authorization_cases_organization_number_key").on(t.organizationId, t.caseNumber),
    // Every queue is a keyset-paginated index scan: (org, status, next deadline, id).
    index("authorization_cases_queue_idx").on(t.organizationId, t.status, t.nextDeadlineAt, t.id),
    index("authorization_cases_assignee_idx").on(t.organizationId, t.assigneeId, t.nextDeadlineAt, t.id),
    // Queue sorts other than by deadline, each a keyset index scan: by last touch (per status, and for My work),
    // and by payer (per payer, then status, then deadline).
    index("authorization_cases_touch_idx").on(t.organizationId, t.status, t.lastEventAt, t.id),
    index("authorization_cases_assignee_touch_idx").on(t.organizationId, t.assigneeId, t.lastEventAt, t.id),
    index("authorization_cases_payer_idx").on(t.organizationId, t.payerId, t.status, t.nextDeadlineAt, t.id),
    // Every queue's count in one grouped index-only scan: the columns the queue conditions look at, and nothing wide.
    index("authorization_cases_counts_idx").on(t.organizationId, t.status, t.assigneeId, t.certificationType, t.requestedSiteOfCare, t.siteOfCareException),
    index("authorization_cases_due_idx").on(t.nextDeadlineAt).where(sql`${t.nextDeadlineAt} IS NOT NULL`),
    index("authorization_cases_patient_idx").on(t.organizationId, t.patientId),
    index("authorization_cases_authorization_number_idx").on(t.organizationId, t.authorizationNumber),
    // Renewal chains on the patient page, and deleting a case without scanning every other one for references.
    index("authorization_cases_predecessor_idx").on(t.predecessorCaseId).where(sql`${t.predecessorCaseId} IS NOT NULL`),
    check("authorization_cases_effective_dates_ordered", sql`${t.effectiveTo} IS NULL OR ${t.effectiveFrom} IS NULL OR ${t.effectiveTo} >= ${t.effectiveFrom}`),
    check("authorization_cases_requested_dates_ordered", sql`${t.requestedTo} IS NULL OR ${t.requestedFrom} IS NULL OR ${t.requestedTo} >= ${t.requestedFrom}`),
    check("authorization_cases_quantities_nonnegative", sql`coalesce(${t.requestedQuantity}, 0) >= 0 AND coalesce(${t.authorizedQuantity}, 0) >= 0 AND ${t.usedQuantity} >= 0`),
    check("authorization_cases_version_nonnegative", sql`${t.version} >= 0`),
    check("authorization_cases_status_valid", sql.raw(`status IN (${authorizationStatus.enumValues.map((v) => `'${v}'`).join(", ")})`)),
    check(
      "authorization_cases_approved_has_number",
      sql`${t.status} NOT IN ('approved', 'partially_approved', 'modified') OR (${t.authorizationNumber} IS NOT NULL AND ${t.effectiveFrom} IS NOT NULL AND ${t.effectiveTo} IS NOT NULL)`,
    ),
    tenantPolicy(t.organizationId),
  ],
);

export const authorizationLines = pgTable(
  "authorization_lines",
  {
    id: id(),
    organizationId: organizationId(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => authorizationCases.id, { onDelete: "cascade" }),
    lineNumber: integer("line_number").notNull(),
    hcpcs: text("hcpcs").notNull(),
    drugId: uuid("drug_id").references(() => drugs.id),
    ndc11: text("ndc11"),
    doseValue: numeric("dose_value", { precision: 12, scale: 4, mode: "number" }),
    doseUnit: billingUnit("dose_unit"),
    /** fixed, per_kg or per_m2: a 10 mg/kg line is dose 10, unit mg, basis per_kg. */
    doseBasis: doseBasis("dose_basis").notNull().default("fixed"),
    unitsPerDose: numeric("units_per_dose", { precision: 12, scale: 2, mode: "number" }),
    administrationCodes: text("administration_codes").array().notNull().default(sql`'{}'::text[]`),
    requestedUnits: numeric("requested_units", { precision: 12, scale: 2, mode: "number" }),
    requestedVisits: integer("requested_visits"),
    authorizedUnits: numeric("authorized_units", { precision: 12, scale: 2, mode: "number" }),
    authorizedVisits: integer("authorized_visits"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("authorization_lines_case_line_key").on(t.caseId, t.lineNumber),
    // The queues' drug filter and its list of drugs on cases.
    index("authorization_lines_drug_idx").on(t.organizationId, t.drugId),
    check("authorization_lines_ndc11_format", sql`${t.ndc11} IS NULL OR ${t.ndc11} ~ '^[0-9]{11}$'`),
    check("authorization_lines_hcpcs_format", sql`${t.hcpcs} ~ '^[A-Z][0-9]{4}$'`),
    check(
      "authorization_lines_quantities_nonnegative",
      sql`coalesce(${t.requestedUnits}, 0) >= 0 AND coalesce(${t.authorizedUnits}, 0) >= 0 AND coalesce(${t.requestedVisits}, 0) >= 0 AND coalesce(${t.authorizedVisits}, 0) >= 0`,
    ),
    tenantPolicy(t.organizationId),
  ],
);

/** Append-only: the audit trail and the timeline. UPDATE and DELETE are refused by a trigger. */
export const authorizationEvents = pgTable(
  "authorization_events",
  {
    id: id(),
    organizationId: organizationId(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => authorizationCases.id),
    /** 1, 2, 3… per case; with the unique key it makes concurrent appends collide instead of interleave. */
    sequence: integer("sequence").notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull().default({}),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    channel: submissionChannel("channel"),
    proofReference: text("proof_reference"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * The id of the command that recorded this event (the Temporal driver's Update id), when the sender gave one:
     * a retried command finds its events by it instead of deciding again.
     */
    commandId: text("command_id"),
  },
  (t) => [
    uniqueIndex("authorization_events_case_sequence_key").on(t.caseId, t.sequence),
    index("authorization_events_command_idx").on(t.caseId, t.commandId).where(sql`${t.commandId} IS NOT NULL`),
    check("authorization_events_sequence_positive", sql`${t.sequence} > 0`),
    tenantPolicy(t.organizationId),
  ],
);

export const unitLedgerEntries = pgTable(
  "unit_ledger_entries",
  {
    id: id(),
    organizationId: organizationId(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => authorizationCases.id, { onDelete: "cascade" }),
    lineId: uuid("line_id").references(() => authorizationLines.id, { onDelete: "cascade" }),
    kind: ledgerEntryKind("kind").notNull(),
    /** Signed: deductions are negative, reversals and adjustments may be either. */
    units: numeric("units", { precision: 12, scale: 2, mode: "number" }).notNull(),
    visits: integer("visits").notNull().default(0),
    /** What produced the entry (a scheduled infusion, an administration, a claim line): the idempotency key. */
    sourceType: text("source_type").notNull(),
    sourceId: text("source_id").notNull(),
    occurredOn: date("occurred_on").notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("unit_ledger_entries_source_key").on(t.caseId, t.kind, t.sourceType, t.sourceId),
    index("unit_ledger_entries_case_idx").on(t.caseId, t.occurredOn),
    tenantPolicy(t.organizationId),
  ],
);

/** Dated, per-payer (and optionally per-plan, per-line-of-business, per-drug) rules: data, not code. */
export const payerRules = pgTable(
  "payer_rules",
  {
    id: id(),
    organizationId: organizationId(),
    payerId: uuid("payer_id")
      .notNull()
      .references(() => payers.id, { onDelete: "cascade" }),
    planId: uuid("plan_id").references(() => payerPlans.id, { onDelete: "cascade" }),
    lineOfBusiness: lineOfBusiness("line_of_business"),
    hcpcs: text("hcpcs"),
    /** pa-required, decision-timeframe, follow-up-cadence, rfi-due, p2p-window, appeal-window, renewal-lead, retro-window, site-of-care, unit-type… */
    kind: text("kind").notNull(),
    value: jsonb("value").notNull(),
    effectiveFrom: date("effective_from").notNull(),
    effectiveTo: date("effective_to"),
    source: text("source").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("payer_rules_lookup_idx").on(t.organizationId, t.payerId, t.kind, t.effectiveFrom),
    check("payer_rules_dates_ordered", sql`${t.effectiveTo} IS NULL OR ${t.effectiveTo} > ${t.effectiveFrom}`),
    check("payer_rules_kind_format", sql`${t.kind} ~ '^[a-z0-9-]+$'`),
    tenantPolicy(t.organizationId),
  ],
);

export const documents = pgTable(
  "documents",
  {
    id: id(),
    organizationId: organizationId(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    caseId: uuid("case_id").references(() => authorizationCases.id, { onDelete: "set null" }),
    /** clinical-note, labs, letter-of-medical-necessity, payer-letter, fax-receipt, portal-screenshot, appeal-letter… */
    kind: text("kind").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    /** Stored in Postgres, or in the configured document directory (storage_path). */
    content: bytea("content"),
    storagePath: text("storage_path"),
    requestedByPayer: boolean("requested_by_payer").notNull().default(false),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    uploadedById: uuid("uploaded_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("documents_case_idx").on(t.caseId),
    index("documents_patient_idx").on(t.organizationId, t.patientId),
    check("documents_stored_somewhere", sql`${t.content} IS NOT NULL OR ${t.storagePath} IS NOT NULL`),
    check("documents_size_limit", sql`${t.sizeBytes} > 0 AND ${t.sizeBytes} <= 26214400`),
    check("documents_content_type", sql`${t.contentType} IN ('application/pdf', 'image/png', 'image/jpeg', 'image/tiff')`),
    tenantPolicy(t.organizationId),
  ],
);

// ---------------------------------------------------------------- encounters and claims

export const encounters = pgTable(
  "encounters",
  {
    id: id(),
    organizationId: organizationId(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id),
    renderingProviderId: uuid("rendering_provider_id")
      .notNull()
      .references(() => providers.id),
    scheduledInfusionId: uuid("scheduled_infusion_id").references(() => scheduledInfusions.id),
    setting: claimSetting("setting").notNull(),
    dateOfService: date("date_of_service").notNull(),
    diagnoses: text("diagnoses").array().notNull(),
    weightKg: numeric("weight_kg", { precision: 6, scale: 2, mode: "number" }),
    status: encounterStatus("status").notNull().default("documented"),
    /** The infusion system's visit id for an imported visit: re-importing the same file updates, never duplicates. */
    externalVisitId: text("external_visit_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("encounters_organization_date_idx").on(t.organizationId, t.dateOfService),
    index("encounters_patient_idx").on(t.patientId),
    uniqueIndex("encounters_organization_external_visit_key").on(t.organizationId, t.externalVisitId),
    check("encounters_external_visit_id_nonempty", sql`${t.externalVisitId} IS NULL OR length(${t.externalVisitId}) > 0`),
    tenantPolicy(t.organizationId),
  ],
);

export const administrations = pgTable(
  "administrations",
  {
    id: id(),
    organizationId: organizationId(),
    encounterId: uuid("encounter_id")
      .notNull()
      .references(() => encounters.id, { onDelete: "cascade" }),
    /** The id the coding engine reports back on each claim line ("a1"). */
    externalId: text("external_id").notNull(),
    kind: administrationKind("kind").notNull(),
    route: route("route").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    stoppedAt: timestamp("stopped_at", { withTimezone: true }),
    isPrimary: boolean("is_primary").notNull().default(false),
    accessSite: text("access_site"),
    bag: text("bag"),
    drugId: uuid("drug_id").references(() => drugs.id),
    ndc11: text("ndc11"),
    doseValue: numeric("dose_value", { precision: 12, scale: 4, mode: "number" }),
    doseUnit: billingUnit("dose_unit"),
    /** [{ quantity, unit, count }] as documented. */
    vials: jsonb("vials").notNull().default([]),
    wasteValue: numeric("waste_value", { precision: 12, scale: 4, mode: "number" }),
    wasteUnit: billingUnit("waste_unit"),
    /** Single-dose (true) or multi-dose (false) container as documented; null lets the drug catalog decide. */
    singleDose: boolean("single_dose"),
    acquired340B: boolean("acquired_340b").notNull().default(false),
    supply: drugSupply("supply").notNull().default("buy_and_bill"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("administrations_encounter_external_key").on(t.encounterId, t.externalId),
    check("administrations_times_ordered", sql`${t.stoppedAt} IS NULL OR ${t.startedAt} IS NULL OR ${t.stoppedAt} >= ${t.startedAt}`),
    check("administrations_drug_has_dose", sql`${t.drugId} IS NULL OR (${t.doseValue} > 0 AND ${t.doseUnit} IS NOT NULL)`),
    check("administrations_ndc11_format", sql`${t.ndc11} IS NULL OR ${t.ndc11} ~ '^[0-9]{11}$'`),
    check("administrations_waste_nonnegative", sql`${t.wasteValue} IS NULL OR ${t.wasteValue} >= 0`),
    tenantPolicy(t.organizationId),
  ],
);

export const claims = pgTable(
  "claims",
  {
    id: id(),
    organizationId: organizationId(),
    claimNumber: text("claim_number").notNull(),
    encounterId: uuid("encounter_id")
      .notNull()
      .references(() => encounters.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    coverageId: uuid("coverage_id")
      .notNull()
      .references(() => coverages.id),
    setting: claimSetting("setting").notNull(),
    status: claimStatus("status").notNull().default("draft"),
    /** Total charge in cents. */
    totalChargeCents: bigint("total_charge_cents", { mode: "number" }).notNull().default(0),
    releasedAt: timestamp("released_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("claims_organization_number_key").on(t.organizationId, t.claimNumber),
    uniqueIndex("claims_encounter_coverage_key").on(t.encounterId, t.coverageId),
    index("claims_organization_status_idx").on(t.organizationId, t.status, t.createdAt),
    // The release export reads released claims by release time.
    index("claims_organization_released_idx").on(t.organizationId, t.releasedAt).where(sql`${t.releasedAt} IS NOT NULL`),
    index("claims_patient_idx").on(t.patientId),
    check("claims_released_has_time", sql`${t.status} <> 'released' OR ${t.releasedAt} IS NOT NULL`),
    check("claims_charge_nonnegative", sql`${t.totalChargeCents} >= 0`),
    tenantPolicy(t.organizationId),
  ],
);

export const claimLines = pgTable(
  "claim_lines",
  {
    id: id(),
    organizationId: organizationId(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    lineNumber: integer("line_number").notNull(),
    code: text("code").notNull(),
    modifiers: text("modifiers").array().notNull().default(sql`'{}'::text[]`),
    units: numeric("units", { precision: 12, scale: 3, mode: "number" }).notNull(),
    dateOfService: date("date_of_service").notNull(),
    ndc11: text("ndc11"),
    ndcQualifier: text("ndc_qualifier"),
    ndcQuantity: numeric("ndc_quantity", { precision: 12, scale: 3, mode: "number" }),
    revenueCode: text("revenue_code"),
    note: text("note"),
    chargeCents: bigint("charge_cents", { mode: "number" }).notNull().default(0),
    /** Administration ids (from the encounter) this line codes. */
    administrationIds: text("administration_ids").array().notNull().default(sql`'{}'::text[]`),
    /** The authorization case whose units this line consumes, once the gate has matched one. */
    caseId: uuid("case_id").references(() => authorizationCases.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("claim_lines_claim_line_key").on(t.claimId, t.lineNumber),
    index("claim_lines_case_idx").on(t.caseId),
    check("claim_lines_units_positive", sql`${t.units} > 0`),
    check("claim_lines_code_format", sql`${t.code} ~ '^[A-Z0-9][0-9]{3}[0-9A-Z]$'`),
    check("claim_lines_ndc11_format", sql`${t.ndc11} IS NULL OR ${t.ndc11} ~ '^[0-9]{11}$'`),
    check("claim_lines_ndc_qualifier", sql`${t.ndcQualifier} IS NULL OR ${t.ndcQualifier} IN ('UN', 'ML', 'GR', 'F2', 'ME')`),
    check("claim_lines_revenue_code_format", sql`${t.revenueCode} IS NULL OR ${t.revenueCode} ~ '^[0-9]{4}$'`),
    check("claim_lines_jw_jz_exclusive", sql`NOT (${t.modifiers} @> ARRAY['JW','JZ']::text[])`),
    tenantPolicy(t.organizationId),
  ],
);

export const claimHolds = pgTable(
  "claim_holds",
  {
    id: id(),
    organizationId: organizationId(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    claimLineId: uuid("claim_line_id").references(() => claimLines.id, { onDelete: "cascade" }),
    /** Stable reason code: no-authorization, units-exceeded, outside-dates, site-of-care, member-mismatch, missing-ndc… */
    reason: text("reason").notNull(),
    /** The field that failed the gate. */
    field: text("field").notNull(),
    message: text("message").notNull(),
    fix: text("fix").notNull(),
    /** The case that would clear this hold, when there is one. */
    caseId: uuid("case_id").references(() => authorizationCases.id),
    ownerUserId: uuid("owner_user_id").references(() => users.id),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp("released_at", { withTimezone: true }),
    releasedById: uuid("released_by_id").references(() => users.id),
    overrideReason: text("override_reason"),
    /** What the hold keeps from being paid: ASP payment limit × units of the line (the claim's drug lines when claim-level), in cents. */
    atRiskCents: bigint("at_risk_cents", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    index("claim_holds_open_idx").on(t.organizationId, t.openedAt).where(sql`${t.releasedAt} IS NULL`),
    index("claim_holds_claim_idx").on(t.claimId),
    index("claim_holds_case_idx").on(t.caseId),
    check("claim_holds_override_has_reason", sql`${t.releasedById} IS NULL OR ${t.releasedAt} IS NOT NULL`),
    // An override names who made it and why.
    check("claim_holds_override_by_someone", sql`${t.overrideReason} IS NULL OR (${t.releasedById} IS NOT NULL AND length(trim(${t.overrideReason})) > 0)`),
    check("claim_holds_at_risk_nonnegative", sql`${t.atRiskCents} >= 0`),
    tenantPolicy(t.organizationId),
  ],
);

/** Coding engine findings on a claim, as coded. Errors block release; warnings block it until someone acknowledges them. */
export const findingSeverity = pgEnum("finding_severity", ["error", "warning", "info"]);

export const claimFindings = pgTable(
  "claim_findings",
  {
    id: id(),
    organizationId: organizationId(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    /** 1-based claim line number the finding concerns, when it concerns one. */
    lineNumber: integer("line_number"),
    /** The coding engine's stable rule id (ADMIN_TIME_MISSING, DRUG_NDC_MISSING…). */
    rule: text("rule").notNull(),
    severity: findingSeverity("severity").notNull(),
    message: text("message").notNull(),
    /** The administration id ("a1") the finding concerns, when it concerns one. */
    administrationId: text("administration_id"),
    source: text("source").notNull().default(""),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedById: uuid("acknowledged_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("claim_findings_claim_idx").on(t.claimId),
    check("claim_findings_ack_has_user", sql`${t.acknowledgedAt} IS NULL OR ${t.acknowledgedById} IS NOT NULL`),
    check("claim_findings_errors_not_acknowledged", sql`${t.severity} <> 'error' OR ${t.acknowledgedAt} IS NULL`),
    tenantPolicy(t.organizationId),
  ],
);

/**
 * Billing settings, dated: the row in force on a day is the latest one effective on or before it, so a change of
 * threshold applies from its date and the history stays. Absent = the defaults (3, 7 and 14 days).
 */
export const billingSettings = pgTable(
  "billing_settings",
  {
    id: id(),
    organizationId: organizationId(),
    effectiveFrom: date("effective_from").notNull(),
    /** Hold ages (in days) at which billers are alerted, once per threshold per hold. */
    holdAgingDays: integer("hold_aging_days").array().notNull().default(sql`'{3,7,14}'::integer[]`),
    updatedById: uuid("updated_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("billing_settings_organization_from_key").on(t.organizationId, t.effectiveFrom),
    check("billing_settings_aging_days", sql`cardinality(${t.holdAgingDays}) BETWEEN 1 AND 10 AND 0 < ALL(${t.holdAgingDays})`),
    tenantPolicy(t.organizationId),
  ],
);

/**
 * The charge master: the organization's price list per HCPCS/CPT code, dated. The entry in force on a date of service
 * is the latest one effective on or before it (and not ended before it); coding a visit prices each claim line as
 * units × that unit charge. Versions of one code never overlap (the import refuses overlaps).
 */
export const chargeMasterEntries = pgTable(
  "charge_master_entries",
  {
    id: id(),
    organizationId: organizationId(),
    code: text("code").notNull(),
    effectiveFrom: date("effective_from").notNull(),
    /** Last day in force (inclusive); null = until further notice. */
    effectiveTo: date("effective_to"),
    unitChargeCents: bigint("unit_charge_cents", { mode: "number" }).notNull(),
    description: text("description"),
    createdAt: createdAt(),
    createdById: uuid("created_by_id").references(() => users.id),
  },
  (t) => [
    // Also the lookup index: coding reads the versions of a claim's codes by (organization, code, effective_from).
    uniqueIndex("charge_master_entries_code_from_key").on(t.organizationId, t.code, t.effectiveFrom),
    check("charge_master_entries_code_format", sql`${t.code} ~ '^[A-Z0-9][0-9]{3}[0-9A-Z]$'`),
    check("charge_master_entries_charge_nonnegative", sql`${t.unitChargeCents} >= 0`),
    check("charge_master_entries_dates_ordered", sql`${t.effectiveTo} IS NULL OR ${t.effectiveTo} >= ${t.effectiveFrom}`),
    tenantPolicy(t.organizationId),
  ],
);

// ---------------------------------------------------------------- outbox and audit

/** Side effects written in the same transaction as the events; delivered at least once, keyed once. */
export const outbox = pgTable(
  "outbox",
  {
    id: id(),
    organizationId: organizationId(),
    /** email, claim-reevaluation, workflow-signal… */
    topic: text("topic").notNull(),
    /** Unique business key: what makes a redelivery a no-op (e.g. renewal-alert:{caseId}:30d). */
    businessKey: text("business_key").notNull(),
    payload: jsonb("payload").notNull(),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** A sweep that claims the row leases it until then; a crashed sweep's lease simply runs out. */
    leasedUntil: timestamp("leased_until", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** Gave up after the last retry: shown in the UI until someone retries or dismisses it. */
    deadAt: timestamp("dead_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("outbox_business_key").on(t.organizationId, t.businessKey),
    index("outbox_pending_idx").on(t.availableAt).where(sql`${t.deliveredAt} IS NULL AND ${t.deadAt} IS NULL`),
    check("outbox_attempts_nonnegative", sql`${t.attempts} >= 0`),
    check("outbox_delivered_or_dead", sql`${t.deliveredAt} IS NULL OR ${t.deadAt} IS NULL`),
    tenantPolicy(t.organizationId),
  ],
);

/** Who did what, when. Append-only; details never carry PHI beyond ids. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    organizationId: organizationId(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    detail: jsonb("detail").notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_organization_time_idx").on(t.organizationId, t.occurredAt), tenantPolicy(t.organizationId)],
);

// ---------------------------------------------------------------- CMS reference files (shared, effective-dated)

export const referenceFileKind = pgEnum("reference_file_kind", ["asp", "crosswalk", "ptp", "mue"]);

/** One imported CMS file: which quarter it is, what it loaded and what it rejected (line numbers and reasons). */
export const referenceImports = pgTable(
  "reference_imports",
  {
    id: id(),
    kind: referenceFileKind("kind").notNull(),
    /** practitioner | hospital (PTP); practitioner | outpatient-hospital | dme (MUE); '' for ASP and crosswalk. */
    editTable: text("edit_table").notNull().default(""),
    /** First day of the quarter the file is in force. */
    effectiveFrom: date("effective_from").notNull(),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    encoding: text("encoding").notNull(),
    rowsLoaded: integer("rows_loaded").notNull(),
    rowsRejected: integer("rows_rejected").notNull(),
    /** The first rejected rows: [{ line, reason, text }]. */
    rejected: jsonb("rejected").notNull().default([]),
    importedById: uuid("imported_by_id").references(() => users.id),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One current import per file kind, table and quarter: re-importing a quarter replaces it.
    uniqueIndex("reference_imports_quarter_key").on(t.kind, t.editTable, t.effectiveFrom),
    check("reference_imports_counts_nonnegative", sql`${t.rowsLoaded} >= 0 AND ${t.rowsRejected} >= 0`),
    check("reference_imports_edit_table", sql`${t.editTable} IN ('', 'practitioner', 'hospital', 'outpatient-hospital', 'dme')`),
  ],
);

const importId = () =>
  uuid("import_id")
    .notNull()
    .references(() => referenceImports.id, { onDelete: "cascade" });

/** ASP pricing file rows: the payment limit and the authoritative billing unit per HCPCS per quarter. */
export const aspPrices = pgTable(
  "asp_prices",
  {
    id: id(),
    importId: importId(),
    effectiveFrom: date("effective_from").notNull(),
    hcpcs: text("hcpcs").notNull(),
    shortDescription: text("short_description").notNull(),
    dosage: text("dosage").notNull(),
    billingUnitQuantity: numeric("billing_unit_quantity", { precision: 12, scale: 4, mode: "number" }),
    billingUnit: text("billing_unit"),
    paymentLimit: numeric("payment_limit", { precision: 14, scale: 3, mode: "number" }).notNull(),
    coinsurancePercent: numeric("coinsurance_percent", { precision: 5, scale: 2, mode: "number" }),
    notes: text("notes").notNull().default(""),
    sourceLine: integer("source_line").notNull(),
  },
  (t) => [uniqueIndex("asp_prices_quarter_hcpcs_key").on(t.effectiveFrom, t.hcpcs), check("asp_prices_payment_nonnegative", sql`${t.paymentLimit} >= 0`)],
);

/** ASP NDC–HCPCS crosswalk rows: billing units per package drive the waste computation. */
export const ndcCrosswalk = pgTable(
  "ndc_crosswalk",
  {
    id: id(),
    importId: importId(),
    effectiveFrom: date("effective_from").notNull(),
    hcpcs: text("hcpcs").notNull(),
    ndc11: text("ndc11").notNull(),
    shortDescription: text("short_description").notNull(),
    labelerName: text("labeler_name").notNull(),
    drugName: text("drug_name").notNull(),
    hcpcsDosage: text("hcpcs_dosage").notNull(),
    packageSize: numeric("package_size", { precision: 14, scale: 4, mode: "number" }),
    packageQuantity: numeric("package_quantity", { precision: 14, scale: 4, mode: "number" }),
    billUnits: numeric("bill_units", { precision: 14, scale: 4, mode: "number" }),
    billUnitsPerPackage: numeric("bill_units_per_package", { precision: 14, scale: 4, mode: "number" }),
    sourceLine: integer("source_line").notNull(),
  },
  (t) => [
    uniqueIndex("ndc_crosswalk_quarter_ndc_hcpcs_key").on(t.effectiveFrom, t.ndc11, t.hcpcs),
    index("ndc_crosswalk_hcpcs_idx").on(t.hcpcs, t.effectiveFrom),
    check("ndc_crosswalk_ndc11_format", sql`${t.ndc11} ~ '^[0-9]{11}$'`),
  ],
);

/** NCCI procedure-to-procedure edits (practitioner and hospital tables), per quarter. */
export const ncciPtpEdits = pgTable(
  "ncci_ptp_edits",
  {
    id: id(),
    importId: importId(),
    editTable: text("edit_table").notNull(),
    quarterFrom: date("quarter_from").notNull(),
    column1: text("column1").notNull(),
    column2: text("column2").notNull(),
    existedBefore1996: boolean("existed_before_1996").notNull(),
    effectiveDate: date("effective_date").notNull(),
    deletionDate: date("deletion_date"),
    /** 0 not allowed, 1 allowed, 9 not applicable. */
    modifierIndicator: text("modifier_indicator").notNull(),
    rationale: text("rationale").notNull(),
    sourceLine: integer("source_line").notNull(),
  },
  (t) => [
    index("ncci_ptp_edits_lookup_idx").on(t.editTable, t.quarterFrom, t.column1, t.column2),
    check("ncci_ptp_edits_table", sql`${t.editTable} IN ('practitioner', 'hospital')`),
    check("ncci_ptp_edits_modifier_indicator", sql`${t.modifierIndicator} IN ('0', '1', '9')`),
  ],
);

/** Medically unlikely edits (practitioner, outpatient hospital, DME), per quarter. */
export const mueLimits = pgTable(
  "mue_limits",
  {
    id: id(),
    importId: importId(),
    editTable: text("edit_table").notNull(),
    quarterFrom: date("quarter_from").notNull(),
    code: text("code").notNull(),
    value: integer("value").notNull(),
    /** 1 line edit, 2 date-of-service edit (policy), 3 date-of-service edit (clinical). */
    adjudicationIndicator: integer("adjudication_indicator").notNull(),
    rationale: text("rationale").notNull(),
    sourceLine: integer("source_line").notNull(),
  },
  (t) => [
    uniqueIndex("mue_limits_table_quarter_code_key").on(t.editTable, t.quarterFrom, t.code),
    check("mue_limits_table", sql`${t.editTable} IN ('practitioner', 'outpatient-hospital', 'dme')`),
    check("mue_limits_indicator", sql`${t.adjudicationIndicator} IN (1, 2, 3)`),
    check("mue_limits_value_nonnegative", sql`${t.value} >= 0`),
  ],
);

// ---------------------------------------------------------------- email: branding, preferences, sign-in links

/** One row per organization (absent = the defaults): how its emails look and who gets what by default. */
export const organizationEmailSettings = pgTable(
  "organization_email_settings",
  {
    id: id(),
    organizationId: organizationId(),
    /** The name emails are signed with; the organization's name when null. */
    brandName: text("brand_name"),
    /** "#0d7377": buttons and the brand line (checked for contrast against white text when saved). */
    accentColor: text("accent_color"),
    /** An https URL of a logo image shown above the heading. */
    logoUrl: text("logo_url"),
    replyTo: text("reply_to"),
    /** Whether coordinators get the daily digest unless they say otherwise. */
    digestDefault: boolean("digest_default").notNull().default(true),
    /** Local hour (0–23) from which the day's digest is queued. */
    digestHour: integer("digest_hour").notNull().default(7),
    /** IANA time zone the digest hour is in; the first facility's when null. */
    timeZone: text("time_zone"),
    /** Notice groups turned off by default (renewal-alerts, information-requests, peer-to-peer, decisions, deadlines). */
    noticesOff: text("notices_off").array().notNull().default(sql`'{}'::text[]`),
    updatedAt: updatedAt(),
    updatedById: uuid("updated_by_id").references(() => users.id),
  },
  (t) => [
    uniqueIndex("organization_email_settings_organization_key").on(t.organizationId),
    check("organization_email_settings_accent_format", sql`${t.accentColor} IS NULL OR ${t.accentColor} ~ '^#[0-9a-fA-F]{6}$'`),
    check("organization_email_settings_logo_https", sql`${t.logoUrl} IS NULL OR ${t.logoUrl} ~ '^https://'`),
    check("organization_email_settings_digest_hour", sql`${t.digestHour} BETWEEN 0 AND 23`),
    tenantPolicy(t.organizationId),
  ],
);

/** A member's own choices, overriding the organization's defaults; null columns inherit them. */
export const emailPreferences = pgTable(
  "email_preferences",
  {
    id: id(),
    organizationId: organizationId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    digest: boolean("digest"),
    /** Notice group → on/off; a group not listed follows the organization's default. */
    notices: jsonb("notices").$type<Record<string, boolean>>().notNull().default({}),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("email_preferences_organization_user_key").on(t.organizationId, t.userId), tenantPolicy(t.organizationId)],
);

/**
 * Magic sign-in links sent to an address on file from an email action page. Only the SHA-256 of the secret is
 * stored; a link works once, for a few minutes, and only for the action it was asked from.
 */
export const signInLinks = pgTable(
  "sign_in_links",
  {
    id: id(),
    organizationId: organizationId(),
    tokenHash: text("token_hash").notNull(),
    /** The email action this sign-in returns to: "{action}:{businessKey}". */
    linkKey: text("link_key").notNull(),
    /** Where it went back to: the action link it was asked from. */
    returnPath: text("return_path").notNull(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    /** "provider" or "delegate": whose address it was sent to. */
    recipient: text("recipient", { enum: ["provider", "delegate"] }).notNull(),
    /** The member it signs in, when the recipient has an account in the organization. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("sign_in_links_token_hash_key").on(t.tokenHash),
    index("sign_in_links_link_time_idx").on(t.organizationId, t.linkKey, t.createdAt),
    check("sign_in_links_recipient", sql`${t.recipient} IN ('provider', 'delegate')`),
    tenantPolicy(t.organizationId),
  ],
);

/**
 * One row per email action link that was acted on. Claimed before the lifecycle commands run and kept only when
 * they succeed: a link the engine refused stays usable. A claim left pending by a crash can be taken over later.
 */
export const emailLinkUses = pgTable(
  "email_link_uses",
  {
    id: id(),
    organizationId: organizationId(),
    /** "{action}:{businessKey}". */
    linkKey: text("link_key").notNull(),
    state: text("state", { enum: ["pending", "done"] }).notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    actorUserId: uuid("actor_user_id").references(() => users.id),
  },
  (t) => [
    uniqueIndex("email_link_uses_link_key").on(t.organizationId, t.linkKey),
    check("email_link_uses_state", sql`${t.state} IN ('pending', 'done')`),
    check("email_link_uses_done_has_time", sql`${t.state} <> 'done' OR ${t.usedAt} IS NOT NULL`),
    tenantPolicy(t.organizationId),
  ],
);

/**
 * A member's calendar feed: only the SHA-256 of the feed secret is stored. The feed URL carries the organization id
 * and the secret, so a calendar app reads it without a session; regenerating replaces the hash and the old URL stops.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: id(),
    organizationId: organizationId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("calendar_feeds_organization_user_key").on(t.organizationId, t.userId),
    uniqueIndex("calendar_feeds_token_hash_key").on(t.tokenHash),
    tenantPolicy(t.organizationId),
  ],
);

/** Tables whose rows belong to one organization (RLS-protected); used by tests and tooling. */
export const tenantTables = [
  facilities,
  providers,
  memberships,
  patients,
  patientWeights,
  payers,
  payerPlans,
  coverages,
  regimens,
  scheduledInfusions,
  authorizationCases,
  authorizationLines,
  authorizationEvents,
  unitLedgerEntries,
  payerRules,
  documents,
  encounters,
  administrations,
  claims,
  claimLines,
  claimHolds,
  claimFindings,
  billingSettings,
  chargeMasterEntries,
  outbox,
  auditLog,
  organizationEmailSettings,
  emailPreferences,
  signInLinks,
  emailLinkUses,
  calendarFeeds,
] as const;

export type Role = (typeof membershipRole.enumValues)[number];
export type AuthorizationStatus = (typeof authorizationStatus.enumValues)[number];
export type SiteOfCareType = (typeof siteOfCareType.enumValues)[number];
