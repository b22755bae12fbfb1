-- History is append-only: authorization events and the audit log can be inserted, never changed.
-- A trigger refuses UPDATE and DELETE for every role (even the owner), and app_user loses the privileges too.
CREATE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER authorization_events_append_only BEFORE UPDATE OR DELETE ON authorization_events
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
--> statement-breakpoint
REVOKE UPDATE, DELETE ON authorization_events, audit_log FROM app_user;
--> statement-breakpoint
-- Shared reference data (HCPCS drugs, NDC packages) is loaded by importers on the owner connection;
-- tenants read it. Users and organizations are managed on the owner connection (sign-in, admin tooling).
REVOKE INSERT, UPDATE, DELETE ON drugs, ndc_packages, users, organizations FROM app_user;
