import { type SQL, sql } from 'drizzle-orm';
import {
  customType, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { files, polls } from './chatSchema.js';
import { schools, users } from './schema.js';

/*
 * School content (issue 5): documents and videos, articles, the news channel and the community.
 * Every searchable table carries a generated `search` tsvector, `parta_search_vector(text)`: the
 * `russian` configuration's stems and, at the same positions, the words as written (configuration
 * `parta_words`; SRCH-1: «урок» finds «уроки», «уроком»; «альбомы» finds «альбом», whose stem
 * Snowball cuts to «альб»; the functions are in migration 0006), indexed with GIN; queries match it with
 * `parta_search_query(q, false)` and rank with `ts_rank`.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** PostgreSQL's tsvector; only ever written by the database itself (generated columns). */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A generated search column over the given expression, weighted text already built by the caller. */
const searchColumn = (expr: SQL) => tsvector('search').generatedAlwaysAs(expr);

export const documentKindEnum = pgEnum('document_kind', ['document', 'video']);
export const articleStatusEnum = pgEnum('article_status', ['draft', 'published']);
/** NEWS-1: the channel the administration posts to; NEWS-2: the closed community of the school. */
export const newsFeedEnum = pgEnum('news_feed', ['channel', 'community']);

/** DOC-1: a folder of the school's methodical library (schedules, orders, exam materials). */
export const documentFolders = pgTable('document_folders', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('document_folders_school_name_uq').on(t.schoolId, t.name)]);

/** DOC-1 «Документы школы» and DOC-3 «Видео школы»: a file shared with every member of the school. */
export const documents = pgTable('documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  kind: documentKindEnum('kind').notNull(),
  fileId: uuid('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
  /** Shown instead of the file name when given. */
  title: text('title').notNull(),
  folderId: uuid('folder_id').references(() => documentFolders.id, { onDelete: 'set null' }),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  /** DOC-3: the video's poster image. */
  posterFileId: uuid('poster_file_id').references(() => files.id, { onDelete: 'set null' }),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  search: searchColumn(sql`parta_search_vector(title)`),
}, (t) => [
  index('documents_school_kind_idx').on(t.schoolId, t.kind, t.createdAt),
  index('documents_file_idx').on(t.fileId),
  index('documents_poster_idx').on(t.posterFileId),
  index('documents_search_idx').using('gin', t.search),
]);

/** ART-1..5: an article of a school. Drafts are seen by the author and the administration only. */
export const articles = pgTable('articles', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
  title: text('title').notNull(),
  /** Sanitized on the server (allow-list) before it is stored, and again when rendered. */
  bodyHtml: text('body_html').notNull().default(''),
  /** The body's plain text: the search index and the list's excerpt. */
  bodyText: text('body_text').notNull().default(''),
  coverFileId: uuid('cover_file_id').references(() => files.id, { onDelete: 'set null' }),
  status: articleStatusEnum('status').notNull().default('draft'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: createdAt(),
  search: searchColumn(sql`setweight(parta_search_vector(title), 'A') || setweight(parta_search_vector(body_text), 'B')`),
}, (t) => [
  index('articles_school_status_idx').on(t.schoolId, t.status, t.publishedAt),
  index('articles_author_idx').on(t.authorId),
  index('articles_search_idx').using('gin', t.search),
]);

/** Files of an article: images in its text, attached photos and videos. Readers of the article may fetch them. */
export const articleFiles = pgTable('article_files', {
  articleId: uuid('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  fileId: uuid('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
  position: integer('position').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.articleId, t.fileId] }), index('article_files_file_idx').on(t.fileId)]);

/** ART: polls attached to an article — the same polls as in chats, with live results. */
export const articlePolls = pgTable('article_polls', {
  articleId: uuid('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  pollId: uuid('poll_id').notNull().references(() => polls.id, { onDelete: 'cascade' }).unique(),
  position: integer('position').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.articleId, t.pollId] })]);

/** NEWS-1/NEWS-2: a post in the school's channel or community. */
export const newsPosts = pgTable('news_posts', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  feed: newsFeedEnum('feed').notNull(),
  authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
  text: text('text').notNull(),
  pollId: uuid('poll_id').references(() => polls.id, { onDelete: 'set null' }).unique(),
  editedAt: timestamp('edited_at', { withTimezone: true }),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  deletedBy: uuid('deleted_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  search: searchColumn(sql`parta_search_vector(text)`),
}, (t) => [
  index('news_posts_feed_idx').on(t.schoolId, t.feed, t.createdAt),
  index('news_posts_search_idx').using('gin', t.search),
]);

export const newsPostFiles = pgTable('news_post_files', {
  postId: uuid('post_id').notNull().references(() => newsPosts.id, { onDelete: 'cascade' }),
  fileId: uuid('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
  position: integer('position').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.postId, t.fileId] }), index('news_post_files_file_idx').on(t.fileId)]);

/** NEWS-2: comments under a community post (and under channel posts, if the school allows). */
export const newsComments = pgTable('news_comments', {
  id: uuid('id').primaryKey().defaultRandom(),
  postId: uuid('post_id').notNull().references(() => newsPosts.id, { onDelete: 'cascade' }),
  authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
  text: text('text').notNull(),
  /** Its author changed it («изменено»). */
  editedAt: timestamp('edited_at', { withTimezone: true }),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  deletedBy: uuid('deleted_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [index('news_comments_post_idx').on(t.postId, t.createdAt, t.id)]);

/** Unread marks: posts of a feed newer than the person's last visit to it are unread. */
export const newsReads = pgTable('news_reads', {
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  feed: newsFeedEnum('feed').notNull(),
  lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.schoolId, t.feed] })]);

/**
 * Photos of people and schools, resized on upload. A table rather than columns on users and
 * schools, so that the foundation's tables stay independent of the files of the chats schema.
 */
export const profilePhotos = pgTable('profile_photos', {
  /** A user's id or a school's id: the owner kind tells which. */
  ownerId: uuid('owner_id').notNull(),
  ownerKind: text('owner_kind', { enum: ['user', 'school'] }).notNull(),
  fileId: uuid('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.ownerKind, t.ownerId] }), index('profile_photos_file_idx').on(t.fileId)]);
