import type { NewsComment, NewsCommentsResponse } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { newsComments } from '../../db/contentSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishNewsEvent } from './newsEvents.js';
import { authorizeNews, canDeleteItem, canNews } from './policy.js';
import { commentColumns, commentPage, findPost, loadComments } from './queries.js';
import { commentText } from './texts.js';

/**
 * NEWS-2: comments under a community post, a page at a time: the newest first, then older ones
 * before the oldest shown, or newer ones after the newest shown (see `commentPage`). The channel has
 * no comments (the guide does not ask for them, and the administration's announcements are not a
 * discussion); a deleted post shows none.
 */
export async function listNewsComments(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor | null,
  postId: string,
  q: { before?: string | undefined; after?: string | undefined; limit: number },
): Promise<NewsCommentsResponse> {
  requireActor(actor);
  const post = await findPost(deps.db, postId);
  if (!post) throw notFound();
  authorizeNews(actor, 'view', post);
  if (post.feed !== 'community' || post.deletedAt) return { data: [], hasMore: false, can: { comment: false } };
  const page = await commentPage(deps.db, actor, post, q);
  return { ...page, can: { comment: canNews(actor, 'comment', post) } };
}

/** One comment as its post's readers see it (a screen refreshes the one a live event names). */
export async function getNewsComment(deps: Pick<AppDeps, 'db'>, actor: Actor | null, commentId: string): Promise<NewsComment> {
  requireActor(actor);
  const [row] = await deps.db.select({ postId: newsComments.postId }).from(newsComments).where(eq(newsComments.id, commentId));
  const post = row ? await findPost(deps.db, row.postId) : null;
  if (!post || post.deletedAt) throw notFound();
  authorizeNews(actor, 'view', post);
  const [comment] = await loadComments(deps.db, actor, post, eq(newsComments.id, commentId));
  if (!comment) throw notFound();
  return comment;
}

/** NEWS-2: a member but a parent comments under a community post; members hear `news.commented`. */
export async function createNewsComment(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  postId: string,
  rawText: string,
): Promise<NewsComment> {
  requireActor(actor);
  const post = await findPost(deps.db, postId);
  if (!post) throw notFound();
  authorizeNews(actor, 'comment', post);
  if (post.deletedAt) throw notFound();
  const text = commentText(rawText);
  const [row] = await deps.db.insert(newsComments).values({ postId, authorId: actor.userId, text }).returning({ id: newsComments.id });
  if (!row) throw new Error('comment not inserted');
  await publishNewsEvent(deps, post.schoolId, { type: 'news.commented', feed: post.feed, postId, commentId: row.id });
  const [comment] = await loadComments(deps.db, actor, post, eq(newsComments.id, row.id));
  if (!comment) throw new Error('comment not found after insert');
  return comment;
}

/** The comment's author or the school's administration deletes it; it stays as «Комментарий удалён». */
export async function deleteNewsComment(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor | null,
  commentId: string,
): Promise<void> {
  requireActor(actor);
  const [comment] = await deps.db.select(commentColumns).from(newsComments).where(eq(newsComments.id, commentId));
  if (!comment) throw notFound();
  const post = await findPost(deps.db, comment.postId);
  if (!post) throw notFound();
  authorizeNews(actor, 'view', post);
  if (!canDeleteItem(actor, { ...post, authorId: comment.authorId })) throw new AppError('forbidden');
  if (comment.deletedAt) return;
  await deps.db
    .update(newsComments)
    .set({ text: '', deletedAt: deps.clock.now(), deletedBy: actor.userId })
    .where(eq(newsComments.id, commentId));
  await publishNewsEvent(deps, post.schoolId, { type: 'news.commentDeleted', feed: post.feed, postId: post.id, commentId });
}
