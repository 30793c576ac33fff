import { z } from 'zod';
import { attachment, pollView } from './chats.js';
import { id, isoDateTime, personSummary } from './common.js';

/**
 * ART-1..5 «Статьи»: formatted texts of a school (bold, italic, headings, lists, quotes, links,
 * pictures), with a cover, attached photos, videos and polls. Administration (admin, leader) and
 * teachers write; every member reads what is published; a draft is seen by its author and the
 * administration only.
 */
export const articleStatus = z.enum(['draft', 'published']);
export type ArticleStatus = z.infer<typeof articleStatus>;

export const articleLimits = {
  titleMax: 200,
  /** The HTML the editor sends, before sanitizing. */
  bodyMax: 200_000,
  filesMax: 30,
  pollsMax: 5,
  excerptMax: 240,
  pageMax: 50,
  queryMax: 200,
} as const;

/** What I may do with an article: the UI shows controls by these, never by roles. */
export const articleAbilities = z.object({
  /** Change the text, cover, files and polls: the author and the school's administration. */
  edit: z.boolean(),
  delete: z.boolean(),
  /** «Опубликовать»: a draft, by those who may edit it. */
  publish: z.boolean(),
});

/** An article in a list: cover, title, excerpt, author, date. */
export const articleSummary = z.object({
  id,
  schoolId: id,
  /** Plain text, never markup. */
  title: z.string(),
  /** The first words of the text, plain. */
  excerpt: z.string(),
  /** The cover image (shown through /api/files/:id/preview), or null. */
  cover: attachment.nullable(),
  /** null when the author's account is gone. */
  author: personSummary.nullable(),
  status: articleStatus,
  publishedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
  createdAt: isoDateTime,
  can: articleAbilities,
});
export type ArticleSummary = z.infer<typeof articleSummary>;

/** An article to read or edit. */
export const articleDetails = articleSummary.extend({
  /**
   * The text as sanitized HTML (allow-listed tags only; links http/https/mailto; pictures only from
   * /api/files/…). Render it through DOMPurify anyway.
   */
  bodyHtml: z.string(),
  /** Attached photos and videos (not those shown inside the text), in their order. */
  attachments: z.array(attachment),
  /** Attached polls, in their order, with current counts; each is served by /api/polls/:id. */
  polls: z.array(pollView),
});
export type ArticleDetails = z.infer<typeof articleDetails>;

/** GET /api/schools/:schoolId/articles */
export const articleListQuery = z.object({
  /** Words to find (Russian morphology: «урок» finds «уроки»); empty lists all, newest first. */
  q: z.string().trim().max(articleLimits.queryMax).optional(),
  /** true: the drafts I may see (mine; all of the school's for the administration) instead of published articles. */
  drafts: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(articleLimits.pageMax).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export const articleListResponse = z.object({
  data: z.array(articleSummary),
  hasMore: z.boolean(),
  can: z.object({
    /** «+»: administration and teachers of the school. */
    create: z.boolean(),
  }),
});
export type ArticleListResponse = z.infer<typeof articleListResponse>;

const title = z.string().trim().min(1).max(articleLimits.titleMax);
const bodyHtml = z.string().max(articleLimits.bodyMax);

/**
 * POST /api/schools/:schoolId/articles — «Сохранить»: a new draft. Files (cover, pictures in the
 * text, attachments) must be my own uploads (POST /api/files) or already in this article.
 */
export const createArticleRequest = z.object({
  title,
  bodyHtml: bodyHtml.default(''),
  /** «Публикация» → «Загрузить изображение»: an image. */
  coverFileId: id.nullable().default(null),
  /** Attached photos and videos, in their order. */
  fileIds: z.array(id).max(articleLimits.filesMax).default([]),
});
export type CreateArticleRequest = z.input<typeof createArticleRequest>;

/** PATCH /api/articles/:id — only the fields given change; fileIds replaces the attachments. */
export const updateArticleRequest = z.object({
  title: title.optional(),
  bodyHtml: bodyHtml.optional(),
  coverFileId: id.nullable().optional(),
  fileIds: z.array(id).max(articleLimits.filesMax).optional(),
});
export type UpdateArticleRequest = z.input<typeof updateArticleRequest>;

export const articleResponse = z.object({ data: articleDetails });
export type ArticleResponse = z.infer<typeof articleResponse>;

/**
 * Published to `school:<schoolId>` after commit; ids only, the client refetches what it may see.
 * `article.published` when a draft is published; `article.updated` / `article.deleted` only for
 * articles already published (drafts concern nobody else).
 */
export const articleEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('article.published'), articleId: id }),
  z.object({ type: z.literal('article.updated'), articleId: id }),
  z.object({ type: z.literal('article.deleted'), articleId: id }),
]);
export type ArticleEvent = z.infer<typeof articleEvent>;
