-- The role tenant queries run as (DESIGN.md, Tenancy). It owns nothing, so row-level security
-- binds it. Roles are per cluster: create it once, then let the migrating user switch to it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'continuum_app') THEN
    CREATE ROLE continuum_app NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'continuum_app', 'MEMBER') THEN
    EXECUTE format('GRANT continuum_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO continuum_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO continuum_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO continuum_app;
--> statement-breakpoint
-- The organisation of the current transaction, set by the data layer's withTenant().
CREATE OR REPLACE FUNCTION app_current_organisation() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.organisation_id', true), '')::uuid $$;
