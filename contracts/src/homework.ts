import { z } from 'zod';
import { attachment } from './chats.js';
import { id, isoDateTime, personSummary, subject } from './common.js';

/*
 * HW-1: homework. A teacher of a class gives an assignment (to the class or chosen students), students hand in
 * text and files, the teacher marks it on the five-point scale or «зачёт/незачёт». Files and submissions are seen
 * by the class's teachers, the student who handed them in and that student's linked parents (server homework/policy.ts).
 */

/** «1–5» or «зачёт/незачёт». */
export const homeworkGrading = z.enum(['five', 'pass']);
export type HomeworkGrading = z.infer<typeof homeworkGrading>;

/** A mark: '1'…'5' on the five-point scale; 'pass' («зачёт») or 'fail' («незачёт»). */
export const markValue = z.enum(['1', '2', '3', '4', '5', 'pass', 'fail']);
export type MarkValue = z.infer<typeof markValue>;

/** The limits of what a person types, checked on both sides. */
export const homeworkLimits = { title: 200, bodyHtml: 100_000, text: 10_000, comment: 1000, files: 10 } as const;

export const createAssignmentRequest = z.object({
  /** One of the teacher's subjects in the class. */
  subject,
  title: z.string().trim().min(1).max(homeworkLimits.title),
  /** The article editor's HTML; the server keeps only what its allow-list permits. */
  bodyHtml: z.string().max(homeworkLimits.bodyHtml).default(''),
  /** The teacher's own uploads (POST /api/files). */
  fileIds: z.array(id).max(homeworkLimits.files).default([]),
  dueAt: isoDateTime,
  grading: homeworkGrading.default('five'),
  /** Null or absent: the whole class; else these students of the class. */
  studentIds: z.array(id).min(1).max(100).nullable().default(null),
});
export type CreateAssignmentRequest = z.input<typeof createAssignmentRequest>;

export const markChange = z.object({
  by: personSummary.nullable(),
  at: isoDateTime,
  from: markValue,
  to: markValue,
  fromComment: z.string(),
  toComment: z.string(),
});

export const mark = z.object({
  value: markValue,
  comment: z.string(),
  givenBy: personSummary.nullable(),
  givenAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Every change after it was given, oldest first. */
  changes: z.array(markChange),
});
export type Mark = z.infer<typeof mark>;

export const submission = z.object({
  text: z.string(),
  files: z.array(attachment),
  submittedAt: isoDateTime,
  /** «Сдано с опозданием». */
  late: z.boolean(),
});
export type Submission = z.infer<typeof submission>;

/** The student's state of an assignment: to do, handed in (on time or late), marked. */
export const homeworkStatus = z.enum(['todo', 'submitted', 'marked']);
export type HomeworkStatus = z.infer<typeof homeworkStatus>;

export const assignmentSummary = z.object({
  id,
  classId: id,
  /** «7А». */
  className: z.string(),
  subject: z.string(),
  title: z.string(),
  dueAt: isoDateTime,
  grading: homeworkGrading,
  createdAt: isoDateTime,
  /** For a student: their state; for a teacher: null. */
  status: homeworkStatus.nullable(),
  late: z.boolean(),
  markValue: markValue.nullable(),
  /** For a teacher: how many handed in, of how many. */
  handedIn: z.number().int().nullable(),
  assignees: z.number().int().nullable(),
});
export type AssignmentSummary = z.infer<typeof assignmentSummary>;

/** PAR-1: a linked child's assignments as their parent sees them (read-only; `status` is the child's). */
export const childHomework = z.object({ child: personSummary, assignments: z.array(assignmentSummary) });
export type ChildHomework = z.infer<typeof childHomework>;

export const homeworkListResponse = z.object({
  data: z.object({
    /** For a parent: each linked child's assignments, soonest due first. */
    family: z.array(childHomework),
    /** Assignments given to me (a student), soonest due first. */
    mine: z.array(assignmentSummary),
    /** Assignments of the classes I teach, newest due first. */
    teaching: z.array(assignmentSummary),
  }),
});

export const assignmentDetail = z.object({
  id,
  classId: id,
  className: z.string(),
  subject: z.string(),
  title: z.string(),
  bodyHtml: z.string(),
  files: z.array(attachment),
  dueAt: isoDateTime,
  grading: homeworkGrading,
  wholeClass: z.boolean(),
  teacher: personSummary.nullable(),
  createdAt: isoDateTime,
  /** The student's own work and mark (null for a teacher). */
  mine: z
    .object({ submission: submission.nullable(), mark: mark.nullable() })
    .nullable(),
  /** PAR-1, read-only: for a parent, each of their linked children it is given to, with that child's work and mark. */
  family: z.array(z.object({ child: personSummary, submission: submission.nullable(), mark: mark.nullable() })),
  can: z.object({
    /** Hand in (again): a student it is given to, while it is not marked. */
    submit: z.boolean(),
    /** Take the submission back: handed in and not marked. */
    withdraw: z.boolean(),
    /** See the class's table and give marks. */
    review: z.boolean(),
  }),
});
export type AssignmentDetail = z.infer<typeof assignmentDetail>;
export const assignmentResponse = z.object({ data: assignmentDetail });

export const submitRequest = z.object({
  text: z.string().max(homeworkLimits.text).default(''),
  fileIds: z.array(id).max(homeworkLimits.files).default([]),
});
export type SubmitRequest = z.input<typeof submitRequest>;

/** One student in the teacher's table. */
export const reviewRow = z.object({
  student: personSummary,
  submission: submission.nullable(),
  mark: mark.nullable(),
  /** May I change this mark (I gave it, or I run the school); a new mark: any teacher of the class. */
  canMark: z.boolean(),
});
export type ReviewRow = z.infer<typeof reviewRow>;
export const reviewResponse = z.object({ data: z.object({ rows: z.array(reviewRow) }) });

export const putMarkRequest = z.object({
  value: markValue,
  comment: z.string().max(homeworkLimits.comment).default(''),
});
export type PutMarkRequest = z.input<typeof putMarkRequest>;
export const markResponse = z.object({ data: mark });

export const journalQuery = z.object({ subject: z.string().max(64).optional() });
export const journalCsvQuery = z.object({ subject: z.string().max(64).optional(), tz: z.string().max(64).optional() });

export const journal = z.object({
  classId: id,
  className: z.string(),
  /** The subjects with assignments in this class that I may see; `subject` is the one shown. */
  subjects: z.array(z.string()),
  subject: z.string().nullable(),
  assignments: z.array(z.object({ id, title: z.string(), dueAt: isoDateTime, grading: homeworkGrading })),
  rows: z.array(
    z.object({
      student: personSummary,
      /** Marks by assignment id. */
      marks: z.record(z.string(), markValue),
      /** The average of the five-point marks, two decimals; null without any. */
      average: z.number().nullable(),
    }),
  ),
});
export type Journal = z.infer<typeof journal>;
export const journalResponse = z.object({ data: journal });

/** Unseen new assignments and marks: the left menu's badge on «Задания». */
export const homeworkBadgeResponse = z.object({ data: z.object({ count: z.number().int() }) });

/** In the person's `user:` room (a `user` frame): refetch homework lists, the badge, the assignment. */
export const homeworkEvent = z.object({ type: z.literal('homework.changed'), assignmentId: id });
export type HomeworkEvent = z.infer<typeof homeworkEvent>;
