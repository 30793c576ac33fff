import { z } from 'zod';
import { attachment, pollView } from './chats.js';
import { id, isoDateTime, personSummary } from './common.js';
import { createPollRequest } from './polls.js';

/**
 * NEWS-1 «канал школы»: the administration posts, every member reads.
 * NEWS-2 «закрытая группа»: the school's community, where teachers, students and the administration
 * post and comment; parents read it but do not write.
 */
export const newsFeed = z.enum(['channel', 'community']);
export type NewsFeed = z.infer<typeof newsFeed>;

export const newsLimits = { textMax: 4000, commentMax: 2000, filesMax: 10, pageMax: 50 } as const;

/** What I may do with one post: the UI shows controls by these, never by roles. */
export const newsPostAbilities = z.object({
  /** The author and the school's administration (admin, leader). */
  delete: z.boolean(),
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

export const newsComment = z.object({
  id,
  postId: id,
  author: personSummary.nullable(),
  /** Plain text; empty when deleted. */
  text: z.string(),
  createdAt: isoDateTime,
  deleted: z.boolean(),
  can: z.object({ delete: z.boolean() }),
});
export type NewsComment = z.infer<typeof newsComment>;

/** GET /api/news/:postId/comments: oldest first. */
export const newsCommentsResponse = z.object({
  data: z.array(newsComment),
  can: z.object({ comment: z.boolean() }),
});
export const createNewsCommentRequest = z.object({ text: z.string() });
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
  z.object({ type: z.literal('news.commented'), feed: newsFeed, postId: id, commentId: id }),
  z.object({ type: z.literal('news.commentDeleted'), feed: newsFeed, postId: id, commentId: id }),
]);
export type NewsEvent = z.infer<typeof newsEvent>;
