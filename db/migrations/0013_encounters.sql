ALTER TABLE "administrations" ADD COLUMN "single_dose" boolean;--> statement-breakpoint
ALTER TABLE "encounters" ADD COLUMN "external_visit_id" text;--> statement-breakpoint
ALTER TABLE "encounters" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "encounters_organization_external_visit_key" ON "encounters" USING btree ("organization_id","external_visit_id");--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_external_visit_id_nonempty" CHECK ("encounters"."external_visit_id" IS NULL OR length("encounters"."external_visit_id") > 0);