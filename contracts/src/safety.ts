import { z } from 'zod';
import { message } from './chats.js';
import { id, isoDateTime, personSummary } from './common.js';

/**
 * SAFE-1: reports («Пожаловаться»), moderation, write bans, blocks, the audit log («Журнал действий») and the
 * school's safety settings.
 */

/** What the audit log records; the web words each kind. */
export const auditKinds = [
  'role.granted', 'role.revoked', 'request.approved', 'request.rejected', 'member.removed',
  'parent.unlinked', 'invite.created', 'invite.revoked', 'message.removed', 'message.hidden',
  'chat.memberRemoved', 'chat.writeBanned', 'person.warned', 'report.decided', 'school.updated',
] as const;
export const auditKind = z.enum(auditKinds);
export type AuditKind = z.infer<typeof auditKind>;

export const auditEntry = z.object({
  id,
  createdAt: isoDateTime,
  kind: auditKind,
  /** Who did it (null: the line's person no longer has an account, or the system). */
  actor: personSummary.nullable(),
  /** What was acted on: `user`, `message`, `chat`, `invite`, `report`, `school`, `joinRequest`, `parentLink`. */
  targetType: z.string(),
  targetId: z.string().nullable(),
  /** The person the action concerned (the one given a role, removed, banned, warned, whose message was hidden). */
  subject: personSummary.nullable(),
  /** The facts of the action as written at the time: `personName`, `role`, `chatName`, `until`, `outcome`, `fields`… */
  details: z.record(z.string(), z.unknown()),
  /** The client address the action came from. */
  ip: z.string().nullable(),
  /** The school (the operator's view of every school); null for an action outside a school. */
  school: z.object({ id, name: z.string() }).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditQuery = z.object({
  /** Only actions by this person. */
  actorId: id.optional(),
  /** Only actions of this kind. */
  kind: auditKind.optional(),
  /** Lines older than this (the previous page's last `createdAt`). */
  before: isoDateTime.optional(),
  /** The operator only: one school's lines. */
  schoolId: id.optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditListResponse = z.object({
  data: z.array(auditEntry),
  /** More lines before the last one. */
  hasMore: z.boolean(),
  /** Everyone who has a line here, for the «Кто» filter. */
  actors: z.array(personSummary),
});
export type AuditListResponse = z.infer<typeof auditListResponse>;

export const auditCsvQuery = auditQuery.omit({ before: true, schoolId: true }).extend({
  /** The reader's time zone for the «Когда» column (IANA), UTC when absent. */
  tz: z.string().max(64).optional(),
});

export const reportReasons = ['insult', 'bullying', 'danger', 'spam', 'other'] as const;
export const reportReason = z.enum(reportReasons);
export type ReportReason = z.infer<typeof reportReason>;
export const reportTargets = ['message', 'news', 'comment', 'article', 'person'] as const;
export const reportTarget = z.enum(reportTargets);
export type ReportTarget = z.infer<typeof reportTarget>;
export const reportOutcome = z.enum(['hidden', 'warned', 'banned', 'removed', 'dismissed']);
export type ReportOutcome = z.infer<typeof reportOutcome>;
export const REPORT_COMMENT_MAX = 1000;

export const createReportRequest = z.object({
  /** What is reported. */
  targetType: reportTarget,
  /** Its id: a message, news post, comment, article, or a person's user id. */
  targetId: id,
  /** «Оскорбления», «Травля», «Опасность» (urgent), «Спам», «Другое». */
  reason: reportReason,
  /** What happened, in the reporter's words (optional). */
  comment: z.string().trim().max(REPORT_COMMENT_MAX).optional(),
  /** For a person: the school whose administration should look (a school both share); the first shared one when absent. */
  schoolId: id.optional(),
});
export type CreateReportRequest = z.infer<typeof createReportRequest>;
export const createReportResponse = z.object({ data: z.object({ id }) });

/** A report as the school's administration sees it. */
export const reportView = z.object({
  id,
  createdAt: isoDateTime,
  reason: reportReason,
  /** «Опасность»: the administration was told at once, by push and notice. */
  urgent: z.boolean(),
  targetType: reportTarget,
  targetId: id,
  /** A message's chat (where a write ban or removal applies), and its name. */
  chat: z.object({ id, name: z.string() }).nullable(),
  /** The reported text as it was when reported. */
  excerpt: z.string(),
  comment: z.string().nullable(),
  reporter: personSummary,
  /** Who it is about. */
  subject: personSummary.nullable(),
  status: z.enum(['new', 'decided']),
  /** What was done (several at once: hidden and banned); empty while new. */
  outcomes: z.array(reportOutcome),
  decidedAt: isoDateTime.nullable(),
  decidedBy: personSummary.nullable(),
  can: z.object({
    decide: z.boolean(),
    /** Hide the item (a message, post, comment). */
    hide: z.boolean(),
    /** A write ban or removal needs a chat. */
    ban: z.boolean(),
    remove: z.boolean(),
  }),
});
export type ReportView = z.infer<typeof reportView>;

export const reportListQuery = z.object({ status: z.enum(['new', 'decided']).optional() });
export const reportListResponse = z.object({ data: z.array(reportView) });
export const reportDetailResponse = z.object({
  data: reportView.extend({
    /** For a message: the messages around it in its chat (hidden and deleted ones as their placeholders). */
    context: z.array(message),
  }),
});
export const reportBadgeResponse = z.object({ data: z.object({ count: z.number().int(), urgent: z.number().int() }) });

export const banDurations = ['1h', '1d', '1w'] as const;
export const banDuration = z.enum(banDurations);
export type BanDuration = z.infer<typeof banDuration>;

export const reportAction = z.enum(['hide', 'warn', 'ban', 'remove', 'dismiss']);
export type ReportAction = z.infer<typeof reportAction>;
export const decideReportRequest = z.object({
  /**
   * What to do, together: hide the item, warn the person, ban them from writing in the chat, remove them from the
   * chat; or `dismiss` alone.
   */
  actions: z.array(reportAction).min(1).max(4),
  /** For `ban`: 1 hour, 1 day, 1 week. */
  banFor: banDuration.optional(),
});
export type DecideReportRequest = z.infer<typeof decideReportRequest>;
export const reportResponse = z.object({ data: reportView });

/** «Мои жалобы»: what I reported and what came of it. */
export const myReport = z.object({
  id,
  createdAt: isoDateTime,
  reason: reportReason,
  targetType: reportTarget,
  excerpt: z.string(),
  status: z.enum(['new', 'decided']),
  outcomes: z.array(reportOutcome),
  decidedAt: isoDateTime.nullable(),
});
export const myReportsResponse = z.object({ data: z.array(myReport) });
export type MyReportsResponse = z.infer<typeof myReportsResponse>;

/** An in-app notice: the administration's warning to me, or (for administrators) an urgent report. */
export const safetyNotice = z.object({
  id,
  kind: z.enum(['warning', 'urgent_report']),
  createdAt: isoDateTime,
  schoolName: z.string().nullable(),
  reportId: id.nullable(),
});
export const noticesResponse = z.object({ data: z.array(safetyNotice) });

/** The school's safety settings. */
export const safetySettings = z.object({
  /** «Ученики пишут лично только одноклассникам и учителям класса». */
  studentsWriteWithinClass: z.boolean(),
  /** Messages one person may send to one chat in a minute. */
  messagesPerMinute: z.number().int().min(1).max(600),
});
export const safetySettingsResponse = z.object({ data: safetySettings });
export const updateSafetySettingsRequest = safetySettings.partial();

/** Blocks in a personal chat: whether I blocked the other person. */
export const blockResponse = z.object({ data: z.object({ blocked: z.boolean() }) });

/**
 * Events: `report.changed` to the school's administration (`school-admin:` room) for the badge and list, and to the
 * reporter's `user:` room when decided; `notice.created` to a person's `user:` room. Ids only: the client refetches.
 */
export const safetyEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('report.changed'), schoolId: id, reportId: id }),
  z.object({ type: z.literal('notice.created'), noticeId: id }),
]);
export type SafetyEvent = z.infer<typeof safetyEvent>;
