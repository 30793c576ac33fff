import { z } from 'zod';
import { id, isoDateTime, personSummary, subject } from './common.js';

/** The roles a person may ask for without an invitation. */
export const requestRole = z.enum(['teacher', 'student', 'parent']);

/** ORG-4 / step 5 «Учебное заведение»: «Отправить заявку». */
export const createJoinRequestRequest = z.object({
  schoolId: id,
  role: requestRole,
  /** A teacher: the classes they teach. A student: exactly one class. */
  classIds: z.array(id).max(30).default([]),
  /** A teacher: the subjects they teach. */
  subjects: z.array(subject).max(10).default([]),
  /** Optional note for the administration. */
  comment: z.string().trim().max(500).optional(),
});

export const requestStatus = z.enum(['pending', 'approved', 'rejected']);

export const joinRequest = z.object({
  id,
  schoolId: id,
  schoolName: z.string(),
  applicant: personSummary,
  role: requestRole,
  classes: z.array(z.object({ id, name: z.string() })),
  subjects: z.array(subject),
  /** A parent's request (PAR-1): the children to be linked to, with gender so Russian can say «Родитель Марии Волковой». */
  children: z.array(z.object({ id, firstName: z.string(), lastName: z.string(), gender: z.enum(['female', 'male']) })),
  comment: z.string().nullable(),
  status: requestStatus,
  createdAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  /** Why it was rejected, when the administration said: the applicant and the school's administration see it. */
  rejectReason: z.string().nullable(),
});
export type JoinRequest = z.infer<typeof joinRequest>;
export const joinRequestResponse = z.object({ data: joinRequest });
export const joinRequestsResponse = z.object({ data: z.array(joinRequest) });
export const joinRequestsQuery = z.object({ status: requestStatus.default('pending') });

export const rejectReasonMax = 500;

/**
 * POST /api/join-requests/:requestId/reject: «Отклонить», with an optional reason the applicant will see. The body
 * may be left out altogether (as before reasons existed).
 */
export const rejectJoinRequestRequest = z
  .object({
    /** Shown to the applicant under «Мои заявки»; empty means none. */
    reason: z.string().trim().max(rejectReasonMax).optional(),
  })
  .nullish();
