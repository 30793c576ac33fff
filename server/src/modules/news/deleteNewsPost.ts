import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { polls } from '../../db/chatSchema.js';
import { newsPostFiles, newsPosts } from '../../db/contentSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishNewsEvent } from './newsEvents.js';
import { authorizeNews, canDeleteItem } from './policy.js';
import { findPost } from './queries.js';

/**
 * The author or the school's administration deletes a post. It keeps its place as «Запись
 * удалена» on its page and leaves the feed; its text is blanked, its files are no longer shared
 * (the file grants read news_post_files of posts not deleted) and its poll is deleted with its votes.
 */
export async function deleteNewsPost(deps: Pick<AppDeps, 'db' | 'events' | 'clock'>, actor: Actor | null, postId: string): Promise<void> {
  requireActor(actor);
  const post = await findPost(deps.db, postId);
  if (!post) throw notFound();
  authorizeNews(actor, 'view', post);
  if (!canDeleteItem(actor, post)) throw new AppError('forbidden');
  if (post.deletedAt) return;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.update(newsPosts).set({ text: '', deletedAt: now, deletedBy: actor.userId }).where(eq(newsPosts.id, postId));
    await tx.delete(newsPostFiles).where(eq(newsPostFiles.postId, postId));
    // A poll attached nowhere is a 404 for everyone anyway; its votes go with it.
    if (post.pollId) await tx.delete(polls).where(eq(polls.id, post.pollId));
  });
  await publishNewsEvent(deps, post.schoolId, { type: 'news.deleted', feed: post.feed, postId });
}
