import { z } from 'zod';
import { id, isoDateTime, role } from './common.js';

/**
 * The roles an invitation link may give. A parent's link names a class: «Присоединиться» with the chosen children
 * files a request the class teacher approves (PAR-1).
 */
export const inviteRole = z.enum(['admin', 'leader', 'teacher', 'student', 'parent']);

/** ORG-3: a link for a role and, for teachers, students and parents, a class. */
export const createInviteRequest = z.object({
  role: inviteRole,
  classId: id.nullable().default(null),
  /** Days until the link stops working; null: never. */
  expiresInDays: z.number().int().min(1).max(365).nullable().default(14),
  /** How many people may join by it; null: no limit. */
  maxUses: z.number().int().min(1).max(2000).nullable().default(null),
});

export const invite = z.object({
  id,
  role,
  classId: id.nullable(),
  className: z.string().nullable(),
  expiresAt: isoDateTime.nullable(),
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  revoked: z.boolean(),
  /** Valid: not expired, not used up, not revoked. */
  active: z.boolean(),
  createdAt: isoDateTime,
  createdBy: z.string(),
});
export const invitesResponse = z.object({ data: z.array(invite) });
/** The link is shown once, at creation: only its hash is kept. */
export const createInviteResponse = z.object({ data: invite.extend({ url: z.string(), token: z.string() }) });

/** The invite page, «Куда» and «Роль»: public, so a person can see it before signing in. */
export const invitePreviewResponse = z.object({
  data: z.object({
    schoolId: id,
    schoolName: z.string(),
    role,
    className: z.string().nullable(),
    active: z.boolean(),
    /** «Присоединиться» sends a join request that the administration approves (the demo's public link). */
    needsApproval: z.boolean(),
  }),
});

/** «Присоединиться». A teacher names subjects (the class comes from the link when it has one). */
export const acceptInviteRequest = z.object({
  subjects: z.array(z.string().trim().min(2).max(64)).max(10).default([]),
  /** A parent's link: the children of the link's class to be linked to (PAR-1). */
  childIds: z.array(id).max(10).default([]),
});
export const acceptInviteResponse = z.object({
  data: z.object({
    schoolId: id,
    /** joined: a member now; requested: a join request awaits the administration. */
    status: z.enum(['joined', 'requested']),
  }),
});
