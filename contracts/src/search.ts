import { z } from 'zod';
import { chatKind } from './chats.js';
import { id, isoDateTime, personSummary } from './common.js';
import { searchLimits } from './constants.js';

/**
 * SRCH-1: one search box over what a person may see — messages of their chats, documents and
 * videos, articles and news of their schools — in PostgreSQL's `russian` configuration, so «урок»
 * finds «уроки» and «уроком», «альбомы» finds «альбом». Each kind comes ranked on its own (ts_rank
 * over all its matches), best first, and pages on with `next`.
 */
export const searchTypes = ['messages', 'documents', 'articles', 'news'] as const;
export const searchType = z.enum(searchTypes);
export type SearchType = z.infer<typeof searchType>;

export { searchLimits } from './constants.js';

/**
 * GET /api/search?q=&type=&limit=&cursor=. `q` is read like a web search box (websearch_to_tsquery):
 * words, "a phrase", `or`, `-word`; each word also finds its other forms. `type` narrows to one kind;
 * `limit` is per kind. `cursor` (with `type` only) is a `next` of an earlier answer: the page after it,
 * in the same order, so paging neither repeats nor skips a result even while new ones arrive.
 */
export const searchQuery = z
  .object({
    q: z.string().trim().min(1).max(searchLimits.queryMax),
    type: searchType.optional(),
    limit: z.coerce.number().int().min(1).max(searchLimits.perTypeMax).default(searchLimits.perTypeDefault),
    cursor: z.string().min(1).max(searchLimits.cursorMax).optional(),
  })
  .refine((v) => !v.cursor || v.type, { path: ['cursor'], message: 'cursor needs type' });
export type SearchQuery = z.input<typeof searchQuery>;

/**
 * Text with the matched words marked (from ts_headline). Plain text pieces: the client shows hits
 * as highlighted text and never as markup.
 */
export const highlightedText = z.array(z.object({ text: z.string(), hit: z.boolean() }));
export type HighlightedText = z.infer<typeof highlightedText>;

/** A message of one of my chats; opens the chat. */
export const messageHit = z.object({
  id,
  chatId: id,
  chatKind,
  /** For a personal chat: the other person's name. */
  chatName: z.string(),
  author: personSummary,
  createdAt: isoDateTime,
  snippet: highlightedText,
});
export type MessageHit = z.infer<typeof messageHit>;

/** DOC-1/DOC-3: a document or a video of one of my schools; opens the school's «Документы» or «Видео». */
export const documentHit = z.object({
  id,
  kind: z.enum(['document', 'video']),
  schoolId: id,
  schoolName: z.string(),
  title: highlightedText,
  fileId: id,
  createdAt: isoDateTime,
});
export type DocumentHit = z.infer<typeof documentHit>;

/** ART-5: an article of one of my schools (a draft only for its author and the administration). */
export const articleHit = z.object({
  id,
  schoolId: id,
  schoolName: z.string(),
  status: z.enum(['draft', 'published']),
  title: highlightedText,
  excerpt: highlightedText,
  /** Publication time; the last change for a draft. */
  date: isoDateTime,
});
export type ArticleHit = z.infer<typeof articleHit>;

/** NEWS-1/NEWS-2: a post of my school's channel or community. */
export const newsHit = z.object({
  id,
  schoolId: id,
  schoolName: z.string(),
  feed: z.enum(['channel', 'community']),
  author: personSummary.nullable(),
  createdAt: isoDateTime,
  snippet: highlightedText,
});
export type NewsHit = z.infer<typeof newsHit>;

export const searchResults = z.object({
  messages: z.array(messageHit),
  documents: z.array(documentHit),
  articles: z.array(articleHit),
  news: z.array(newsHit),
});
export type SearchResults = z.infer<typeof searchResults>;

export const searchResponse = z.object({
  data: searchResults,
  /** Per kind: more matches than `limit`. */
  more: z.object({ messages: z.boolean(), documents: z.boolean(), articles: z.boolean(), news: z.boolean() }),
  /** Per kind: the `cursor` of the next page (ask with `type`), or null when this was the last. */
  next: z.object({ messages: z.string().nullable(), documents: z.string().nullable(), articles: z.string().nullable(), news: z.string().nullable() }),
});
export type SearchResponse = z.infer<typeof searchResponse>;
