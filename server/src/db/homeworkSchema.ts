import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { files } from './chatSchema.js';
import { classes, schools, users } from './schema.js';

/*
 * HW-1 (issue 13): a teacher's assignment to a class (or some of its students), the students' submissions, the
 * marks and every change of a mark. Who may see what is decided in modules/homework/policy.ts alone.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** «1–5»: the Russian five-point scale; «зачёт/незачёт»: pass or fail. */
export const homeworkGradingEnum = pgEnum('homework_grading', ['five', 'pass']);

export const homeworkAssignments = pgTable('homework_assignments', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  classId: uuid('class_id').notNull().references(() => classes.id, { onDelete: 'cascade' }),
  /** The teacher who gave it; kept as null when their account goes, the class keeps the assignment. */
  teacherId: uuid('teacher_id').references(() => users.id, { onDelete: 'set null' }),
  subject: text('subject').notNull(),
  title: text('title').notNull(),
  /** Sanitized by the articles' allow-list before it is stored. */
  bodyHtml: text('body_html').notNull().default(''),
  bodyText: text('body_text').notNull().default(''),
  grading: homeworkGradingEnum('grading').notNull().default('five'),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  /** For the whole class (students who join later too); else for those in homework_assignees. */
  wholeClass: boolean('whole_class').notNull().default(true),
  createdAt: createdAt(),
}, (t) => [
  index('homework_assignments_class_idx').on(t.classId, t.subject, t.dueAt),
  index('homework_assignments_school_idx').on(t.schoolId),
  // The reminders' sweep reads the assignments due within the next day.
  index('homework_assignments_due_idx').on(t.dueAt),
]);

/** The chosen students of an assignment that is not for the whole class. */
export const homeworkAssignees = pgTable('homework_assignees', {
  assignmentId: uuid('assignment_id').notNull().references(() => homeworkAssignments.id, { onDelete: 'cascade' }),
  studentId: uuid('student_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.assignmentId, t.studentId] }), index('homework_assignees_student_idx').on(t.studentId)]);

/** The assignment's files: attachments, and pictures shown in its text (inText). */
export const homeworkAssignmentFiles = pgTable('homework_assignment_files', {
  assignmentId: uuid('assignment_id').notNull().references(() => homeworkAssignments.id, { onDelete: 'cascade' }),
  fileId: uuid('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
  position: integer('position').notNull().default(0),
  inText: boolean('in_text').notNull().default(false),
}, (t) => [primaryKey({ columns: [t.assignmentId, t.fileId] }), index('homework_assignment_files_file_idx').on(t.fileId)]);

/** A student's handed-in work: one per student and assignment; taking it back deletes it. */
export const homeworkSubmissions = pgTable('homework_submissions', {
  id: uuid('id').primaryKey().defaultRandom(),
  assignmentId: uuid('assignment_id').notNull().references(() => homeworkAssignments.id, { onDelete: 'cascade' }),
  studentId: uuid('student_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  text: text('text').notNull().default(''),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  /** Handed in after the due time: allowed, and marked «Сдано с опозданием». */
  late: boolean('late').notNull().default(false),
}, (t) => [
  uniqueIndex('homework_submissions_one_uq').on(t.assignmentId, t.studentId),
  index('homework_submissions_student_idx').on(t.studentId),
]);

export const homeworkSubmissionFiles = pgTable('homework_submission_files', {
  submissionId: uuid('submission_id').notNull().references(() => homeworkSubmissions.id, { onDelete: 'cascade' }),
  fileId: uuid('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
  position: integer('position').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.submissionId, t.fileId] }), index('homework_submission_files_file_idx').on(t.fileId)]);

/** A student's mark for an assignment: '1'…'5', or 'pass'/'fail' for a «зачёт/незачёт» assignment. */
export const homeworkMarks = pgTable('homework_marks', {
  assignmentId: uuid('assignment_id').notNull().references(() => homeworkAssignments.id, { onDelete: 'cascade' }),
  studentId: uuid('student_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  value: text('value').notNull(),
  comment: text('comment').notNull().default(''),
  /** Who gave it first: they (and the administration) alone may change it. */
  givenBy: uuid('given_by').references(() => users.id, { onDelete: 'set null' }),
  givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.assignmentId, t.studentId] }), index('homework_marks_student_idx').on(t.studentId)]);

/** Every change of a mark after it was given: who, when, from what to what. */
export const homeworkMarkChanges = pgTable('homework_mark_changes', {
  id: uuid('id').primaryKey().defaultRandom(),
  assignmentId: uuid('assignment_id').notNull().references(() => homeworkAssignments.id, { onDelete: 'cascade' }),
  studentId: uuid('student_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  fromValue: text('from_value').notNull(),
  toValue: text('to_value').notNull(),
  fromComment: text('from_comment').notNull().default(''),
  toComment: text('to_comment').notNull().default(''),
}, (t) => [index('homework_mark_changes_mark_idx').on(t.assignmentId, t.studentId, t.changedAt)]);

/** When a person last opened «Задания»: newer assignments and marks make the menu's badge. */
export const homeworkSeen = pgTable('homework_seen', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull().default(sql`now()`),
});

/**
 * NTF-1 «Срок сдачи завтра»: a reminder sent to a person (the student, or a linked parent) about a student's
 * assignment due within a day. The primary key makes each one once: every node's sweep inserts with ON CONFLICT DO
 * NOTHING and notifies only the rows it inserted. Counted in the badge of «Задания» until seen.
 */
export const homeworkReminders = pgTable('homework_reminders', {
  assignmentId: uuid('assignment_id').notNull().references(() => homeworkAssignments.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** The student whose work is due: the user themself, or their child. */
  studentId: uuid('student_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.assignmentId, t.userId, t.studentId] }),
  index('homework_reminders_user_idx').on(t.userId, t.sentAt),
]);
