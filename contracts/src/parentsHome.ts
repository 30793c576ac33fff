import { z } from 'zod';
import { chatSummary } from './chats.js';
import { id, isoDateTime, personSummary } from './common.js';
import { assignmentSummary, markValue } from './homework.js';

/*
 * PAR-1 item 2: a parent's «Главная» — GET /api/parents/home. Read-only, the parent's own linked children only; names
 * of people, never phone numbers. One answer with a fixed number of queries however many children or assignments.
 */

/** A teacher of the child's class: «Написать учителю» opens (or makes) a personal chat with them. */
export const childTeacher = z.object({
  person: personSummary,
  /** Their subjects in the class (empty for a class teacher who teaches nothing there). */
  subjects: z.array(z.string()),
  /** «Классный руководитель» of the class. */
  classTeacher: z.boolean(),
  can: z.object({
    /** Write to them personally (POST /api/chats, kind «personal»): a linked parent always may. */
    write: z.boolean(),
  }),
});
export type ChildTeacher = z.infer<typeof childTeacher>;

export const parentHomeChild = z.object({
  child: personSummary,
  schoolId: id,
  schoolName: z.string(),
  classId: id,
  /** «7А». */
  className: z.string(),
  /** Not handed in and not marked: overdue (up to 30 days back) and due within the next 7 days, soonest first. */
  due: z.array(assignmentSummary),
  /** Marks given or changed in the last 7 days, newest first. */
  marks: z.array(z.object({ assignmentId: id, subject: z.string(), title: z.string(), value: markValue, at: isoDateTime })),
  /** Lessons of the class in the last 14 days (ended) the child did not come to, newest first. */
  missed: z.array(z.object({ lessonId: id, title: z.string(), startedAt: isoDateTime })),
  /** The class's teachers, by surname. */
  teachers: z.array(childTeacher),
});
export type ParentHomeChild = z.infer<typeof parentHomeChild>;

/** A post of a school's channel, shortened for «Главная». */
export const homeNewsItem = z.object({ id, schoolId: id, schoolName: z.string(), text: z.string(), createdAt: isoDateTime });

export const parentHomeResponse = z.object({
  data: z.object({
    /** Each linked child (a child linked in two classes or schools appears once per link), by first name. */
    children: z.array(parentHomeChild),
    /** The latest posts of the channels of the schools the parent is in, newest first. */
    news: z.array(homeNewsItem),
    /** The chats the parent is in, newest last message first (never a class's students' chat they are not in). */
    chats: z.array(chatSummary),
  }),
});
export type ParentHomeResponse = z.infer<typeof parentHomeResponse>;
