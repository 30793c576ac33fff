import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { chats } from './chatSchema.js';
import { schools, users } from './schema.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const reportReasonEnum = pgEnum('report_reason', ['insult', 'bullying', 'danger', 'spam', 'other']);
export const reportTargetEnum = pgEnum('report_target', ['message', 'news', 'comment', 'article', 'person']);
export const reportStatusEnum = pgEnum('report_status', ['new', 'decided']);
export const reportOutcomeEnum = pgEnum('report_outcome', ['hidden', 'warned', 'banned', 'removed', 'dismissed']);

/** SAFE-1 «Пожаловаться»: a report to the school's administration about a message, a post, an article or a person. */
export const reports = pgTable('reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  reporterId: uuid('reporter_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  targetType: reportTargetEnum('target_type').notNull(),
  targetId: uuid('target_id').notNull(),
  /** The person the report is about (a message's author, a post's author, the person reported). */
  subjectId: uuid('subject_id').references(() => users.id, { onDelete: 'set null' }),
  /** A message's chat: where a write ban or removal applies. */
  chatId: uuid('chat_id').references(() => chats.id, { onDelete: 'set null' }),
  reason: reportReasonEnum('reason').notNull(),
  comment: text('comment'),
  /** The reported text as it was when reported: evidence that outlives an edit or deletion. */
  excerpt: text('excerpt').notNull().default(''),
  status: reportStatusEnum('status').notNull().default('new'),
  /** What the administration did (several at once: hide and ban); empty until decided. */
  outcomes: reportOutcomeEnum('outcomes').array().notNull().default(sql`'{}'::report_outcome[]`),
  decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  index('reports_school_status_idx').on(t.schoolId, t.status, t.createdAt),
  index('reports_reporter_idx').on(t.reporterId, t.createdAt),
]);

export const chatRestrictionKindEnum = pgEnum('chat_restriction_kind', ['ban', 'block']);

/**
 * Who may not write in a chat: an administration's write ban until a time (`ban`), or a student's block of the
 * other person of a personal chat (`block`, no end). Checked on every send, HTTP and socket alike.
 */
export const chatRestrictions = pgTable('chat_restrictions', {
  id: uuid('id').primaryKey().defaultRandom(),
  chatId: uuid('chat_id').notNull().references(() => chats.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: chatRestrictionKindEnum('kind').notNull(),
  /** Null: until lifted (a block). */
  until: timestamp('until', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [
  index('chat_restrictions_chat_user_idx').on(t.chatId, t.userId),
  uniqueIndex('chat_restrictions_block_uq').on(t.chatId, t.userId).where(sql`kind = 'block'`),
]);

/** SAFE-1 in-app notices to a person: an administration's warning, a report's outcome, an urgent report. */
export const safetyNotices = pgTable('safety_notices', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  schoolId: uuid('school_id').references(() => schools.id, { onDelete: 'cascade' }),
  /** `warning` | `urgent_report` */
  kind: text('kind').notNull(),
  reportId: uuid('report_id').references(() => reports.id, { onDelete: 'cascade' }),
  readAt: timestamp('read_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('safety_notices_user_idx').on(t.userId, t.createdAt)]);
