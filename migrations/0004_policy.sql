CREATE TABLE "policy_versions" (
	"organisation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"preset" text NOT NULL,
	"kind" text NOT NULL,
	"document" jsonb NOT NULL,
	"site_overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"review_cycle" text,
	"site_id" uuid,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"why" text NOT NULL,
	CONSTRAINT "policy_versions_organisation_id_version_pk" PRIMARY KEY("organisation_id","version"),
	CONSTRAINT "policy_versions_version_positive" CHECK ("policy_versions"."version" > 0),
	CONSTRAINT "policy_versions_why_given" CHECK (length(btrim("policy_versions"."why")) > 0)
);
--> statement-breakpoint
ALTER TABLE "policy_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "policy_versions" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
-- Added by hand: a policy version is never changed or removed (R-POL-1). The RLS-bound role may
-- read and add versions only; an edit is the next version.
REVOKE UPDATE, DELETE, TRUNCATE ON "policy_versions" FROM continuum_app;
