CREATE TABLE "mail_outbox" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"error" text,
	"message_id" text,
	CONSTRAINT "mail_outbox_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "mail_outbox_status_known" CHECK ("mail_outbox"."status" in ('queued', 'sent', 'failed', 'not_sent'))
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "mail_outbox_created_idx" ON "mail_outbox" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mail_outbox" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
-- Written by hand (platform/jobs): the job queue's own schema (graphile_worker) is installed by
-- its migrator when the server starts. Tenant transactions run as continuum_app, which has no
-- rights in that schema; this function lets such a transaction add a job that exists only if
-- the transaction commits, and nothing else. PL/pgSQL resolves graphile_worker.add_job when
-- called, so this can be created before the queue's schema exists.
CREATE OR REPLACE FUNCTION app_add_job(
  task text,
  payload json,
  run_at timestamptz DEFAULT NULL,
  max_attempts integer DEFAULT NULL,
  job_key text DEFAULT NULL,
  job_key_mode text DEFAULT NULL,
  priority integer DEFAULT NULL,
  queue_name text DEFAULT NULL
) RETURNS bigint
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  job_id bigint;
BEGIN
  SELECT (j).id INTO job_id FROM (
    SELECT graphile_worker.add_job(
      identifier => task,
      payload => payload,
      queue_name => queue_name,
      run_at => run_at,
      max_attempts => max_attempts,
      job_key => job_key,
      priority => priority,
      job_key_mode => coalesce(job_key_mode, 'replace')
    ) AS j
  ) added;
  RETURN job_id;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_add_job(text, json, timestamptz, integer, text, text, integer, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_add_job(text, json, timestamptz, integer, text, text, integer, text) TO continuum_app;
