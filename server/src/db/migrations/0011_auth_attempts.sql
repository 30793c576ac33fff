CREATE TABLE "auth_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bucket" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "otp_codes" ADD COLUMN "device_hash" text;--> statement-breakpoint
CREATE INDEX "auth_attempts_bucket_idx" ON "auth_attempts" USING btree ("bucket","created_at");