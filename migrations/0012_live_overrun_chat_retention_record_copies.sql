CREATE TABLE "live_record_copies" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"blob_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"kept_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_record_copies_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "live_record_copies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD COLUMN "overran_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD COLUMN "chat_delete_after" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD COLUMN "chat_deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "live_record_copies" ADD CONSTRAINT "live_record_copies_organisation_id_session_id_live_sessions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","session_id") REFERENCES "public"."live_sessions"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_record_copies" ADD CONSTRAINT "live_record_copies_organisation_id_learner_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","learner_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_record_copies" ADD CONSTRAINT "live_record_copies_organisation_id_blob_id_blobs_organisation_id_id_fk" FOREIGN KEY ("organisation_id","blob_id") REFERENCES "public"."blobs"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_record_copies_learner_idx" ON "live_record_copies" USING btree ("organisation_id","learner_id","started_at");--> statement-breakpoint
CREATE INDEX "live_sessions_chat_delete_idx" ON "live_sessions" USING btree ("chat_delete_after") WHERE "live_sessions"."chat_deleted_at" is null and "live_sessions"."chat_delete_after" is not null;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "live_record_copies" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());