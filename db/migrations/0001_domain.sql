CREATE TYPE "public"."administration_kind" AS ENUM('chemotherapy', 'therapeutic', 'hydration');--> statement-breakpoint
CREATE TYPE "public"."authorization_status" AS ENUM('draft', 'submitted', 'pending', 'information_requested', 'approved', 'partially_approved', 'modified', 'denied', 'peer_to_peer', 'appeal', 'no_auth_required', 'renewal_due', 'superseded', 'exhausted', 'expired', 'cancelled', 'voided', 'duplicate');--> statement-breakpoint
CREATE TYPE "public"."billing_unit" AS ENUM('mg', 'mcg', 'g', 'units', 'mL');--> statement-breakpoint
CREATE TYPE "public"."certification_type" AS ENUM('initial', 'renewal', 'revised', 'extension', 'appeal', 'cancel');--> statement-breakpoint
CREATE TYPE "public"."claim_setting" AS ENUM('professional', 'facility');--> statement-breakpoint
CREATE TYPE "public"."claim_status" AS ENUM('draft', 'held', 'ready', 'released', 'void');--> statement-breakpoint
CREATE TYPE "public"."coverage_priority" AS ENUM('primary', 'secondary', 'tertiary');--> statement-breakpoint
CREATE TYPE "public"."dose_basis" AS ENUM('fixed', 'per_kg', 'per_m2');--> statement-breakpoint
CREATE TYPE "public"."drug_supply" AS ENUM('buy_and_bill', 'white_bag');--> statement-breakpoint
CREATE TYPE "public"."encounter_status" AS ENUM('documented', 'coded', 'billed');--> statement-breakpoint
CREATE TYPE "public"."infusion_status" AS ENUM('scheduled', 'completed', 'cancelled', 'no_show');--> statement-breakpoint
CREATE TYPE "public"."ledger_entry_kind" AS ENUM('scheduled', 'administered', 'billed', 'adjustment', 'reversal');--> statement-breakpoint
CREATE TYPE "public"."line_of_business" AS ENUM('medicare_part_b', 'medicare_advantage', 'medicaid', 'medicaid_managed_care', 'commercial', 'exchange');--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('admin', 'coordinator', 'clinician', 'biller');--> statement-breakpoint
CREATE TYPE "public"."payer_kind" AS ENUM('medicare', 'medicare_advantage', 'medicaid', 'commercial');--> statement-breakpoint
CREATE TYPE "public"."regimen_status" AS ENUM('active', 'changed', 'completed', 'discontinued');--> statement-breakpoint
CREATE TYPE "public"."route" AS ENUM('iv_infusion', 'iv_push', 'subcutaneous', 'intramuscular', 'subcutaneous_infusion', 'intra_arterial');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('female', 'male', 'other', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."site_of_care_type" AS ENUM('office', 'ambulatory_infusion_center', 'hopd_on_campus', 'hopd_off_campus', 'home');--> statement-breakpoint
CREATE TYPE "public"."submission_channel" AS ENUM('portal', 'fax', 'phone', 'x12_278', 'fhir_pas', 'email', 'mail');--> statement-breakpoint
CREATE TYPE "public"."unit_type" AS ENUM('units', 'visits');--> statement-breakpoint
CREATE TYPE "public"."urgency" AS ENUM('standard', 'expedited');--> statement-breakpoint
CREATE TABLE "administrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"encounter_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"kind" "administration_kind" NOT NULL,
	"route" "route" NOT NULL,
	"started_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"is_primary" boolean DEFAULT false NOT NULL,
	"access_site" text,
	"bag" text,
	"drug_id" uuid,
	"ndc11" text,
	"dose_value" numeric(12, 4),
	"dose_unit" "billing_unit",
	"vials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"waste_value" numeric(12, 4),
	"waste_unit" "billing_unit",
	"acquired_340b" boolean DEFAULT false NOT NULL,
	"supply" "drug_supply" DEFAULT 'buy_and_bill' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "administrations_times_ordered" CHECK ("administrations"."stopped_at" IS NULL OR "administrations"."started_at" IS NULL OR "administrations"."stopped_at" >= "administrations"."started_at"),
	CONSTRAINT "administrations_drug_has_dose" CHECK ("administrations"."drug_id" IS NULL OR ("administrations"."dose_value" > 0 AND "administrations"."dose_unit" IS NOT NULL)),
	CONSTRAINT "administrations_ndc11_format" CHECK ("administrations"."ndc11" IS NULL OR "administrations"."ndc11" ~ '^[0-9]{11}$'),
	CONSTRAINT "administrations_waste_nonnegative" CHECK ("administrations"."waste_value" IS NULL OR "administrations"."waste_value" >= 0)
);
--> statement-breakpoint
ALTER TABLE "administrations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "authorization_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"patient_id" uuid NOT NULL,
	"coverage_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"regimen_id" uuid,
	"facility_id" uuid NOT NULL,
	"ordering_provider_id" uuid NOT NULL,
	"status" "authorization_status" DEFAULT 'draft' NOT NULL,
	"certification_type" "certification_type" DEFAULT 'initial' NOT NULL,
	"urgency" "urgency" DEFAULT 'standard' NOT NULL,
	"unit_type" "unit_type" DEFAULT 'units' NOT NULL,
	"requested_site_of_care" "site_of_care_type" NOT NULL,
	"authorized_site_of_care" "site_of_care_type",
	"site_of_care_exception" text,
	"authorization_number" text,
	"payer_reference" text,
	"submission_channel" "submission_channel",
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"requested_from" date,
	"requested_to" date,
	"effective_from" date,
	"effective_to" date,
	"requested_quantity" numeric(12, 2),
	"authorized_quantity" numeric(12, 2),
	"used_quantity" numeric(12, 2) DEFAULT 0 NOT NULL,
	"next_deadline_at" timestamp with time zone,
	"next_deadline_kind" text,
	"next_deadline_rule" text,
	"assignee_id" uuid,
	"predecessor_case_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"last_event_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "authorization_cases_effective_dates_ordered" CHECK ("authorization_cases"."effective_to" IS NULL OR "authorization_cases"."effective_from" IS NULL OR "authorization_cases"."effective_to" >= "authorization_cases"."effective_from"),
	CONSTRAINT "authorization_cases_requested_dates_ordered" CHECK ("authorization_cases"."requested_to" IS NULL OR "authorization_cases"."requested_from" IS NULL OR "authorization_cases"."requested_to" >= "authorization_cases"."requested_from"),
	CONSTRAINT "authorization_cases_quantities_nonnegative" CHECK (coalesce("authorization_cases"."requested_quantity", 0) >= 0 AND coalesce("authorization_cases"."authorized_quantity", 0) >= 0 AND "authorization_cases"."used_quantity" >= 0),
	CONSTRAINT "authorization_cases_version_nonnegative" CHECK ("authorization_cases"."version" >= 0),
	CONSTRAINT "authorization_cases_approved_has_number" CHECK ("authorization_cases"."status" NOT IN ('approved', 'partially_approved', 'modified') OR ("authorization_cases"."authorization_number" IS NOT NULL AND "authorization_cases"."effective_from" IS NOT NULL AND "authorization_cases"."effective_to" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "authorization_cases" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "authorization_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_user_id" uuid,
	"channel" "submission_channel",
	"proof_reference" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "authorization_events_sequence_positive" CHECK ("authorization_events"."sequence" > 0)
);
--> statement-breakpoint
ALTER TABLE "authorization_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "authorization_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"hcpcs" text NOT NULL,
	"drug_id" uuid,
	"ndc11" text,
	"dose_value" numeric(12, 4),
	"dose_unit" "billing_unit",
	"units_per_dose" numeric(12, 2),
	"administration_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"requested_units" numeric(12, 2),
	"requested_visits" integer,
	"authorized_units" numeric(12, 2),
	"authorized_visits" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "authorization_lines_ndc11_format" CHECK ("authorization_lines"."ndc11" IS NULL OR "authorization_lines"."ndc11" ~ '^[0-9]{11}$'),
	CONSTRAINT "authorization_lines_hcpcs_format" CHECK ("authorization_lines"."hcpcs" ~ '^[A-Z][0-9]{4}$'),
	CONSTRAINT "authorization_lines_quantities_nonnegative" CHECK (coalesce("authorization_lines"."requested_units", 0) >= 0 AND coalesce("authorization_lines"."authorized_units", 0) >= 0 AND coalesce("authorization_lines"."requested_visits", 0) >= 0 AND coalesce("authorization_lines"."authorized_visits", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "authorization_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "claim_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"claim_line_id" uuid,
	"reason" text NOT NULL,
	"field" text NOT NULL,
	"message" text NOT NULL,
	"fix" text NOT NULL,
	"case_id" uuid,
	"owner_user_id" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	"released_by_id" uuid,
	"override_reason" text,
	CONSTRAINT "claim_holds_override_has_reason" CHECK ("claim_holds"."released_by_id" IS NULL OR "claim_holds"."released_at" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "claim_holds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "claim_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"code" text NOT NULL,
	"modifiers" text[] DEFAULT '{}'::text[] NOT NULL,
	"units" numeric(12, 3) NOT NULL,
	"date_of_service" date NOT NULL,
	"ndc11" text,
	"ndc_qualifier" text,
	"ndc_quantity" numeric(12, 3),
	"revenue_code" text,
	"note" text,
	"charge_cents" bigint DEFAULT 0 NOT NULL,
	"administration_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"case_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_lines_units_positive" CHECK ("claim_lines"."units" > 0),
	CONSTRAINT "claim_lines_code_format" CHECK ("claim_lines"."code" ~ '^[A-Z0-9][0-9]{3}[0-9A-Z]$'),
	CONSTRAINT "claim_lines_ndc11_format" CHECK ("claim_lines"."ndc11" IS NULL OR "claim_lines"."ndc11" ~ '^[0-9]{11}$'),
	CONSTRAINT "claim_lines_ndc_qualifier" CHECK ("claim_lines"."ndc_qualifier" IS NULL OR "claim_lines"."ndc_qualifier" IN ('UN', 'ML', 'GR', 'F2', 'ME')),
	CONSTRAINT "claim_lines_revenue_code_format" CHECK ("claim_lines"."revenue_code" IS NULL OR "claim_lines"."revenue_code" ~ '^[0-9]{4}$'),
	CONSTRAINT "claim_lines_jw_jz_exclusive" CHECK (NOT ("claim_lines"."modifiers" @> ARRAY['JW','JZ']::text[]))
);
--> statement-breakpoint
ALTER TABLE "claim_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"claim_number" text NOT NULL,
	"encounter_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"coverage_id" uuid NOT NULL,
	"setting" "claim_setting" NOT NULL,
	"status" "claim_status" DEFAULT 'draft' NOT NULL,
	"total_charge_cents" bigint DEFAULT 0 NOT NULL,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_released_has_time" CHECK ("claims"."status" <> 'released' OR "claims"."released_at" IS NOT NULL),
	CONSTRAINT "claims_charge_nonnegative" CHECK ("claims"."total_charge_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "claims" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "coverages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"group_number" text,
	"priority" "coverage_priority" NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coverages_dates_ordered" CHECK ("coverages"."effective_to" IS NULL OR "coverages"."effective_to" >= "coverages"."effective_from")
);
--> statement-breakpoint
ALTER TABLE "coverages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"case_id" uuid,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea",
	"storage_path" text,
	"requested_by_payer" boolean DEFAULT false NOT NULL,
	"sent_at" timestamp with time zone,
	"uploaded_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_stored_somewhere" CHECK ("documents"."content" IS NOT NULL OR "documents"."storage_path" IS NOT NULL),
	CONSTRAINT "documents_size_limit" CHECK ("documents"."size_bytes" > 0 AND "documents"."size_bytes" <= 26214400),
	CONSTRAINT "documents_content_type" CHECK ("documents"."content_type" IN ('application/pdf', 'image/png', 'image/jpeg', 'image/tiff'))
);
--> statement-breakpoint
ALTER TABLE "documents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "drugs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hcpcs" text NOT NULL,
	"short_name" text NOT NULL,
	"generic_name" text NOT NULL,
	"brand_name" text,
	"billing_unit_quantity" numeric(12, 4) NOT NULL,
	"billing_unit" "billing_unit" NOT NULL,
	"complex_administration" boolean DEFAULT false NOT NULL,
	"not_otherwise_classified" boolean DEFAULT false NOT NULL,
	"reference_hcpcs" text,
	"effective_from" date DEFAULT '2000-01-01' NOT NULL,
	"effective_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drugs_hcpcs_format" CHECK ("drugs"."hcpcs" ~ '^[A-Z][0-9]{4}$'),
	CONSTRAINT "drugs_billing_unit_positive" CHECK ("drugs"."billing_unit_quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "encounters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"facility_id" uuid NOT NULL,
	"rendering_provider_id" uuid NOT NULL,
	"scheduled_infusion_id" uuid,
	"setting" "claim_setting" NOT NULL,
	"date_of_service" date NOT NULL,
	"diagnoses" text[] NOT NULL,
	"weight_kg" numeric(6, 2),
	"status" "encounter_status" DEFAULT 'documented' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "encounters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"site_of_care" "site_of_care_type" NOT NULL,
	"place_of_service" text NOT NULL,
	"npi" text NOT NULL,
	"tin" text NOT NULL,
	"program_340b" boolean DEFAULT false NOT NULL,
	"time_zone" text DEFAULT 'America/New_York' NOT NULL,
	"address_line" text,
	"city" text,
	"state" text,
	"postal_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facilities_npi_format" CHECK ("facilities"."npi" ~ '^[0-9]{10}$'),
	CONSTRAINT "facilities_tin_format" CHECK ("facilities"."tin" ~ '^[0-9]{9}$'),
	CONSTRAINT "facilities_place_of_service_format" CHECK ("facilities"."place_of_service" ~ '^[0-9]{2}$'),
	CONSTRAINT "facilities_340b_site" CHECK (NOT "facilities"."program_340b" OR "facilities"."site_of_care" <> 'home')
);
--> statement-breakpoint
ALTER TABLE "facilities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "membership_role" NOT NULL,
	"provider_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "ndc_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"drug_id" uuid NOT NULL,
	"ndc11" text NOT NULL,
	"labeler" text NOT NULL,
	"description" text NOT NULL,
	"vial_quantity" numeric(12, 4) NOT NULL,
	"vial_unit" "billing_unit" NOT NULL,
	"single_dose" boolean NOT NULL,
	"billing_units_per_package" numeric(12, 4) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ndc_packages_ndc11_format" CHECK ("ndc_packages"."ndc11" ~ '^[0-9]{11}$'),
	CONSTRAINT "ndc_packages_quantities_positive" CHECK ("ndc_packages"."vial_quantity" > 0 AND "ndc_packages"."billing_units_per_package" > 0)
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_format" CHECK ("organizations"."slug" ~ '^[a-z0-9][a-z0-9-]*$')
);
--> statement-breakpoint
ALTER TABLE "organizations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"business_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_attempts_nonnegative" CHECK ("outbox"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "patient_weights" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"measured_on" date NOT NULL,
	"weight_kg" numeric(6, 2) NOT NULL,
	"height_cm" numeric(5, 1),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patient_weights_weight_range" CHECK ("patient_weights"."weight_kg" > 0 AND "patient_weights"."weight_kg" < 700),
	CONSTRAINT "patient_weights_height_range" CHECK ("patient_weights"."height_cm" IS NULL OR ("patient_weights"."height_cm" > 0 AND "patient_weights"."height_cm" < 300))
);
--> statement-breakpoint
ALTER TABLE "patient_weights" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"mrn" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" "sex" NOT NULL,
	"primary_facility_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patients_birth_date_past" CHECK ("patients"."birth_date" > date '1900-01-01')
);
--> statement-breakpoint
ALTER TABLE "patients" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payer_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"line_of_business" "line_of_business" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payer_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payer_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"plan_id" uuid,
	"line_of_business" "line_of_business",
	"hcpcs" text,
	"kind" text NOT NULL,
	"value" jsonb NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payer_rules_dates_ordered" CHECK ("payer_rules"."effective_to" IS NULL OR "payer_rules"."effective_to" > "payer_rules"."effective_from"),
	CONSTRAINT "payer_rules_kind_format" CHECK ("payer_rules"."kind" ~ '^[a-z0-9-]+$')
);
--> statement-breakpoint
ALTER TABLE "payer_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "payer_kind" NOT NULL,
	"payer_code" text NOT NULL,
	"delegated_vendor" text,
	"portal_url" text,
	"fax_number" text,
	"phone_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"npi" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"credentials" text,
	"specialty" text,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "providers_npi_format" CHECK ("providers"."npi" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
ALTER TABLE "providers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "regimens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"drug_id" uuid NOT NULL,
	"dose_value" numeric(12, 4) NOT NULL,
	"dose_unit" "billing_unit" NOT NULL,
	"dose_basis" "dose_basis" DEFAULT 'fixed' NOT NULL,
	"route" "route" NOT NULL,
	"interval_days" integer NOT NULL,
	"frequency" text NOT NULL,
	"administrations_count" integer NOT NULL,
	"facility_id" uuid NOT NULL,
	"ordering_provider_id" uuid NOT NULL,
	"diagnoses" text[] NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"status" "regimen_status" DEFAULT 'active' NOT NULL,
	"replaces_regimen_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regimens_dose_positive" CHECK ("regimens"."dose_value" > 0),
	CONSTRAINT "regimens_interval_nonnegative" CHECK ("regimens"."interval_days" >= 0),
	CONSTRAINT "regimens_administrations_positive" CHECK ("regimens"."administrations_count" > 0),
	CONSTRAINT "regimens_has_diagnosis" CHECK (cardinality("regimens"."diagnoses") > 0),
	CONSTRAINT "regimens_dates_ordered" CHECK ("regimens"."end_date" IS NULL OR "regimens"."end_date" >= "regimens"."start_date")
);
--> statement-breakpoint
ALTER TABLE "regimens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "scheduled_infusions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"regimen_id" uuid NOT NULL,
	"facility_id" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"status" "infusion_status" DEFAULT 'scheduled' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "scheduled_infusions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "unit_ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"line_id" uuid,
	"kind" "ledger_entry_kind" NOT NULL,
	"units" numeric(12, 2) NOT NULL,
	"visits" integer DEFAULT 0 NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"occurred_on" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "unit_ledger_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_format" CHECK ("users"."email" ~ '^[^@\s]+@[^@\s]+$')
);
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "administrations" ADD CONSTRAINT "administrations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administrations" ADD CONSTRAINT "administrations_encounter_id_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."encounters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administrations" ADD CONSTRAINT "administrations_drug_id_drugs_id_fk" FOREIGN KEY ("drug_id") REFERENCES "public"."drugs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD CONSTRAINT "authorization_cases_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD CONSTRAINT "authorization_cases_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD CONSTRAINT "authorization_cases_coverage_id_coverages_id_fk" FOREIGN KEY ("coverage_id") REFERENCES "public"."coverages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD CONSTRAINT "authorization_cases_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD CONSTRAINT "authorization_cases_plan_id_payer_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."payer_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD CONSTRAINT "authorization_cases_regimen_id_regimens_id_fk" FOREIGN KEY ("regimen_id") REFERENCES "public"."regimens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD CONSTRAINT "authorization_cases_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD CONSTRAINT "authorization_cases_ordering_provider_id_providers_id_fk" FOREIGN KEY ("ordering_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD CONSTRAINT "authorization_cases_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD CONSTRAINT "authorization_cases_predecessor_case_id_authorization_cases_id_fk" FOREIGN KEY ("predecessor_case_id") REFERENCES "public"."authorization_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_events" ADD CONSTRAINT "authorization_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_events" ADD CONSTRAINT "authorization_events_case_id_authorization_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."authorization_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_events" ADD CONSTRAINT "authorization_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_lines" ADD CONSTRAINT "authorization_lines_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_lines" ADD CONSTRAINT "authorization_lines_case_id_authorization_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."authorization_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_lines" ADD CONSTRAINT "authorization_lines_drug_id_drugs_id_fk" FOREIGN KEY ("drug_id") REFERENCES "public"."drugs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_holds" ADD CONSTRAINT "claim_holds_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_holds" ADD CONSTRAINT "claim_holds_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_holds" ADD CONSTRAINT "claim_holds_claim_line_id_claim_lines_id_fk" FOREIGN KEY ("claim_line_id") REFERENCES "public"."claim_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_holds" ADD CONSTRAINT "claim_holds_case_id_authorization_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."authorization_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_holds" ADD CONSTRAINT "claim_holds_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_holds" ADD CONSTRAINT "claim_holds_released_by_id_users_id_fk" FOREIGN KEY ("released_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_case_id_authorization_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."authorization_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_encounter_id_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."encounters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_coverage_id_coverages_id_fk" FOREIGN KEY ("coverage_id") REFERENCES "public"."coverages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_plan_id_payer_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."payer_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_case_id_authorization_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."authorization_cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_rendering_provider_id_providers_id_fk" FOREIGN KEY ("rendering_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_scheduled_infusion_id_scheduled_infusions_id_fk" FOREIGN KEY ("scheduled_infusion_id") REFERENCES "public"."scheduled_infusions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ndc_packages" ADD CONSTRAINT "ndc_packages_drug_id_drugs_id_fk" FOREIGN KEY ("drug_id") REFERENCES "public"."drugs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_weights" ADD CONSTRAINT "patient_weights_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_weights" ADD CONSTRAINT "patient_weights_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_primary_facility_id_facilities_id_fk" FOREIGN KEY ("primary_facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payer_plans" ADD CONSTRAINT "payer_plans_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payer_plans" ADD CONSTRAINT "payer_plans_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payer_rules" ADD CONSTRAINT "payer_rules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payer_rules" ADD CONSTRAINT "payer_rules_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payer_rules" ADD CONSTRAINT "payer_rules_plan_id_payer_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."payer_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payers" ADD CONSTRAINT "payers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regimens" ADD CONSTRAINT "regimens_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regimens" ADD CONSTRAINT "regimens_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regimens" ADD CONSTRAINT "regimens_drug_id_drugs_id_fk" FOREIGN KEY ("drug_id") REFERENCES "public"."drugs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regimens" ADD CONSTRAINT "regimens_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regimens" ADD CONSTRAINT "regimens_ordering_provider_id_providers_id_fk" FOREIGN KEY ("ordering_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regimens" ADD CONSTRAINT "regimens_replaces_regimen_id_regimens_id_fk" FOREIGN KEY ("replaces_regimen_id") REFERENCES "public"."regimens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_infusions" ADD CONSTRAINT "scheduled_infusions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_infusions" ADD CONSTRAINT "scheduled_infusions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_infusions" ADD CONSTRAINT "scheduled_infusions_regimen_id_regimens_id_fk" FOREIGN KEY ("regimen_id") REFERENCES "public"."regimens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_infusions" ADD CONSTRAINT "scheduled_infusions_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_ledger_entries" ADD CONSTRAINT "unit_ledger_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_ledger_entries" ADD CONSTRAINT "unit_ledger_entries_case_id_authorization_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."authorization_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_ledger_entries" ADD CONSTRAINT "unit_ledger_entries_line_id_authorization_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."authorization_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "administrations_encounter_external_key" ON "administrations" USING btree ("encounter_id","external_id");--> statement-breakpoint
CREATE INDEX "audit_log_organization_time_idx" ON "audit_log" USING btree ("organization_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "authorization_cases_organization_number_key" ON "authorization_cases" USING btree ("organization_id","case_number");--> statement-breakpoint
CREATE INDEX "authorization_cases_queue_idx" ON "authorization_cases" USING btree ("organization_id","status","next_deadline_at","id");--> statement-breakpoint
CREATE INDEX "authorization_cases_assignee_idx" ON "authorization_cases" USING btree ("organization_id","assignee_id","next_deadline_at","id");--> statement-breakpoint
CREATE INDEX "authorization_cases_due_idx" ON "authorization_cases" USING btree ("next_deadline_at") WHERE "authorization_cases"."next_deadline_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "authorization_cases_patient_idx" ON "authorization_cases" USING btree ("organization_id","patient_id");--> statement-breakpoint
CREATE INDEX "authorization_cases_authorization_number_idx" ON "authorization_cases" USING btree ("organization_id","authorization_number");--> statement-breakpoint
CREATE UNIQUE INDEX "authorization_events_case_sequence_key" ON "authorization_events" USING btree ("case_id","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "authorization_lines_case_line_key" ON "authorization_lines" USING btree ("case_id","line_number");--> statement-breakpoint
CREATE INDEX "claim_holds_open_idx" ON "claim_holds" USING btree ("organization_id","opened_at") WHERE "claim_holds"."released_at" IS NULL;--> statement-breakpoint
CREATE INDEX "claim_holds_claim_idx" ON "claim_holds" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "claim_holds_case_idx" ON "claim_holds" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_lines_claim_line_key" ON "claim_lines" USING btree ("claim_id","line_number");--> statement-breakpoint
CREATE INDEX "claim_lines_case_idx" ON "claim_lines" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_organization_number_key" ON "claims" USING btree ("organization_id","claim_number");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_encounter_coverage_key" ON "claims" USING btree ("encounter_id","coverage_id");--> statement-breakpoint
CREATE INDEX "claims_organization_status_idx" ON "claims" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "coverages_patient_priority_from_key" ON "coverages" USING btree ("patient_id","priority","effective_from");--> statement-breakpoint
CREATE INDEX "coverages_organization_member_idx" ON "coverages" USING btree ("organization_id","member_id");--> statement-breakpoint
CREATE INDEX "documents_case_idx" ON "documents" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "documents_patient_idx" ON "documents" USING btree ("organization_id","patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "drugs_hcpcs_key" ON "drugs" USING btree ("hcpcs");--> statement-breakpoint
CREATE INDEX "encounters_organization_date_idx" ON "encounters" USING btree ("organization_id","date_of_service");--> statement-breakpoint
CREATE INDEX "encounters_patient_idx" ON "encounters" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "facilities_organization_npi_key" ON "facilities" USING btree ("organization_id","npi");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_organization_user_role_key" ON "memberships" USING btree ("organization_id","user_id","role");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ndc_packages_ndc11_key" ON "ndc_packages" USING btree ("ndc11");--> statement-breakpoint
CREATE INDEX "ndc_packages_drug_idx" ON "ndc_packages" USING btree ("drug_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_business_key" ON "outbox" USING btree ("organization_id","business_key");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("available_at") WHERE "outbox"."delivered_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "patient_weights_patient_day_key" ON "patient_weights" USING btree ("patient_id","measured_on");--> statement-breakpoint
CREATE UNIQUE INDEX "patients_organization_mrn_key" ON "patients" USING btree ("organization_id","mrn");--> statement-breakpoint
CREATE INDEX "patients_organization_name_idx" ON "patients" USING btree ("organization_id",lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE UNIQUE INDEX "payer_plans_payer_name_key" ON "payer_plans" USING btree ("payer_id","name");--> statement-breakpoint
CREATE INDEX "payer_rules_lookup_idx" ON "payer_rules" USING btree ("organization_id","payer_id","kind","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "payers_organization_name_key" ON "payers" USING btree ("organization_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "payers_organization_code_key" ON "payers" USING btree ("organization_id","payer_code");--> statement-breakpoint
CREATE UNIQUE INDEX "providers_organization_npi_key" ON "providers" USING btree ("organization_id","npi");--> statement-breakpoint
CREATE INDEX "regimens_organization_patient_idx" ON "regimens" USING btree ("organization_id","patient_id");--> statement-breakpoint
CREATE INDEX "scheduled_infusions_organization_time_idx" ON "scheduled_infusions" USING btree ("organization_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "scheduled_infusions_regimen_idx" ON "scheduled_infusions" USING btree ("regimen_id","scheduled_at");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_ledger_entries_source_key" ON "unit_ledger_entries" USING btree ("case_id","kind","source_type","source_id");--> statement-breakpoint
CREATE INDEX "unit_ledger_entries_case_idx" ON "unit_ledger_entries" USING btree ("case_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "administrations" AS PERMISSIVE FOR ALL TO "app_user" USING ("administrations"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("administrations"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "audit_log" AS PERMISSIVE FOR ALL TO "app_user" USING ("audit_log"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("audit_log"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "authorization_cases" AS PERMISSIVE FOR ALL TO "app_user" USING ("authorization_cases"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("authorization_cases"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "authorization_events" AS PERMISSIVE FOR ALL TO "app_user" USING ("authorization_events"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("authorization_events"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "authorization_lines" AS PERMISSIVE FOR ALL TO "app_user" USING ("authorization_lines"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("authorization_lines"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "claim_holds" AS PERMISSIVE FOR ALL TO "app_user" USING ("claim_holds"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("claim_holds"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "claim_lines" AS PERMISSIVE FOR ALL TO "app_user" USING ("claim_lines"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("claim_lines"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "claims" AS PERMISSIVE FOR ALL TO "app_user" USING ("claims"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("claims"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "coverages" AS PERMISSIVE FOR ALL TO "app_user" USING ("coverages"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("coverages"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "documents" AS PERMISSIVE FOR ALL TO "app_user" USING ("documents"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("documents"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "encounters" AS PERMISSIVE FOR ALL TO "app_user" USING ("encounters"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("encounters"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "facilities" AS PERMISSIVE FOR ALL TO "app_user" USING ("facilities"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("facilities"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "memberships" AS PERMISSIVE FOR ALL TO "app_user" USING ("memberships"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("memberships"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "organizations" AS PERMISSIVE FOR SELECT TO "app_user" USING ("organizations"."id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "outbox" AS PERMISSIVE FOR ALL TO "app_user" USING ("outbox"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("outbox"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "patient_weights" AS PERMISSIVE FOR ALL TO "app_user" USING ("patient_weights"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("patient_weights"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "patients" AS PERMISSIVE FOR ALL TO "app_user" USING ("patients"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("patients"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "payer_plans" AS PERMISSIVE FOR ALL TO "app_user" USING ("payer_plans"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("payer_plans"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "payer_rules" AS PERMISSIVE FOR ALL TO "app_user" USING ("payer_rules"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("payer_rules"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "payers" AS PERMISSIVE FOR ALL TO "app_user" USING ("payers"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("payers"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "providers" AS PERMISSIVE FOR ALL TO "app_user" USING ("providers"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("providers"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "regimens" AS PERMISSIVE FOR ALL TO "app_user" USING ("regimens"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("regimens"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "scheduled_infusions" AS PERMISSIVE FOR ALL TO "app_user" USING ("scheduled_infusions"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("scheduled_infusions"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "unit_ledger_entries" AS PERMISSIVE FOR ALL TO "app_user" USING ("unit_ledger_entries"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid) WITH CHECK ("unit_ledger_entries"."organization_id" = nullif(current_setting('app.organization_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "users" AS PERMISSIVE FOR SELECT TO "app_user" USING (exists (select 1 from memberships m where m.user_id = "users"."id" and m.organization_id = nullif(current_setting('app.organization_id', true), '')::uuid));