CREATE TABLE "bubble_classes" (
	"organisation_id" uuid NOT NULL,
	"bubble_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	CONSTRAINT "bubble_classes_organisation_id_bubble_id_class_id_pk" PRIMARY KEY("organisation_id","bubble_id","class_id")
);
--> statement-breakpoint
ALTER TABLE "bubble_classes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "bubbles" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "bubbles_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "bubbles_name_unique" UNIQUE("organisation_id","site_id","name")
);
--> statement-breakpoint
ALTER TABLE "bubbles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "class_staff" (
	"organisation_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	CONSTRAINT "class_staff_organisation_id_class_id_user_id_pk" PRIMARY KEY("organisation_id","class_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "class_staff" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "classes" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"cohort_id" uuid,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"kind" text DEFAULT 'scheduled' NOT NULL,
	"sourced_id" text,
	"ended_at" timestamp with time zone,
	CONSTRAINT "classes_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "classes_sourced_id_unique" UNIQUE("organisation_id","sourced_id")
);
--> statement-breakpoint
ALTER TABLE "classes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "closures" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "closures_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "closures" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "cohort_members" (
	"organisation_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	CONSTRAINT "cohort_members_organisation_id_cohort_id_learner_id_pk" PRIMARY KEY("organisation_id","cohort_id","learner_id")
);
--> statement-breakpoint
ALTER TABLE "cohort_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "cohorts" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"code" text,
	"year_of_schooling" smallint,
	CONSTRAINT "cohorts_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "cohorts_site_code_unique" UNIQUE("organisation_id","site_id","kind","code")
);
--> statement-breakpoint
ALTER TABLE "cohorts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enrolments" (
	"organisation_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"start_date" date,
	"end_date" date,
	"sourced_id" text,
	CONSTRAINT "enrolments_organisation_id_class_id_learner_id_pk" PRIMARY KEY("organisation_id","class_id","learner_id"),
	CONSTRAINT "enrolments_sourced_id_unique" UNIQUE("organisation_id","sourced_id")
);
--> statement-breakpoint
ALTER TABLE "enrolments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "roster_imports" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"started_by" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"applied_at" timestamp with time zone,
	"staging_path" text,
	"report" jsonb NOT NULL,
	"rows" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "roster_imports_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "roster_imports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "staff_hours" (
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	CONSTRAINT "staff_hours_organisation_id_user_id_weekday_pk" PRIMARY KEY("organisation_id","user_id","weekday")
);
--> statement-breakpoint
ALTER TABLE "staff_hours" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "terms" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"sourced_id" text,
	CONSTRAINT "terms_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "terms_sourced_id_unique" UNIQUE("organisation_id","sourced_id")
);
--> statement-breakpoint
ALTER TABLE "terms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "timetable_periods" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"room" text,
	"week" text,
	CONSTRAINT "timetable_periods_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "timetable_periods" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sourced_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "left_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "kind" text DEFAULT 'school' NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "sourced_id" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "working_days" smallint[] DEFAULT '{1,2,3,4,5}' NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "day_start" time DEFAULT '08:45' NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "day_end" time DEFAULT '15:15' NOT NULL;--> statement-breakpoint
ALTER TABLE "bubble_classes" ADD CONSTRAINT "bubble_classes_organisation_id_bubble_id_bubbles_organisation_id_id_fk" FOREIGN KEY ("organisation_id","bubble_id") REFERENCES "public"."bubbles"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bubble_classes" ADD CONSTRAINT "bubble_classes_organisation_id_class_id_classes_organisation_id_id_fk" FOREIGN KEY ("organisation_id","class_id") REFERENCES "public"."classes"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bubbles" ADD CONSTRAINT "bubbles_organisation_id_site_id_sites_organisation_id_id_fk" FOREIGN KEY ("organisation_id","site_id") REFERENCES "public"."sites"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_staff" ADD CONSTRAINT "class_staff_organisation_id_class_id_classes_organisation_id_id_fk" FOREIGN KEY ("organisation_id","class_id") REFERENCES "public"."classes"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_staff" ADD CONSTRAINT "class_staff_organisation_id_user_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","user_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_organisation_id_site_id_sites_organisation_id_id_fk" FOREIGN KEY ("organisation_id","site_id") REFERENCES "public"."sites"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_organisation_id_cohort_id_cohorts_organisation_id_id_fk" FOREIGN KEY ("organisation_id","cohort_id") REFERENCES "public"."cohorts"("organisation_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_organisation_id_site_id_sites_organisation_id_id_fk" FOREIGN KEY ("organisation_id","site_id") REFERENCES "public"."sites"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_organisation_id_cohort_id_cohorts_organisation_id_id_fk" FOREIGN KEY ("organisation_id","cohort_id") REFERENCES "public"."cohorts"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_organisation_id_learner_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","learner_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_organisation_id_site_id_sites_organisation_id_id_fk" FOREIGN KEY ("organisation_id","site_id") REFERENCES "public"."sites"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_organisation_id_class_id_classes_organisation_id_id_fk" FOREIGN KEY ("organisation_id","class_id") REFERENCES "public"."classes"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_organisation_id_learner_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","learner_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_hours" ADD CONSTRAINT "staff_hours_organisation_id_user_id_users_organisation_id_id_fk" FOREIGN KEY ("organisation_id","user_id") REFERENCES "public"."users"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms" ADD CONSTRAINT "terms_organisation_id_site_id_sites_organisation_id_id_fk" FOREIGN KEY ("organisation_id","site_id") REFERENCES "public"."sites"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_periods" ADD CONSTRAINT "timetable_periods_organisation_id_class_id_classes_organisation_id_id_fk" FOREIGN KEY ("organisation_id","class_id") REFERENCES "public"."classes"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bubble_classes_class_idx" ON "bubble_classes" USING btree ("organisation_id","class_id");--> statement-breakpoint
CREATE INDEX "class_staff_user_idx" ON "class_staff" USING btree ("organisation_id","user_id");--> statement-breakpoint
CREATE INDEX "classes_site_idx" ON "classes" USING btree ("organisation_id","site_id");--> statement-breakpoint
CREATE INDEX "closures_site_idx" ON "closures" USING btree ("organisation_id","site_id","start_date");--> statement-breakpoint
CREATE INDEX "cohort_members_learner_idx" ON "cohort_members" USING btree ("organisation_id","learner_id");--> statement-breakpoint
CREATE INDEX "enrolments_learner_idx" ON "enrolments" USING btree ("organisation_id","learner_id");--> statement-breakpoint
CREATE INDEX "terms_site_idx" ON "terms" USING btree ("organisation_id","site_id","start_date");--> statement-breakpoint
CREATE INDEX "timetable_periods_class_idx" ON "timetable_periods" USING btree ("organisation_id","class_id","weekday");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_sourced_id_unique" UNIQUE("organisation_id","sourced_id");--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_sourced_id_unique" UNIQUE("organisation_id","sourced_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "bubble_classes" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "bubbles" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "class_staff" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "classes" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "closures" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "cohort_members" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "cohorts" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "enrolments" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "roster_imports" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "staff_hours" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "terms" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "timetable_periods" AS PERMISSIVE FOR ALL TO "continuum_app" USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());