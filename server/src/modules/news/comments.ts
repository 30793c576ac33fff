import { type NewsComment, newsLimits } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { newsComments } from '../../db/contentSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishNewsEvent } from './newsEvents.js';
import { authorizeNews, canDeleteItem, canNews } from './policy.js';
import { commentColumns, findPost, loadComments } from './queries.js';

/**
 * NEWS-2: comments under a community post, oldest first. The channel has no comments (the guide
 * does not ask for them, and the administration's announcements are not a discussion); a deleted
 * post shows none.
 */
export async function listNewsComments(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor | null,
  postId: string,
): Promise<{ data: NewsComment[]; can: { comment: boolean } }> {
  requireActor(actor);
  const post = await findPost(deps.db, postId);
  if (!post) throw notFound();
  authorizeNews(actor, 'view', post);
  if (post.feed !== 'community' || post.deletedAt) return { data: [], can: { comment: false } };
  const data = await loadComments(deps.db, actor, post, eq(newsComments.postId, postId));
  return { data, can: { comment: canNews(actor, 'comment', post) } };
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
  const text = rawText.trim();
  if (text.length === 0) throw new AppError('invalid_input', { fields: [{ path: 'text', message: 'empty' }] });
  if (text.length > newsLimits.commentMax) throw new AppError('invalid_input', { fields: [{ path: 'text', message: 'too_long' }] });
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
