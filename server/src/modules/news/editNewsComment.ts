import type { NewsComment } from '@parta/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { newsComments } from '../../db/contentSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishNewsEvent } from './newsEvents.js';
import { authorizeNews, canEditComment } from './policy.js';
import { commentColumns, findPost, loadComments } from './queries.js';
import { commentText } from './texts.js';

/**
 * NEWS-2: the comment's author corrects it, with the limits of commenting; the administration may
 * delete a comment but not reword it. Members hear `news.commentUpdated` after commit. A deleted
 * comment, or one under a deleted post, is not there (404); the same text again changes nothing.
 */
export async function editNewsComment(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor | null,
  commentId: string,
  rawText: string,
): Promise<NewsComment> {
  requireActor(actor);
  const [comment] = await deps.db.select(commentColumns).from(newsComments).where(eq(newsComments.id, commentId));
  const post = comment ? await findPost(deps.db, comment.postId) : null;
  if (!comment || comment.deletedAt || !post || post.deletedAt) throw notFound();
  authorizeNews(actor, 'view', post);
  if (!canEditComment(actor, { ...post, authorId: comment.authorId })) throw new AppError('forbidden');
  const text = commentText(rawText);
  if (text !== comment.text) {
    const [row] = await deps.db
      .update(newsComments)
      .set({ text, editedAt: deps.clock.now() })
      .where(and(eq(newsComments.id, commentId), isNull(newsComments.deletedAt)))
      .returning({ id: newsComments.id });
    if (!row) throw notFound();
    await publishNewsEvent(deps, post.schoolId, { type: 'news.commentUpdated', feed: post.feed, postId: post.id, commentId });
  }
  const [fresh] = await loadComments(deps.db, actor, post, eq(newsComments.id, commentId));
  if (!fresh) throw notFound();
  return fresh;
}
