CREATE TABLE "charge_master_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"code" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"unit_charge_cents" bigint NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_id" uuid,
	CONSTRAINT "charge_master_entries_code_format" CHECK ("charge_master_entries"."code" ~ '^[A-Z0-9][0-9]{3}[0-9A-Z]$'),
	CONSTRAINT "charge_master_entries_charge_nonnegative" CHECK ("charge_master_entries"."unit_charge_cents" >= 0),
	CONSTRAINT "charge_master_entries_dates_ordered" CHECK ("charge_master_entries"."effective_to" IS NULL OR "charge_master_entries"."effective_to" >= "charge_master_entries"."effective_from")
);
--> statement-breakpoint
ALTER TABLE "charge_master_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "charge_master_entries" ADD CONSTRAINT "charge_master_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charge_master_entries" ADD CONSTRAINT "charge_master_entries_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "charge_master_entries_code_from_key" ON "charge_master_entries" USING btree ("organization_id","code","effective_from");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "charge_master_entries" AS PERMISSIVE FOR ALL TO "app_user" USING ("charge_master_entries"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid)) WITH CHECK ("charge_master_entries"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid));