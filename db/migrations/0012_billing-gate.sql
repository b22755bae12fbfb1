CREATE TABLE "billing_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"hold_aging_days" integer[] DEFAULT '{3,7,14}'::integer[] NOT NULL,
	"updated_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_settings_aging_days" CHECK (cardinality("billing_settings"."hold_aging_days") BETWEEN 1 AND 10 AND 0 < ALL("billing_settings"."hold_aging_days"))
);
--> statement-breakpoint
ALTER TABLE "billing_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "claim_holds" ADD COLUMN "at_risk_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "billing_settings" ADD CONSTRAINT "billing_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_settings" ADD CONSTRAINT "billing_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_settings_organization_from_key" ON "billing_settings" USING btree ("organization_id","effective_from");--> statement-breakpoint
CREATE INDEX "claims_organization_released_idx" ON "claims" USING btree ("organization_id","released_at") WHERE "claims"."released_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "claims_patient_idx" ON "claims" USING btree ("patient_id");--> statement-breakpoint
ALTER TABLE "claim_holds" ADD CONSTRAINT "claim_holds_override_by_someone" CHECK ("claim_holds"."override_reason" IS NULL OR ("claim_holds"."released_by_id" IS NOT NULL AND length(trim("claim_holds"."override_reason")) > 0));--> statement-breakpoint
ALTER TABLE "claim_holds" ADD CONSTRAINT "claim_holds_at_risk_nonnegative" CHECK ("claim_holds"."at_risk_cents" >= 0);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "billing_settings" AS PERMISSIVE FOR ALL TO "app_user" USING ("billing_settings"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid)) WITH CHECK ("billing_settings"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid));