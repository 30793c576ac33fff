import { sql } from 'drizzle-orm';
import {
  bigint, boolean, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { classes, schools, users } from './schema.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
/** Sequence numbers stay JS numbers: 2^53 events per chat is enough. */
const seq = (name: string) => bigint(name, { mode: 'number' });

export const chatKindEnum = pgEnum('chat_kind', ['class', 'public', 'personal', 'group']);
export const chatMemberRoleEnum = pgEnum('chat_member_role', ['owner', 'moderator', 'member']);

export const chats = pgTable('chats', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: chatKindEnum('kind').notNull(),
  /** Null only for a personal chat between people of different schools (not allowed yet). */
  schoolId: uuid('school_id').references(() => schools.id, { onDelete: 'cascade' }),
  classId: uuid('class_id').references(() => classes.id, { onDelete: 'set null' }),
  /** Empty for personal chats: each side sees the other's name. */
  name: text('name').notNull(),
  /** «a:b» with the two user ids sorted: one personal chat per pair. */
  personalKey: text('personal_key').unique(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  /** The last sequence number handed out in this chat's event log. */
  lastSeq: seq('last_seq').notNull().default(0),
  lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
  /**
   * A class chat that follows its class («Выбрать всех участников», or «Добавлять новых учеников класса»
   * ticked later): a student who joins the class joins the chat in the same transaction.
   */
  followsClass: boolean('follows_class').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [
  index('chats_school_kind_idx').on(t.schoolId, t.kind),
  // A student joining or leaving a class finds the class's chats.
  index('chats_class_idx').on(t.classId).where(sql`class_id IS NOT NULL`),
]);

export const chatMembers = pgTable('chat_members', {
  chatId: uuid('chat_id').notNull().references(() => chats.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: chatMemberRoleEnum('role').notNull().default('member'),
  /** The last seq this member has read: unread counts are messages by others after it. */
  lastReadSeq: seq('last_read_seq').notNull().default(0),
  /** «Без звука»: no pushes for this chat's messages to this member (the chat still counts as unread). */
  muted: boolean('muted').notNull().default(false),
  joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.chatId, t.userId] }), index('chat_members_user_idx').on(t.userId)]);

/**
 * Every change in a chat, numbered by the chat's sequence: what a reconnecting client replays.
 * The payload is the event of contracts' chatEvent catalogue.
 */
export const chatEvents = pgTable('chat_events', {
  chatId: uuid('chat_id').notNull().references(() => chats.id, { onDelete: 'cascade' }),
  seq: seq('seq').notNull(),
  type: text('type').notNull(),
  payload: jsonb('payload').notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.chatId, t.seq] })]);

export const messages = pgTable('messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  chatId: uuid('chat_id').notNull().references(() => chats.id, { onDelete: 'cascade' }),
  seq: seq('seq').notNull(),
  authorId: uuid('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** The sender's idempotency key. */
  clientId: text('client_id'),
  text: text('text').notNull(),
  replyToId: uuid('reply_to_id'),
  pollId: uuid('poll_id'),
  editedAt: timestamp('edited_at', { withTimezone: true }),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  deletedBy: uuid('deleted_by').references(() => users.id, { onDelete: 'set null' }),
  /** SAFE-1: removed by the administration on a report («Сообщение скрыто администрацией»); deletedAt is set too. */
  hiddenAt: timestamp('hidden_at', { withTimezone: true }),
  createdAt: createdAt(),
  /** SRCH-1: the text's stems in the `russian` configuration and its words as written (contentSchema.ts), kept by PostgreSQL itself. */
  search: customType<{ data: string }>({ dataType: () => 'tsvector' })('search')
    .generatedAlwaysAs(sql`parta_search_vector(text)`),
}, (t) => [
  index('messages_search_idx').using('gin', t.search),
  uniqueIndex('messages_chat_seq_uq').on(t.chatId, t.seq),
  uniqueIndex('messages_client_id_uq').on(t.chatId, t.authorId, t.clientId).where(sql`client_id IS NOT NULL`),
  // Every vote and poll read finds the poll's message by poll id.
  index('messages_poll_idx').on(t.pollId).where(sql`poll_id IS NOT NULL`),
]);

/** Uploaded files: chat attachments now, school documents later. Bytes live in the storage adapter. */
export const files = pgTable('files', {
  id: uuid('id').primaryKey().defaultRandom(),
  ownerId: uuid('owner_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  storageKey: text('storage_key').notNull().unique(),
  name: text('name').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mime: text('mime').notNull(),
  isImage: boolean('is_image').notNull().default(false),
  /** An image's upright size in pixels (after its EXIF orientation), read at upload; null when unknown. */
  width: integer('width'),
  height: integer('height'),
  /** Storage keys of the WebP thumbnails made at upload (longest side 640, and 1280 for larger images). */
  thumbKey: text('thumb_key'),
  thumbLargeKey: text('thumb_large_key'),
  createdAt: createdAt(),
}, (t) => [index('files_owner_idx').on(t.ownerId)]);

export const messageAttachments = pgTable('message_attachments', {
  messageId: uuid('message_id').notNull().references(() => messages.id, { onDelete: 'cascade' }),
  fileId: uuid('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
  position: integer('position').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.messageId, t.fileId] }), index('message_attachments_file_idx').on(t.fileId)]);

export const polls = pgTable('polls', {
  id: uuid('id').primaryKey().defaultRandom(),
  chatId: uuid('chat_id').references(() => chats.id, { onDelete: 'cascade' }),
  authorId: uuid('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  question: text('question').notNull(),
  color: text('color').notNull(),
  anonymous: boolean('anonymous').notNull().default(false),
  multiple: boolean('multiple').notNull().default(false),
  noRetract: boolean('no_retract').notNull().default(false),
  deadline: timestamp('deadline', { withTimezone: true }),
  /**
   * When a node claimed announcing that the deadline passed (`poll.closed`). Claimed with one UPDATE … WHERE it is
   * null, so however many nodes sweep, each poll's close is announced once.
   */
  closedAnnouncedAt: timestamp('closed_announced_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  // The sweep's "deadline passed, not announced yet", and the nearest deadline still to come.
  index('polls_deadline_unannounced_idx').on(t.deadline).where(sql`deadline is not null and closed_announced_at is null`),
]);

export const pollOptions = pgTable('poll_options', {
  id: uuid('id').primaryKey().defaultRandom(),
  pollId: uuid('poll_id').notNull().references(() => polls.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  text: text('text').notNull(),
}, (t) => [index('poll_options_poll_idx').on(t.pollId)]);

/** Who voted for what. For an anonymous poll this table is read only as counts, never as names. */
export const pollVotes = pgTable('poll_votes', {
  pollId: uuid('poll_id').notNull().references(() => polls.id, { onDelete: 'cascade' }),
  optionId: uuid('option_id').notNull().references(() => pollOptions.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.pollId, t.optionId, t.userId] }), index('poll_votes_user_idx').on(t.pollId, t.userId)]);

/** PAR-1 «Родители 7А»: the one chat of a class's linked parents and its teachers, made with the first approved link. */
export const classParentChats = pgTable('class_parent_chats', {
  classId: uuid('class_id').primaryKey().references(() => classes.id, { onDelete: 'cascade' }),
  chatId: uuid('chat_id').notNull().unique().references(() => chats.id, { onDelete: 'cascade' }),
});
