CREATE TABLE "live_meeting_views" (
	"organisation_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"child_views" text NOT NULL,
	"family_views" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_meeting_views_organisation_id_session_id_pk" PRIMARY KEY("organisation_id","session_id")
);
--> statement-breakpoint
ALTER TABLE "live_meeting_views" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "live_meeting_views" ADD CONSTRAINT "live_meeting_views_organisation_id_session_id_live_sessions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","session_id") REFERENCES "public"."live_sessions"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_meeting_views" ADD CONSTRAINT "live_meeting_views_organisation_id_learner_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","learner_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_meeting_views_learner_idx" ON "live_meeting_views" USING btree ("organisation_id","learner_id","recorded_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "live_meeting_views" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());