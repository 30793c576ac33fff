import { z } from 'zod';
import { attachment } from './chats.js';
import { id, isoDateTime, personSummary, role } from './common.js';

/*
 * ORG-9 «Обращения в школу»: a member (student, parent, teacher) writes to the school's administration (admins and
 * leaders), who take it into work, answer and close. A student may write anonymously: then the school never learns
 * who wrote, through any endpoint or event; only the platform's operator can see it (for abuse).
 */

export const appealLimits = { text: 5000, files: 5 } as const;

/** «Расписание», «Питание», «Безопасность», «Другое». */
export const appealTopic = z.enum(['schedule', 'food', 'safety', 'other']);
export type AppealTopic = z.infer<typeof appealTopic>;

/** Новое · В работе · Есть ответ · Закрыто. */
export const appealState = z.enum(['new', 'in_work', 'answered', 'closed']);
export type AppealState = z.infer<typeof appealState>;

export const createAppealRequest = z.object({
  topic: appealTopic,
  text: z.string().trim().min(1).max(appealLimits.text),
  /** The author's own uploads (POST /api/files). */
  fileIds: z.array(id).max(appealLimits.files).default([]),
  /** Students only: the administration does not see who wrote. */
  anonymous: z.boolean().default(false),
});
export type CreateAppealRequest = z.input<typeof createAppealRequest>;

export const appealMessageRequest = z.object({ text: z.string().trim().min(1).max(appealLimits.text) });

export const appealSummary = z.object({
  id,
  schoolId: id,
  topic: appealTopic,
  state: appealState,
  excerpt: z.string(),
  anonymous: z.boolean(),
  /** Who wrote: null when anonymous (unless the viewer is the author or the platform's operator). */
  author: personSummary.nullable(),
  /** The author's role in the school; null when anonymous to the viewer. */
  authorRole: role.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type AppealSummary = z.infer<typeof appealSummary>;

export const appealMessage = z.object({
  id,
  /** True: the administration's answer; false: the author's words. */
  fromSchool: z.boolean(),
  /** The administrator who answered; null for the author's own words (the author is shown as «Автор»). */
  by: personSummary.nullable(),
  text: z.string(),
  createdAt: isoDateTime,
});

export const appealDetail = appealSummary.extend({
  text: z.string(),
  files: z.array(attachment),
  messages: z.array(appealMessage),
  /** True when the viewer wrote it. */
  mine: z.boolean(),
  can: z.object({ take: z.boolean(), answer: z.boolean(), reply: z.boolean(), close: z.boolean() }),
});
export type AppealDetail = z.infer<typeof appealDetail>;
export const appealResponse = z.object({ data: appealDetail });

export const appealsQuery = z.object({ state: appealState.optional() });
export const appealsResponse = z.object({
  data: z.object({
    /** The viewer's own appeals to this school. */
    mine: z.array(appealSummary),
    /** The school's appeals, for its administration; null for everyone else. */
    inbox: z.array(appealSummary).nullable(),
  }),
  can: z.object({ create: z.boolean(), anonymous: z.boolean(), manage: z.boolean() }),
});
export type AppealsResponse = z.infer<typeof appealsResponse>;

/** New appeals waiting for the administration (0 for everyone else). */
export const appealsBadgeResponse = z.object({ data: z.object({ count: z.number().int() }) });

/**
 * In the `user:` rooms of the author and of the school's administration: an appeal changed. Ids only (never the
 * author: an anonymous appeal's author must not reach the school).
 */
export const appealEvent = z.object({ type: z.literal('appeal.changed'), appealId: id, schoolId: id });
export type AppealEvent = z.infer<typeof appealEvent>;
