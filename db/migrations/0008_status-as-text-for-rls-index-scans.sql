-- Case status as text with a CHECK instead of a Postgres enum. Enum equality is not LEAKPROOF, so under row-level
-- security Postgres refuses it as an index condition and every status queue became a sequential scan plus sort;
-- text equality is LEAKPROOF, so (organization_id, status, next_deadline_at, id) is an index scan again.
-- The one CHECK that compares status with enum literals is dropped and recreated around the type change.
ALTER TABLE "authorization_cases" DROP CONSTRAINT "authorization_cases_approved_has_number";--> statement-breakpoint
ALTER TABLE "authorization_cases" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "authorization_cases" ALTER COLUMN "status" SET DATA TYPE text USING "status"::text;--> statement-breakpoint
ALTER TABLE "authorization_cases" ALTER COLUMN "status" SET DEFAULT 'draft';--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD CONSTRAINT "authorization_cases_approved_has_number" CHECK ("authorization_cases"."status" NOT IN ('approved', 'partially_approved', 'modified') OR ("authorization_cases"."authorization_number" IS NOT NULL AND "authorization_cases"."effective_from" IS NOT NULL AND "authorization_cases"."effective_to" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "authorization_cases" ADD CONSTRAINT "authorization_cases_status_valid" CHECK (status IN ('draft', 'submitted', 'pending', 'information_requested', 'approved', 'partially_approved', 'modified', 'denied', 'peer_to_peer', 'appeal', 'no_auth_required', 'renewal_due', 'superseded', 'exhausted', 'expired', 'cancelled', 'voided', 'duplicate'));--> statement-breakpoint
DROP TYPE "public"."authorization_status";
