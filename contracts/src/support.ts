import { z } from 'zod';
import { attachment } from './chats.js';
import { id, isoDateTime, personSummary, role } from './common.js';

/*
 * SUP-1 «Помощь»: a person's question to the platform's support (text and up to 5 screenshots), the conversation
 * with the operator, and SUP-2 «Обратная связь»: what is missing on the platform. Answers are plain text: stored as
 * typed and shown as text, never as HTML.
 */

export const supportLimits = { text: 5000, feedback: 2000, files: 5, device: 300 } as const;

/** Новый (waits for support) · Отвечен · Нужно уточнение (support asked back) · Закрыт. */
export const questionState = z.enum(['new', 'answered', 'clarify', 'closed']);
export type QuestionState = z.infer<typeof questionState>;

export const askQuestionRequest = z.object({
  /** The FAQ section the question was asked from (its key in the web app's help content). */
  section: z.string().trim().min(1).max(64),
  text: z.string().trim().min(1).max(supportLimits.text),
  /** Screenshots: the asker's own uploads (POST /api/files). */
  fileIds: z.array(id).max(supportLimits.files).default([]),
  /** The school the asker was in when asking (its role is recorded with it); absent: their first school. */
  schoolId: id.nullable().optional(),
  /** The screen size, as «390×844». */
  screen: z.string().max(supportLimits.device).default(''),
  /** The web app's version. */
  appVersion: z.string().max(supportLimits.device).default(''),
});
export type AskQuestionRequest = z.input<typeof askQuestionRequest>;

export const supportMessageRequest = z.object({
  text: z.string().trim().min(1).max(supportLimits.text),
  /** The operator asks back («Нужно уточнение») instead of answering. */
  askBack: z.boolean().default(false),
});
export type SupportMessageRequest = z.input<typeof supportMessageRequest>;

/** One line of a question in a list. */
export const questionSummary = z.object({
  id,
  section: z.string(),
  /** The question's beginning. */
  excerpt: z.string(),
  state: questionState,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** The desk only: who asked and from where; null in the asker's own list. */
  asker: personSummary.nullable(),
  schoolName: z.string().nullable(),
  role: role.nullable(),
});
export type QuestionSummary = z.infer<typeof questionSummary>;

export const supportMessage = z.object({
  id,
  /** True: written by the platform's support (shown as «Поддержка»); false: by the asker. */
  fromSupport: z.boolean(),
  /** Plain text. */
  text: z.string(),
  createdAt: isoDateTime,
});

export const questionDetail = questionSummary.extend({
  text: z.string(),
  files: z.array(attachment),
  messages: z.array(supportMessage),
  /** Where the question was sent from: the browser's user agent, screen size and the app's version. */
  device: z.object({ userAgent: z.string(), screen: z.string(), appVersion: z.string() }),
  can: z.object({ reply: z.boolean(), answer: z.boolean(), close: z.boolean() }),
});
export type QuestionDetail = z.infer<typeof questionDetail>;

export const questionResponse = z.object({ data: questionDetail });
export const myQuestionsResponse = z.object({ data: z.array(questionSummary) });

export const deskQuery = z.object({
  state: questionState.optional(),
  schoolId: id.optional(),
});
export const deskResponse = z.object({ data: z.array(questionSummary) });

/** The operator's menu: questions waiting for support and feedback received. */
export const supportBadgeResponse = z.object({ data: z.object({ unanswered: z.number().int(), feedback: z.number().int() }) });

export const feedbackRequest = z.object({ text: z.string().trim().min(1).max(supportLimits.feedback) });
export const feedbackItem = z.object({
  id,
  text: z.string(),
  author: personSummary,
  schoolName: z.string().nullable(),
  role: role.nullable(),
  createdAt: isoDateTime,
});
export const feedbackResponse = z.object({ data: feedbackItem });
export const feedbackListResponse = z.object({ data: z.object({ total: z.number().int(), items: z.array(feedbackItem) }) });

/**
 * In the asker's and the operators' `user:` rooms (a `user` frame): a question changed (asked, answered, replied to,
 * closed). Ids only: each refetches what they may see.
 */
export const supportEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('support.changed'), questionId: id }),
  /** Operators only: new feedback came (the desk's count moves). */
  z.object({ type: z.literal('support.feedback') }),
]);
export type SupportEvent = z.infer<typeof supportEvent>;
