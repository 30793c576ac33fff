import { z } from 'zod';
import { id, personSummary, phone, role, subject } from './common.js';

export const schoolInfo = z.object({
  name: z.string().trim().min(2).max(200),
  country: z.string().trim().min(2).max(64),
  city: z.string().trim().min(1).max(64),
  address: z.string().trim().max(300).nullable().default(null),
  phone: z.string().trim().max(32).nullable().default(null),
  site: z.string().trim().max(200).nullable().default(null),
  email: z.string().trim().max(200).nullable().default(null),
  description: z.string().trim().max(4000).nullable().default(null),
});

export const school = schoolInfo.extend({
  id,
  participantCount: z.number().int(),
});
export type School = z.infer<typeof school>;

/** What the signed-in person may do here: the UI shows buttons by these, never by roles. */
export const schoolAbilities = z.object({
  manage: z.boolean(),
  invite: z.boolean(),
  reviewRequests: z.boolean(),
  createClass: z.boolean(),
});

export const schoolPageResponse = z.object({
  data: school.extend({
    myRoles: z.array(role),
    teachers: z.array(personSummary),
    students: z.array(personSummary),
    /** Pending join requests, for the «Заявки» badge; null for those who may not review. */
    pendingRequestCount: z.number().int().nullable(),
    /** «Максимальный размер видео»: the largest «Видео школы» upload, in bytes (shown to those who add videos). */
    videoMaxBytes: z.number().int(),
    /** «Место для файлов»: how much one person of the school may keep uploaded, in bytes. */
    storageQuotaBytes: z.number().int(),
  }),
  can: schoolAbilities,
});

/** Bounds of «Место для файлов» (one person's uploads) and its default (1 GB), in bytes. */
export const schoolStorageQuotaBytes = { min: 10 * 1024 * 1024, max: 1024 ** 4, default: 1024 ** 3 } as const;

/** Bounds of «Максимальный размер видео» and its default (2 GB), in bytes. */
export const schoolVideoMaxBytes = { min: 1024 * 1024, max: 50 * 1024 ** 3, default: 2 * 1024 ** 3 } as const;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
/**
 * ORG-10 «Информация»: editable by the administration. Only the fields sent change (no defaults
 * here, unlike schoolInfo, so a PATCH never wipes what it did not name); '' or null clears one.
 */
export const updateSchoolRequest = z.object({
  name: schoolInfo.shape.name.optional(),
  country: schoolInfo.shape.country.optional(),
  city: schoolInfo.shape.city.optional(),
  address: optionalText(300),
  phone: optionalText(32),
  site: optionalText(200),
  email: optionalText(200),
  description: optionalText(4000),
  /** «Максимальный размер видео», in bytes: from 1 MB to 50 GB. */
  videoMaxBytes: z.number().int().min(schoolVideoMaxBytes.min).max(schoolVideoMaxBytes.max).optional(),
  /** «Место для файлов», in bytes: from 10 MB to 1 TB. */
  storageQuotaBytes: z.number().int().min(schoolStorageQuotaBytes.min).max(schoolStorageQuotaBytes.max).optional(),
});

/** ORG-1: the registry, searched by country and city. */
export const registrySearchQuery = z.object({
  country: z.string().trim().min(1).max(64).optional(),
  city: z.string().trim().min(1).max(64).optional(),
  q: z.string().trim().max(100).optional(),
});
export const registrySchool = z.object({ id, name: z.string(), country: z.string(), city: z.string(), address: z.string().nullable() });
export const registrySearchResponse = z.object({ data: z.array(registrySchool) });
export const registryPlacesResponse = z.object({ data: z.array(z.string()) });

/** ORG-7 «Участники»: members by role, with search. */
export const membersQuery = z.object({
  role: role.optional(),
  q: z.string().trim().max(100).optional(),
});
export const member = personSummary.extend({
  roles: z.array(role),
  className: z.string().nullable(),
  subjects: z.array(subject),
  /** Leader's position, «Директор». */
  title: z.string().nullable(),
});
export const membersResponse = z.object({ data: z.array(member), can: z.object({ manage: z.boolean() }) });

/** ORG-8 «Руководители»: appoint a member of the school as a leader. */
export const appointLeaderRequest = z.object({ userId: id, title: z.string().trim().min(2).max(100) });

/** Operator: a new school in the registry with its first administrator. */
export const createSchoolRequest = schoolInfo.extend({
  /** The first administrator's phone. An existing account is appointed at once; otherwise an invitation link is made. */
  adminPhone: phone,
});
export const createSchoolResponse = z.object({
  data: z.object({
    schoolId: id,
    /** Set when the administrator already had an account and was appointed. */
    adminAppointed: z.boolean(),
    /** Set when they had none: the link to send them. */
    inviteUrl: z.string().nullable(),
  }),
});
export const operatorSchoolsResponse = z.object({
  data: z.array(registrySchool.extend({ participantCount: z.number().int(), adminCount: z.number().int() })),
});

/** APP-4 «Контакты»: people who share a school with the signed-in person. */
export const contact = personSummary.extend({
  schools: z.array(z.object({ schoolId: id, schoolName: z.string(), roles: z.array(role) })),
});
export const contactsResponse = z.object({ data: z.array(contact) });

/** Step 5 «Учебное заведение»: a school's classes as an applicant may see them (names only). */
export const registryClassesResponse = z.object({
  data: z.array(z.object({ id, name: z.string(), profile: z.string().nullable() })),
});

/** Operator: appoint another administrator of a school by phone (or get an invitation link for them). */
export const appointAdminRequest = z.object({ phone });

/**
 * Events of schools, classes, invitations and join requests, published after commit to
 * `school:ID` (the school's members) and `user:ID` (the person concerned). They carry ids only:
 * who may see what is permission-sensitive, so a client that hears one refetches through the API.
 */
export const schoolEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('school.updated'), schoolId: id }),
  z.object({ type: z.literal('member.joined'), schoolId: id, userId: id, role }),
  z.object({ type: z.literal('class.created'), schoolId: id, classId: id }),
  z.object({ type: z.literal('class.teacherJoined'), schoolId: id, classId: id, userId: id }),
  /** For the «Заявки» badge. */
  z.object({ type: z.literal('joinRequest.created'), schoolId: id, requestId: id }),
  /** The applicant hears the outcome in their `user:` room. */
  z.object({ type: z.literal('joinRequest.decided'), schoolId: id, requestId: id, status: z.enum(['approved', 'rejected']) }),
  z.object({ type: z.literal('invite.changed'), schoolId: id, inviteId: id }),
  /**
   * In a person's `user:` room: their roles or classes in this school changed some other way than joining (put into
   * or taken out of a class, a role removed). Their open sockets re-read their school and class rooms before it is
   * written, and the client reads `me` again.
   */
  z.object({ type: z.literal('memberships.changed'), schoolId: id }),
]);
export type SchoolEvent = z.infer<typeof schoolEvent>;
