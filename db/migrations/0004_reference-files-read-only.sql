-- CMS reference files are shared by every organization: tenants read them, and only importers on the
-- owner connection (an admin's upload or `npx infusion-pa import`) write them.
REVOKE INSERT, UPDATE, DELETE ON reference_imports, asp_prices, ndc_crosswalk, ncci_ptp_edits, mue_limits FROM app_user;
