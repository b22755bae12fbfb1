CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP INDEX "patients_organization_name_idx";--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD COLUMN "renewal_band" integer;--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD COLUMN "units_running_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_organization_user_key" ON "calendar_feeds" USING btree ("organization_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "authorization_cases_touch_idx" ON "authorization_cases" USING btree ("organization_id","status","last_event_at","id");--> statement-breakpoint
CREATE INDEX "authorization_cases_assignee_touch_idx" ON "authorization_cases" USING btree ("organization_id","assignee_id","last_event_at","id");--> statement-breakpoint
CREATE INDEX "authorization_cases_payer_idx" ON "authorization_cases" USING btree ("organization_id","payer_id","status","next_deadline_at","id");--> statement-breakpoint
CREATE INDEX "patients_organization_name_idx" ON "patients" USING btree ("organization_id",lower("last_name"),lower("first_name"),"id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "calendar_feeds" AS PERMISSIVE FOR ALL TO "app_user" USING ("calendar_feeds"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid)) WITH CHECK ("calendar_feeds"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid));
--> statement-breakpoint
-- Cases already past a renewal alert get their band from the alerts their history raised (the projection does
-- this for every new event; this catches up the rows written before the columns existed).
UPDATE "authorization_cases" AS c SET
  "renewal_band" = a.band,
  "units_running_out" = a.units
FROM (
  SELECT e."case_id",
    min((e."payload"->>'band')::int) FILTER (WHERE jsonb_typeof(e."payload"->'band') = 'number') AS band,
    coalesce(bool_or(e."payload"->>'band' = 'units'), false) AS units
  FROM "authorization_events" e
  WHERE e."type" = 'renewal-alert-raised'
  GROUP BY e."case_id"
) AS a
WHERE a."case_id" = c."id" AND c."status" IN ('approved', 'partially_approved', 'modified', 'renewal_due');
