DROP INDEX "patients_organization_name_idx";--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD COLUMN "renewal_band" integer;--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD COLUMN "units_running_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "authorization_cases_touch_idx" ON "authorization_cases" USING btree ("organization_id","status","last_event_at","id");--> statement-breakpoint
CREATE INDEX "authorization_cases_assignee_touch_idx" ON "authorization_cases" USING btree ("organization_id","assignee_id","last_event_at","id");--> statement-breakpoint
CREATE INDEX "authorization_cases_payer_idx" ON "authorization_cases" USING btree ("organization_id","payer_id","status","next_deadline_at","id");--> statement-breakpoint
CREATE INDEX "patients_organization_name_idx" ON "patients" USING btree ("organization_id",lower("last_name"),lower("first_name"),"id");--> statement-breakpoint
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
