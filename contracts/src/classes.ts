import { z } from 'zod';
import { id, personSummary, subject } from './common.js';

/** «11А»: a grade 1–11 and a Cyrillic letter. */
export const classRef = z.object({
  grade: z.number().int().min(1).max(11),
  letter: z.string().trim().regex(/^[А-ЯЁ]$/u, 'letter'),
});

export const schoolClass = z.object({
  id,
  schoolId: id,
  /** «11А» */
  name: z.string(),
  grade: z.number().int(),
  letter: z.string(),
  /** «социально-гуманитарный»; null when the class has none. */
  profile: z.string().nullable(),
  studentCount: z.number().int(),
  teacherCount: z.number().int(),
});
export type SchoolClass = z.infer<typeof schoolClass>;

export const createClassRequest = classRef.extend({ profile: z.string().trim().max(100).nullable().default(null) });
export const classesResponse = z.object({ data: z.array(schoolClass), can: z.object({ create: z.boolean() }) });

export const classTeacher = personSummary.extend({ subjects: z.array(subject) });
export const classPageResponse = z.object({
  data: schoolClass.extend({
    schoolName: z.string(),
    teachers: z.array(classTeacher),
    students: z.array(personSummary),
    /** PAR-1 «Классный руководитель»; null when the class has none. */
    classTeacher: personSummary.nullable(),
  }),
  can: z.object({
    /** «Добавить учителя»: a teacher of the school adds themself with a subject. */
    joinAsTeacher: z.boolean(),
    /** «Добавить учителя» for anyone: an administrator picks any teacher of the school. */
    addTeacher: z.boolean(),
    manage: z.boolean(),
    /** «Создать чат» of the class: its own teachers and the administration (as POST /chats decides). */
    createChat: z.boolean(),
    /** Set or clear «Классный руководитель»: the administration (administrators and leaders). */
    setClassTeacher: z.boolean(),
    /** «Родители» of the class and «Пригласить родителей»: its class teacher and the administration. */
    parents: z.boolean(),
  }),
});

/**
 * CLS-2 / ORG-5 «Добавить учителя»: a teacher of the school joins the class with one or more subjects. `userId`
 * names the teacher: omitted (or one's own id) adds oneself; another teacher of the school only for an
 * administrator (`can.addTeacher`).
 */
export const joinClassRequest = z.object({ subjects: z.array(subject).min(1).max(10), userId: id.optional() });

/** The class just opened (201). */
export const createClassResponse = z.object({ data: schoolClass });
