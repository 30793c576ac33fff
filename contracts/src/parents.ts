import { z } from 'zod';
import { id, isoDateTime, personSummary } from './common.js';

/**
 * PAR-1 «Классный руководитель»: the administration sets one of the school's teachers, or clears it with null.
 * PUT /api/classes/:classId/class-teacher.
 */
export const setClassTeacherRequest = z.object({ userId: id.nullable() });

/** A child as a parent choosing them sees them: the name only, never a phone number. */
export const childChoice = z.object({ id, firstName: z.string(), lastName: z.string() });

/**
 * GET /api/invites/:token/students — the class's students of a parent's invitation, for a signed-in person holding a
 * working link. `chosen` is the child of a student's own link («Пригласить родителя»): already ticked.
 */
export const inviteStudentsResponse = z.object({
  data: z.object({ students: z.array(childChoice), chosen: id.nullable() }),
});

/** A parent linked to a child of a class: who approved it and when. */
export const parentLink = z.object({
  id,
  schoolId: id,
  classId: id,
  className: z.string(),
  parent: personSummary,
  child: personSummary,
  approvedAt: isoDateTime,
  approvedBy: z.string().nullable(),
  /** Whether the asker may remove this link (the administration, the class teacher, the parent). */
  canRemove: z.boolean(),
});
export type ParentLink = z.infer<typeof parentLink>;

/** GET /api/classes/:classId/parents — «Родители» of the class: for its class teacher, teachers and the administration. */
export const classParentsResponse = z.object({
  data: z.array(parentLink),
  can: z.object({
    /** «Пригласить родителей»: a parent's invitation to this class (the class teacher and the administration). */
    invite: z.boolean(),
  }),
});

/** GET /api/me/children — a parent's own links in every school («Мои дети»). */
export const myChildrenResponse = z.object({ data: z.array(parentLink) });

/** POST /api/me/parent-invite — «Пригласить родителя» in a student's «Профиль»: for their class in this school. */
export const childInviteRequest = z.object({ schoolId: id });

/** A one-time link for 24 hours. The link is in this answer only: the server keeps its hash. */
export const childInviteResponse = z.object({ data: z.object({ url: z.string(), token: z.string(), expiresAt: isoDateTime }) });
