CREATE TABLE "lesson_participants" (
	"lesson_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"called" boolean DEFAULT false NOT NULL,
	"removed_at" timestamp with time zone,
	"hand_raised_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lesson_participants_lesson_id_user_id_pk" PRIMARY KEY("lesson_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "lesson_presence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lesson_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lessons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"class_id" uuid,
	"chat_id" uuid,
	"title" text NOT NULL,
	"host_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"locked" boolean DEFAULT false NOT NULL,
	"muted_all" boolean DEFAULT false NOT NULL,
	"media_node" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lesson_participants" ADD CONSTRAINT "lesson_participants_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_participants" ADD CONSTRAINT "lesson_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_presence" ADD CONSTRAINT "lesson_presence_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_presence" ADD CONSTRAINT "lesson_presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_host_id_users_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lesson_participants_user_idx" ON "lesson_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "lesson_presence_lesson_idx" ON "lesson_presence" USING btree ("lesson_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lesson_presence_open_uq" ON "lesson_presence" USING btree ("lesson_id","user_id") WHERE left_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "lessons_live_class_uq" ON "lessons" USING btree ("class_id") WHERE ended_at IS NULL AND chat_id IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "lessons_live_chat_uq" ON "lessons" USING btree ("chat_id") WHERE ended_at IS NULL;--> statement-breakpoint
CREATE INDEX "lessons_school_started_idx" ON "lessons" USING btree ("school_id","started_at");