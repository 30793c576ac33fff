import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { files } from './chatSchema.js';
import { schools, users } from './schema.js';

/**
 * A resumable (tus) upload while it is under way, and for a day after it finished (so a client whose
 * last answer was lost learns the file it made). Its id is the tus id and also the storage key the
 * finished file keeps, «ab/<hex>». The person who created it is the only one who may see or continue it.
 */
export const uploads = pgTable('uploads', {
  id: text('id').primaryKey(),
  ownerId: uuid('owner_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** The cleaned file name the finished file will carry. */
  name: text('name').notNull(),
  /** Upload-Length: the bytes promised at creation. */
  size: bigint('size', { mode: 'number' }).notNull(),
  /** Set for a «Видео школы» upload: checked against that school's video limit and policy. */
  schoolId: uuid('school_id').references(() => schools.id, { onDelete: 'cascade' }),
  /** The file row made when the last byte arrived; null while unfinished. */
  fileId: uuid('file_id').references(() => files.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** Unfinished past this moment: removed with its bytes by the sweep. */
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('uploads_owner_idx').on(t.ownerId), index('uploads_expires_idx').on(t.expiresAt)]);
