DROP INDEX "news_comments_post_idx";--> statement-breakpoint
ALTER TABLE "news_comments" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "news_comments_post_idx" ON "news_comments" USING btree ("post_id","created_at","id");