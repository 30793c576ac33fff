import { z } from 'zod';
import { attachment, pollView } from './chats.js';
import { id, isoDateTime, personSummary } from './common.js';
import { newsLimits } from './constants.js';
import { createPollRequest } from './polls.js';

/**
 * NEWS-1 «канал школы»: the administration posts, every member reads.
 * NEWS-2 «закрытая группа»: the school's community, where teachers, students and the administration
 * post and comment; parents read it but do not write.
 */
export const newsFeed = z.enum(['channel', 'community']);
export type NewsFeed = z.infer<typeof newsFeed>;

export { newsLimits } from './constants.js';

/** What I may do with one post: the UI shows controls by these, never by roles. */
export const newsPostAbilities = z.object({
  /** The author and the school's administration (admin, leader). */
  delete: z.boolean(),
  /** The author (while they may still post in the feed) and the school's administration. */
  edit: z.boolean(),
  /** Community posts only; members other than parents. */
  comment: z.boolean(),
});

export const newsPost = z.object({
  id,
  schoolId: id,
  feed: newsFeed,
  /** null when the author's account is gone. */
  author: personSummary.nullable(),
  /** Plain text; the client renders links safely, never as HTML. Empty when deleted. */
  text: z.string(),
  /** Photos (with previews) and files, in their order. Empty when deleted. */
  attachments: z.array(attachment),
  /** A poll attached to the post, with its current counts. */
  poll: pollView.nullable(),
  createdAt: isoDateTime,
  /** When the text or files were last changed; null if never. Shown as «изменено». */
  editedAt: isoDateTime.nullable(),
  deleted: z.boolean(),
  /** Comments not deleted. */
  commentCount: z.number().int(),
  /** Newer than my read mark of this feed (never my own posts). */
  isNew: z.boolean(),
  can: newsPostAbilities,
});
export type NewsPost = z.infer<typeof newsPost>;

/** What I may do in a feed. */
export const newsFeedAbilities = z.object({
  /** Channel: admin and leader. Community: every member but parents. */
  post: z.boolean(),
  /** Attach a poll (the channel's authors; in the community, adults only). */
  poll: z.boolean(),
});
export type NewsFeedAbilities = z.infer<typeof newsFeedAbilities>;

/** GET /api/schools/:schoolId/news — newest first, keyset-paged. */
export const newsListQuery = z.object({
  feed: newsFeed,
  /** The last post of the page already shown: only older posts come. */
  before: id.optional(),
  limit: z.coerce.number().int().min(1).max(newsLimits.pageMax).default(20),
});
export const newsListResponse = z.object({
  data: z.array(newsPost),
  /** Whether older posts remain: ask again with before = the last post's id. */
  hasMore: z.boolean(),
  can: newsFeedAbilities,
});
export type NewsListResponse = z.infer<typeof newsListResponse>;

/**
 * POST /api/schools/:schoolId/news. Text up to 4000 characters, trimmed; it may be empty only when
 * files or a poll come with it. Files must be the poster's own uploads (POST /api/files).
 */
export const createNewsPostRequest = z.object({
  feed: newsFeed,
  text: z.string().default(''),
  fileIds: z.array(id).max(newsLimits.filesMax).default([]),
  /** A poll posted with the news: the same fields as a poll in a chat. */
  poll: createPollRequest.optional(),
});
export type CreateNewsPostRequest = z.input<typeof createNewsPostRequest>;

export const newsPostResponse = z.object({ data: newsPost });

/**
 * PATCH /api/news/:postId. The same limits as posting: text up to 4000 characters, trimmed, empty
 * only when files or a poll stay. `fileIds` (when given) is the post's new list of files, in order:
 * files it already has, and the editor's own uploads. The poll is not changed by an edit.
 */
export const updateNewsPostRequest = z.object({
  text: z.string(),
  fileIds: z.array(id).max(newsLimits.filesMax).optional(),
});
export type UpdateNewsPostRequest = z.input<typeof updateNewsPostRequest>;

export const newsComment = z.object({
  id,
  postId: id,
  author: personSummary.nullable(),
  /** Plain text; empty when deleted. */
  text: z.string(),
  createdAt: isoDateTime,
  /** When its author last changed it; null if never. Shown as «изменено». */
  editedAt: isoDateTime.nullable(),
  deleted: z.boolean(),
  can: z.object({
    /** The author and the school's administration. */
    delete: z.boolean(),
    /** Its author only, while they may still comment. */
    edit: z.boolean(),
  }),
});
export type NewsComment = z.infer<typeof newsComment>;

/**
 * GET /api/news/:postId/comments — keyset pages on (created_at, id). Without a cursor: the newest
 * `limit`; `before` = the oldest comment shown: the ones just older; `after` = the newest comment
 * shown: the ones just newer (what arrived meanwhile). Never both.
 */
export const newsCommentsQuery = z
  .object({
    before: id.optional(),
    after: id.optional(),
    limit: z.coerce.number().int().min(1).max(newsLimits.commentPageMax).default(newsLimits.commentPage),
  })
  .refine((q) => !(q.before && q.after), { message: 'before_and_after', path: ['after'] });
export type NewsCommentsQuery = z.input<typeof newsCommentsQuery>;

/** A page of comments, oldest first within the page. */
export const newsCommentsResponse = z.object({
  data: z.array(newsComment),
  /** More remain in the direction asked: older ones (no cursor, or `before`), newer ones (`after`). */
  hasMore: z.boolean(),
  can: z.object({ comment: z.boolean() }),
});
export type NewsCommentsResponse = z.infer<typeof newsCommentsResponse>;
export const createNewsCommentRequest = z.object({ text: z.string() });
/** PATCH /api/news/comments/:commentId: the same limits as commenting (1–2000 characters, trimmed). */
export const updateNewsCommentRequest = z.object({ text: z.string() });
export const newsCommentResponse = z.object({ data: newsComment });

/** POST /api/schools/:schoolId/news/read: the mark moves to this post (the newest shown), or to now. */
export const markNewsReadRequest = z.object({ feed: newsFeed, postId: id.optional() });

/** GET /api/schools/:schoolId/news/unread: posts newer than my mark, per feed. */
export const newsUnread = z.object({ channel: z.number().int(), community: z.number().int() });
export type NewsUnread = z.infer<typeof newsUnread>;
export const newsUnreadResponse = z.object({ data: newsUnread });

/**
 * Published to `school:<schoolId>` after commit. Ids only: the client refetches what it may see.
 */
export const newsEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('news.posted'), feed: newsFeed, postId: id, authorId: id.nullable() }),
  z.object({ type: z.literal('news.deleted'), feed: newsFeed, postId: id }),
  /** Its text or files were edited. */
  z.object({ type: z.literal('news.updated'), feed: newsFeed, postId: id }),
  z.object({ type: z.literal('news.commented'), feed: newsFeed, postId: id, commentId: id }),
  z.object({ type: z.literal('news.commentDeleted'), feed: newsFeed, postId: id, commentId: id }),
  z.object({ type: z.literal('news.commentUpdated'), feed: newsFeed, postId: id, commentId: id }),
]);
export type NewsEvent = z.infer<typeof newsEvent>;
