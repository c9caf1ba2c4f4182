-- Platform tables are read through the system connection only: the RLS-bound role gets nothing.
REVOKE ALL ON "credentials", "sessions" FROM continuum_app;
--> statement-breakpoint
-- The audit log is append-only (issue 3 part 5): the RLS-bound role may read and add, never
-- change or remove, and a trigger refuses UPDATE and DELETE for every role, owners included.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM continuum_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
