CREATE TYPE "public"."reference_file_kind" AS ENUM('asp', 'crosswalk', 'ptp', 'mue');--> statement-breakpoint
CREATE TABLE "asp_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"hcpcs" text NOT NULL,
	"short_description" text NOT NULL,
	"dosage" text NOT NULL,
	"billing_unit_quantity" numeric(12, 4),
	"billing_unit" text,
	"payment_limit" numeric(14, 3) NOT NULL,
	"coinsurance_percent" numeric(5, 2),
	"notes" text DEFAULT '' NOT NULL,
	"source_line" integer NOT NULL,
	CONSTRAINT "asp_prices_payment_nonnegative" CHECK ("asp_prices"."payment_limit" >= 0)
);
--> statement-breakpoint
CREATE TABLE "mue_limits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"edit_table" text NOT NULL,
	"quarter_from" date NOT NULL,
	"code" text NOT NULL,
	"value" integer NOT NULL,
	"adjudication_indicator" integer NOT NULL,
	"rationale" text NOT NULL,
	"source_line" integer NOT NULL,
	CONSTRAINT "mue_limits_table" CHECK ("mue_limits"."edit_table" IN ('practitioner', 'outpatient-hospital', 'dme')),
	CONSTRAINT "mue_limits_indicator" CHECK ("mue_limits"."adjudication_indicator" IN (1, 2, 3)),
	CONSTRAINT "mue_limits_value_nonnegative" CHECK ("mue_limits"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ncci_ptp_edits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"edit_table" text NOT NULL,
	"quarter_from" date NOT NULL,
	"column1" text NOT NULL,
	"column2" text NOT NULL,
	"existed_before_1996" boolean NOT NULL,
	"effective_date" date NOT NULL,
	"deletion_date" date,
	"modifier_indicator" text NOT NULL,
	"rationale" text NOT NULL,
	"source_line" integer NOT NULL,
	CONSTRAINT "ncci_ptp_edits_table" CHECK ("ncci_ptp_edits"."edit_table" IN ('practitioner', 'hospital')),
	CONSTRAINT "ncci_ptp_edits_modifier_indicator" CHECK ("ncci_ptp_edits"."modifier_indicator" IN ('0', '1', '9'))
);
--> statement-breakpoint
CREATE TABLE "ndc_crosswalk" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"hcpcs" text NOT NULL,
	"ndc11" text NOT NULL,
	"short_description" text NOT NULL,
	"labeler_name" text NOT NULL,
	"drug_name" text NOT NULL,
	"hcpcs_dosage" text NOT NULL,
	"package_size" numeric(14, 4),
	"package_quantity" numeric(14, 4),
	"bill_units" numeric(14, 4),
	"bill_units_per_package" numeric(14, 4),
	"source_line" integer NOT NULL,
	CONSTRAINT "ndc_crosswalk_ndc11_format" CHECK ("ndc_crosswalk"."ndc11" ~ '^[0-9]{11}$')
);
--> statement-breakpoint
CREATE TABLE "reference_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "reference_file_kind" NOT NULL,
	"edit_table" text DEFAULT '' NOT NULL,
	"effective_from" date NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"encoding" text NOT NULL,
	"rows_loaded" integer NOT NULL,
	"rows_rejected" integer NOT NULL,
	"rejected" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"imported_by_id" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reference_imports_counts_nonnegative" CHECK ("reference_imports"."rows_loaded" >= 0 AND "reference_imports"."rows_rejected" >= 0),
	CONSTRAINT "reference_imports_edit_table" CHECK ("reference_imports"."edit_table" IN ('', 'practitioner', 'hospital', 'outpatient-hospital', 'dme'))
);
--> statement-breakpoint
ALTER TABLE "asp_prices" ADD CONSTRAINT "asp_prices_import_id_reference_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."reference_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mue_limits" ADD CONSTRAINT "mue_limits_import_id_reference_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."reference_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ncci_ptp_edits" ADD CONSTRAINT "ncci_ptp_edits_import_id_reference_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."reference_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ndc_crosswalk" ADD CONSTRAINT "ndc_crosswalk_import_id_reference_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."reference_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_imports" ADD CONSTRAINT "reference_imports_imported_by_id_users_id_fk" FOREIGN KEY ("imported_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "asp_prices_quarter_hcpcs_key" ON "asp_prices" USING btree ("effective_from","hcpcs");--> statement-breakpoint
CREATE UNIQUE INDEX "mue_limits_table_quarter_code_key" ON "mue_limits" USING btree ("edit_table","quarter_from","code");--> statement-breakpoint
CREATE INDEX "ncci_ptp_edits_lookup_idx" ON "ncci_ptp_edits" USING btree ("edit_table","quarter_from","column1","column2");--> statement-breakpoint
CREATE UNIQUE INDEX "ndc_crosswalk_quarter_ndc_hcpcs_key" ON "ndc_crosswalk" USING btree ("effective_from","ndc11","hcpcs");--> statement-breakpoint
CREATE INDEX "ndc_crosswalk_hcpcs_idx" ON "ndc_crosswalk" USING btree ("hcpcs","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "reference_imports_quarter_key" ON "reference_imports" USING btree ("kind","edit_table","effective_from");