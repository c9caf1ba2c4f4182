CREATE TABLE "live_notices" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"shown_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_notices_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "live_notices_kind_known" CHECK ("live_notices"."kind" in ('host', 'entry'))
);
--> statement-breakpoint
ALTER TABLE "live_notices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "live_participants" (
	"organisation_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"link_token" text NOT NULL,
	"standing" text NOT NULL,
	"audio" boolean DEFAULT false NOT NULL,
	"video" boolean DEFAULT false NOT NULL,
	"connected" boolean DEFAULT false NOT NULL,
	"left_at" timestamp with time zone,
	"invited_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_participants_organisation_id_session_id_user_id_pk" PRIMARY KEY("organisation_id","session_id","user_id"),
	CONSTRAINT "live_participants_link_unique" UNIQUE("organisation_id","link_token"),
	CONSTRAINT "live_participants_role_known" CHECK ("live_participants"."role" in ('host', 'staff', 'learner', 'guardian')),
	CONSTRAINT "live_participants_standing_known" CHECK ("live_participants"."standing" in ('invited', 'waiting', 'admitted', 'declined', 'removed'))
);
--> statement-breakpoint
ALTER TABLE "live_participants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "live_presence" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"until" timestamp with time zone,
	CONSTRAINT "live_presence_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "live_presence_kind_known" CHECK ("live_presence"."kind" in ('waiting', 'in'))
);
--> statement-breakpoint
ALTER TABLE "live_presence" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "live_recordings" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"blob_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"complaint_window_ends_at" timestamp with time zone,
	"delete_after" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "live_recordings_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "live_recordings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "live_sessions" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"site_id" uuid NOT NULL,
	"class_id" uuid,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"host_id" uuid NOT NULL,
	"status" text NOT NULL,
	"provider" text NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"rules" jsonb,
	"policy_version" text,
	"learner_id" uuid,
	"purpose" text,
	"location" text,
	"authorised_by" uuid,
	"authorised_at" timestamp with time zone,
	"lone_working_concern" boolean DEFAULT false NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_sessions_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "live_sessions_lesson_unique" UNIQUE("organisation_id","class_id","starts_at"),
	CONSTRAINT "live_sessions_kind_known" CHECK ("live_sessions"."kind" in ('lesson', 'one_to_one', 'family_meeting')),
	CONSTRAINT "live_sessions_status_known" CHECK ("live_sessions"."status" in ('booked', 'open', 'ended')),
	CONSTRAINT "live_sessions_times" CHECK ("live_sessions"."ends_at" > "live_sessions"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "live_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "live_notices" ADD CONSTRAINT "live_notices_organisation_id_session_id_live_sessions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","session_id") REFERENCES "public"."live_sessions"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_participants" ADD CONSTRAINT "live_participants_organisation_id_session_id_live_sessions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","session_id") REFERENCES "public"."live_sessions"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_participants" ADD CONSTRAINT "live_participants_organisation_id_user_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","user_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_presence" ADD CONSTRAINT "live_presence_organisation_id_session_id_live_sessions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","session_id") REFERENCES "public"."live_sessions"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_recordings" ADD CONSTRAINT "live_recordings_organisation_id_session_id_live_sessions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","session_id") REFERENCES "public"."live_sessions"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_recordings" ADD CONSTRAINT "live_recordings_organisation_id_blob_id_blobs_organisation_id_id_fk" FOREIGN KEY ("organisation_id","blob_id") REFERENCES "public"."blobs"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_organisation_id_class_id_classes_organisation_id_id_fk" FOREIGN KEY ("organisation_id","class_id") REFERENCES "public"."classes"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_organisation_id_site_id_sites_organisation_id_id_fk" FOREIGN KEY ("organisation_id","site_id") REFERENCES "public"."sites"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_organisation_id_host_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","host_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_notices_session_idx" ON "live_notices" USING btree ("organisation_id","session_id","user_id");--> statement-breakpoint
CREATE INDEX "live_presence_session_idx" ON "live_presence" USING btree ("organisation_id","session_id","user_id","since");--> statement-breakpoint
CREATE INDEX "live_recordings_delete_idx" ON "live_recordings" USING btree ("delete_after") WHERE "live_recordings"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "live_sessions_starts_idx" ON "live_sessions" USING btree ("organisation_id","starts_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "live_notices" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "live_participants" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "live_presence" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "live_recordings" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "live_sessions" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());