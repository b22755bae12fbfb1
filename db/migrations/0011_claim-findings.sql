CREATE TYPE "public"."finding_severity" AS ENUM('error', 'warning', 'info');--> statement-breakpoint
CREATE TABLE "claim_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"line_number" integer,
	"rule" text NOT NULL,
	"severity" "finding_severity" NOT NULL,
	"message" text NOT NULL,
	"administration_id" text,
	"source" text DEFAULT '' NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_findings_ack_has_user" CHECK ("claim_findings"."acknowledged_at" IS NULL OR "claim_findings"."acknowledged_by_id" IS NOT NULL),
	CONSTRAINT "claim_findings_errors_not_acknowledged" CHECK ("claim_findings"."severity" <> 'error' OR "claim_findings"."acknowledged_at" IS NULL)
);
--> statement-breakpoint
ALTER TABLE "claim_findings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "claim_findings" ADD CONSTRAINT "claim_findings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_findings" ADD CONSTRAINT "claim_findings_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_findings" ADD CONSTRAINT "claim_findings_acknowledged_by_id_users_id_fk" FOREIGN KEY ("acknowledged_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_findings_claim_idx" ON "claim_findings" USING btree ("claim_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "claim_findings" AS PERMISSIVE FOR ALL TO "app_user" USING ("claim_findings"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid)) WITH CHECK ("claim_findings"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid));