import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { chats } from './chatSchema.js';
import { classes, schools, users } from './schema.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * VID-1..5: a video lesson. Started for a class (class_id) or from a chat (chat_id); one lesson goes on per class or
 * chat at a time. Kept after it ends: attendance (ATT-1) is read from it.
 */
export const lessons = pgTable('lessons', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  classId: uuid('class_id').references(() => classes.id, { onDelete: 'set null' }),
  chatId: uuid('chat_id').references(() => chats.id, { onDelete: 'set null' }),
  title: text('title').notNull(),
  hostId: uuid('host_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  /** Newcomers are refused (those called or already in may still come back). */
  locked: boolean('locked').notNull().default(false),
  /** Everyone but the host is muted and may not unmute until the host allows it. */
  mutedAll: boolean('muted_all').notNull().default(false),
  /** Which SFU holds the lesson's media ('werift', or a Janus URL): every node must reach the same one. */
  mediaNode: text('media_node'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('lessons_live_class_uq').on(t.classId).where(sql`ended_at IS NULL AND chat_id IS NULL`),
  uniqueIndex('lessons_live_chat_uq').on(t.chatId).where(sql`ended_at IS NULL`),
  index('lessons_school_started_idx').on(t.schoolId, t.startedAt),
  // The sweep of lessons a crashed node left "going on" reads only the live ones.
  index('lessons_live_started_idx').on(t.startedAt).where(sql`ended_at IS NULL`),
]);

/**
 * Everyone called into a lesson or who came: the call list, the hands, the host's removals. Attendance's absent
 * are those called who have no presence row.
 */
export const lessonParticipants = pgTable('lesson_participants', {
  lessonId: uuid('lesson_id').notNull().references(() => lessons.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** Rung when the lesson started or invited later (not one who came in by themselves). */
  called: boolean('called').notNull().default(false),
  /** The host removed them: they may not come back unless invited again. */
  removedAt: timestamp('removed_at', { withTimezone: true }),
  /** Raised hands are listed in the order they went up. */
  handRaisedAt: timestamp('hand_raised_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.lessonId, t.userId] }), index('lesson_participants_user_idx').on(t.userId)]);

/** ATT-1: each stay in the call, from join to leave (open while in the call). */
export const lessonPresence = pgTable('lesson_presence', {
  id: uuid('id').primaryKey().defaultRandom(),
  lessonId: uuid('lesson_id').notNull().references(() => lessons.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
  leftAt: timestamp('left_at', { withTimezone: true }),
  /**
   * The last time the node holding this person's socket vouched for them (every few seconds while they are in the
   * media). A stay no node vouches for any more (the node crashed) is closed at this moment, not left open forever.
   */
  seenAt: timestamp('seen_at', { withTimezone: true }),
}, (t) => [
  index('lesson_presence_lesson_idx').on(t.lessonId, t.userId),
  // At most one open stay per person per lesson.
  uniqueIndex('lesson_presence_open_uq').on(t.lessonId, t.userId).where(sql`left_at IS NULL`),
]);
