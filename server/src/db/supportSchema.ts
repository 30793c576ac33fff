import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { files } from './chatSchema.js';
import { schools, users } from './schema.js';

/*
 * SUP-1, SUP-2 (issue 14): questions to the platform's support with their screenshots and conversation, and
 * feedback on what is missing. Who may see what is decided in modules/support/policy.ts alone.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const supportQuestions = pgTable('support_questions', {
  id: uuid('id').primaryKey().defaultRandom(),
  askerId: uuid('asker_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** The school the asker was in when asking, and their role there (null: none). */
  schoolId: uuid('school_id').references(() => schools.id, { onDelete: 'set null' }),
  role: text('role'),
  section: text('section').notNull(),
  text: text('text').notNull(),
  /** new · answered · clarify · closed (contracts questionState). */
  state: text('state').notNull().default('new'),
  userAgent: text('user_agent').notNull().default(''),
  screen: text('screen').notNull().default(''),
  appVersion: text('app_version').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('support_questions_asker_idx').on(t.askerId, t.updatedAt),
  index('support_questions_state_idx').on(t.state, t.updatedAt),
]);

export const supportQuestionFiles = pgTable('support_question_files', {
  questionId: uuid('question_id').notNull().references(() => supportQuestions.id, { onDelete: 'cascade' }),
  fileId: uuid('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
  position: integer('position').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.questionId, t.fileId] }), index('support_question_files_file_idx').on(t.fileId)]);

export const supportMessages = pgTable('support_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  questionId: uuid('question_id').notNull().references(() => supportQuestions.id, { onDelete: 'cascade' }),
  /** The operator who wrote it, or the asker; kept as null when the account goes. */
  authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
  fromSupport: boolean('from_support').notNull(),
  text: text('text').notNull(),
  createdAt: createdAt(),
}, (t) => [index('support_messages_question_idx').on(t.questionId, t.createdAt)]);

export const supportFeedback = pgTable('support_feedback', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorId: uuid('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  schoolId: uuid('school_id').references(() => schools.id, { onDelete: 'set null' }),
  role: text('role'),
  text: text('text').notNull(),
  createdAt: createdAt(),
}, (t) => [index('support_feedback_created_idx').on(t.createdAt)]);
