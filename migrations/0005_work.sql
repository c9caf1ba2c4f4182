CREATE TABLE "blobs" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "blobs_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "blobs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assignment_learners" (
	"organisation_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	CONSTRAINT "assignment_learners_organisation_id_assignment_id_learner_id_pk" PRIMARY KEY("organisation_id","assignment_id","learner_id")
);
--> statement-breakpoint
ALTER TABLE "assignment_learners" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assignments" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"set_by" uuid NOT NULL,
	"title" text NOT NULL,
	"instructions" text NOT NULL,
	"subject" text NOT NULL,
	"for_date" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"estimated_minutes" smallint NOT NULL,
	"screen_free" boolean NOT NULL,
	"audience" text NOT NULL,
	"cover" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"set_late" boolean DEFAULT false NOT NULL,
	"minutes_late" integer DEFAULT 0 NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "assignments_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "assignments_audience_known" CHECK ("assignments"."audience" in ('class', 'learners')),
	CONSTRAINT "assignments_minutes_positive" CHECK ("assignments"."estimated_minutes" > 0)
);
--> statement-breakpoint
ALTER TABLE "assignments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "work_extensions" (
	"organisation_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"granted_by" uuid NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "work_extensions_organisation_id_assignment_id_learner_id_pk" PRIMARY KEY("organisation_id","assignment_id","learner_id")
);
--> statement-breakpoint
ALTER TABLE "work_extensions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "paper_learners" (
	"organisation_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"set_by" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL,
	CONSTRAINT "paper_learners_organisation_id_learner_id_pk" PRIMARY KEY("organisation_id","learner_id")
);
--> statement-breakpoint
ALTER TABLE "paper_learners" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "work_resources" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"body" text,
	"blob_id" uuid,
	"poster_blob_id" uuid,
	"captions_blob_id" uuid,
	CONSTRAINT "work_resources_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "work_resources_position_unique" UNIQUE("organisation_id","assignment_id","position"),
	CONSTRAINT "work_resources_kind_known" CHECK ("work_resources"."kind" in ('file', 'link', 'video', 'audio', 'text'))
);
--> statement-breakpoint
ALTER TABLE "work_resources" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "submission_comments" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"blob_id" uuid,
	"annotated" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "submission_comments_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "submission_comments_kind_known" CHECK ("submission_comments"."kind" in ('feedback', 'reply'))
);
--> statement-breakpoint
ALTER TABLE "submission_comments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "submission_files" (
	"organisation_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"blob_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "submission_files_organisation_id_submission_id_blob_id_pk" PRIMARY KEY("organisation_id","submission_id","blob_id")
);
--> statement-breakpoint
ALTER TABLE "submission_files" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "submissions" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"body" text,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"late" boolean NOT NULL,
	"own_work_declared_at" timestamp with time zone,
	"feedback_due_at" timestamp with time zone,
	"feedback_at" timestamp with time zone,
	"reply_waiting_since" timestamp with time zone,
	CONSTRAINT "submissions_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "submissions_once_per_learner" UNIQUE("organisation_id","assignment_id","learner_id"),
	CONSTRAINT "submissions_channel_known" CHECK ("submissions"."channel" in ('online', 'paper'))
);
--> statement-breakpoint
ALTER TABLE "submissions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assignment_learners" ADD CONSTRAINT "assignment_learners_organisation_id_assignment_id_assignments_organisation_id_id_fk" FOREIGN KEY ("organisation_id","assignment_id") REFERENCES "public"."assignments"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_learners" ADD CONSTRAINT "assignment_learners_organisation_id_learner_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","learner_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_organisation_id_class_id_classes_organisation_id_id_fk" FOREIGN KEY ("organisation_id","class_id") REFERENCES "public"."classes"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_organisation_id_set_by_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","set_by") REFERENCES "public"."users"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_extensions" ADD CONSTRAINT "work_extensions_organisation_id_assignment_id_assignments_organisation_id_id_fk" FOREIGN KEY ("organisation_id","assignment_id") REFERENCES "public"."assignments"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_extensions" ADD CONSTRAINT "work_extensions_organisation_id_learner_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","learner_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_learners" ADD CONSTRAINT "paper_learners_organisation_id_learner_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","learner_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_resources" ADD CONSTRAINT "work_resources_organisation_id_assignment_id_assignments_organisation_id_id_fk" FOREIGN KEY ("organisation_id","assignment_id") REFERENCES "public"."assignments"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_resources" ADD CONSTRAINT "work_resources_organisation_id_blob_id_blobs_organisation_id_id_fk" FOREIGN KEY ("organisation_id","blob_id") REFERENCES "public"."blobs"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_resources" ADD CONSTRAINT "work_resources_organisation_id_poster_blob_id_blobs_organisation_id_id_fk" FOREIGN KEY ("organisation_id","poster_blob_id") REFERENCES "public"."blobs"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_resources" ADD CONSTRAINT "work_resources_organisation_id_captions_blob_id_blobs_organisation_id_id_fk" FOREIGN KEY ("organisation_id","captions_blob_id") REFERENCES "public"."blobs"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_comments" ADD CONSTRAINT "submission_comments_organisation_id_submission_id_submissions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","submission_id") REFERENCES "public"."submissions"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_comments" ADD CONSTRAINT "submission_comments_organisation_id_author_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","author_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_comments" ADD CONSTRAINT "submission_comments_organisation_id_blob_id_blobs_organisation_id_id_fk" FOREIGN KEY ("organisation_id","blob_id") REFERENCES "public"."blobs"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_files" ADD CONSTRAINT "submission_files_organisation_id_submission_id_submissions_organisation_id_id_fk" FOREIGN KEY ("organisation_id","submission_id") REFERENCES "public"."submissions"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_files" ADD CONSTRAINT "submission_files_organisation_id_blob_id_blobs_organisation_id_id_fk" FOREIGN KEY ("organisation_id","blob_id") REFERENCES "public"."blobs"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_organisation_id_assignment_id_assignments_organisation_id_id_fk" FOREIGN KEY ("organisation_id","assignment_id") REFERENCES "public"."assignments"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_organisation_id_learner_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","learner_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blobs_created_idx" ON "blobs" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "assignment_learners_learner_idx" ON "assignment_learners" USING btree ("organisation_id","learner_id");--> statement-breakpoint
CREATE INDEX "assignments_class_due_idx" ON "assignments" USING btree ("organisation_id","class_id","due_at");--> statement-breakpoint
CREATE INDEX "assignments_for_date_idx" ON "assignments" USING btree ("organisation_id","for_date");--> statement-breakpoint
CREATE INDEX "submission_comments_submission_idx" ON "submission_comments" USING btree ("organisation_id","submission_id","created_at");--> statement-breakpoint
CREATE INDEX "submissions_learner_idx" ON "submissions" USING btree ("organisation_id","learner_id","submitted_at");--> statement-breakpoint
CREATE INDEX "submissions_waiting_idx" ON "submissions" USING btree ("organisation_id","assignment_id","feedback_due_at") WHERE "submissions"."feedback_at" is null;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "blobs" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "assignment_learners" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "assignments" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "work_extensions" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "paper_learners" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "work_resources" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "submission_comments" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "submission_files" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "submissions" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());