import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { files } from './chatSchema.js';
import { schools, users } from './schema.js';

/*
 * ORG-9 (issue 14): appeals of a school's members to its administration. An anonymous appeal keeps its author here
 * (the platform's operator may need to know, for abuse); modules/appeals/policy.ts and present.ts make sure the
 * school never learns it.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const appeals = pgTable('appeals', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  authorId: uuid('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  authorRole: text('author_role').notNull(),
  anonymous: boolean('anonymous').notNull().default(false),
  /** schedule · food · safety · other (contracts appealTopic). */
  topic: text('topic').notNull(),
  text: text('text').notNull(),
  /** new · in_work · answered · closed (contracts appealState). */
  state: text('state').notNull().default('new'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('appeals_school_idx').on(t.schoolId, t.state, t.updatedAt),
  index('appeals_author_idx').on(t.authorId, t.updatedAt),
]);

export const appealFiles = pgTable('appeal_files', {
  appealId: uuid('appeal_id').notNull().references(() => appeals.id, { onDelete: 'cascade' }),
  fileId: uuid('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
  position: integer('position').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.appealId, t.fileId] }), index('appeal_files_file_idx').on(t.fileId)]);

export const appealMessages = pgTable('appeal_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  appealId: uuid('appeal_id').notNull().references(() => appeals.id, { onDelete: 'cascade' }),
  authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
  /** True: the administration's answer; false: the appeal's author. */
  fromSchool: boolean('from_school').notNull(),
  text: text('text').notNull(),
  createdAt: createdAt(),
}, (t) => [index('appeal_messages_appeal_idx').on(t.appealId, t.createdAt)]);
