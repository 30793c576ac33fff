ALTER TABLE "join_requests" ADD COLUMN "reject_reason" text;--> statement-breakpoint
ALTER TABLE "polls" ADD COLUMN "closed_announced_at" timestamp with time zone;--> statement-breakpoint
-- Polls that closed before this release: their screens already worked it out from the clock; announcing them now would only send stale events.
UPDATE "polls" SET "closed_announced_at" = "deadline" WHERE "deadline" IS NOT NULL AND "deadline" <= now();--> statement-breakpoint
CREATE INDEX "polls_deadline_unannounced_idx" ON "polls" USING btree ("deadline") WHERE deadline is not null and closed_announced_at is null;