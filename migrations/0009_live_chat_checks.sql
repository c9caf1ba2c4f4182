CREATE TABLE "live_chat_messages" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"to_host" boolean NOT NULL,
	"body" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_chat_messages_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "live_chat_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "live_check_answers" (
	"organisation_id" uuid NOT NULL,
	"check_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"answer" text NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_check_answers_organisation_id_check_id_learner_id_pk" PRIMARY KEY("organisation_id","check_id","learner_id")
);
--> statement-breakpoint
ALTER TABLE "live_check_answers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "live_checks" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"prompt" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"asked_by" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "live_checks_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "live_checks_kind_known" CHECK ("live_checks"."kind" in ('poll', 'question'))
);
--> statement-breakpoint
ALTER TABLE "live_checks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD COLUMN "chat_mode" text DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "live_chat_messages" ADD CONSTRAINT "live_chat_messages_organisation_id_session_id_live_sessions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","session_id") REFERENCES "public"."live_sessions"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_check_answers" ADD CONSTRAINT "live_check_answers_organisation_id_check_id_live_checks_organisation_id_id_fk" FOREIGN KEY ("organisation_id","check_id") REFERENCES "public"."live_checks"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_check_answers" ADD CONSTRAINT "live_check_answers_organisation_id_learner_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","learner_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_checks" ADD CONSTRAINT "live_checks_organisation_id_session_id_live_sessions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","session_id") REFERENCES "public"."live_sessions"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_chat_session_idx" ON "live_chat_messages" USING btree ("organisation_id","session_id","sent_at");--> statement-breakpoint
CREATE INDEX "live_checks_session_idx" ON "live_checks" USING btree ("organisation_id","session_id","opened_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "live_chat_messages" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "live_check_answers" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "live_checks" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());