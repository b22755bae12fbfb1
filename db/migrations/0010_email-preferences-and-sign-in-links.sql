CREATE TABLE "email_link_uses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"link_key" text NOT NULL,
	"state" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"actor_user_id" uuid,
	CONSTRAINT "email_link_uses_state" CHECK ("email_link_uses"."state" IN ('pending', 'done')),
	CONSTRAINT "email_link_uses_done_has_time" CHECK ("email_link_uses"."state" <> 'done' OR "email_link_uses"."used_at" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "email_link_uses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "email_preferences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"digest" boolean,
	"notices" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_preferences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "organization_email_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"brand_name" text,
	"accent_color" text,
	"logo_url" text,
	"reply_to" text,
	"digest_default" boolean DEFAULT true NOT NULL,
	"digest_hour" integer DEFAULT 7 NOT NULL,
	"time_zone" text,
	"notices_off" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_id" uuid,
	CONSTRAINT "organization_email_settings_accent_format" CHECK ("organization_email_settings"."accent_color" IS NULL OR "organization_email_settings"."accent_color" ~ '^#[0-9a-fA-F]{6}$'),
	CONSTRAINT "organization_email_settings_logo_https" CHECK ("organization_email_settings"."logo_url" IS NULL OR "organization_email_settings"."logo_url" ~ '^https://'),
	CONSTRAINT "organization_email_settings_digest_hour" CHECK ("organization_email_settings"."digest_hour" BETWEEN 0 AND 23)
);
--> statement-breakpoint
ALTER TABLE "organization_email_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sign_in_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"link_key" text NOT NULL,
	"return_path" text NOT NULL,
	"provider_id" uuid NOT NULL,
	"recipient" text NOT NULL,
	"user_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sign_in_links_recipient" CHECK ("sign_in_links"."recipient" IN ('provider', 'delegate'))
);
--> statement-breakpoint
ALTER TABLE "sign_in_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "delegate_name" text;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "delegate_email" text;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "delegate_mode" text;--> statement-breakpoint
ALTER TABLE "email_link_uses" ADD CONSTRAINT "email_link_uses_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_link_uses" ADD CONSTRAINT "email_link_uses_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_preferences" ADD CONSTRAINT "email_preferences_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_preferences" ADD CONSTRAINT "email_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_email_settings" ADD CONSTRAINT "organization_email_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_email_settings" ADD CONSTRAINT "organization_email_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD CONSTRAINT "sign_in_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD CONSTRAINT "sign_in_links_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD CONSTRAINT "sign_in_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_link_uses_link_key" ON "email_link_uses" USING btree ("organization_id","link_key");--> statement-breakpoint
CREATE UNIQUE INDEX "email_preferences_organization_user_key" ON "email_preferences" USING btree ("organization_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_email_settings_organization_key" ON "organization_email_settings" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sign_in_links_token_hash_key" ON "sign_in_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sign_in_links_link_time_idx" ON "sign_in_links" USING btree ("organization_id","link_key","created_at");--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_delegate_complete" CHECK (("providers"."delegate_email" IS NULL) = ("providers"."delegate_mode" IS NULL) AND ("providers"."delegate_email" IS NULL OR "providers"."delegate_name" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_delegate_mode" CHECK ("providers"."delegate_mode" IS NULL OR "providers"."delegate_mode" IN ('instead', 'also'));--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_delegate_email_format" CHECK ("providers"."delegate_email" IS NULL OR "providers"."delegate_email" ~ '^[^@\s]+@[^@\s]+$');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "email_link_uses" AS PERMISSIVE FOR ALL TO "app_user" USING ("email_link_uses"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid)) WITH CHECK ("email_link_uses"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "email_preferences" AS PERMISSIVE FOR ALL TO "app_user" USING ("email_preferences"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid)) WITH CHECK ("email_preferences"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "organization_email_settings" AS PERMISSIVE FOR ALL TO "app_user" USING ("organization_email_settings"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid)) WITH CHECK ("organization_email_settings"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "sign_in_links" AS PERMISSIVE FOR ALL TO "app_user" USING ("sign_in_links"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid)) WITH CHECK ("sign_in_links"."organization_id" = (select nullif(current_setting('app.organization_id', true), '')::uuid));