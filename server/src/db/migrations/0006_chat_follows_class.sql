ALTER TABLE "chats" ADD COLUMN "follows_class" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "chats_class_idx" ON "chats" USING btree ("class_id") WHERE class_id IS NOT NULL;