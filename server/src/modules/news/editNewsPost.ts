import type { NewsPost, UpdateNewsPostRequest } from '@parta/contracts';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { files } from '../../db/chatSchema.js';
import { newsPostFiles, newsPosts } from '../../db/contentSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishNewsEvent } from './newsEvents.js';
import { authorizeNews, canEditPost } from './policy.js';
import { findPost, loadPost } from './queries.js';
import { invalid, postText } from './texts.js';

/**
 * The author (or the school's administration) corrects a post: its text and, when `fileIds` comes,
 * its files — those it already has, in any order, and the editor's own new uploads. A file taken
 * out is no longer shared (the grants read news_post_files). The poll stays as it is: its votes were
 * cast on its question. Checked as posting is; members hear `news.updated` after commit. A deleted
 * post is not there (404); an edit that changes nothing is not an edit (no «изменено», no event).
 */
export async function editNewsPost(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor | null,
  postId: string,
  input: UpdateNewsPostRequest,
): Promise<NewsPost> {
  requireActor(actor);
  const post = await findPost(deps.db, postId);
  if (!post || post.deletedAt) throw notFound();
  authorizeNews(actor, 'view', post);
  if (!canEditPost(actor, post)) throw new AppError('forbidden');

  const current = (
    await deps.db.select({ fileId: newsPostFiles.fileId }).from(newsPostFiles).where(eq(newsPostFiles.postId, postId)).orderBy(asc(newsPostFiles.position))
  ).map((r) => r.fileId);
  const fileIds = input.fileIds ? [...new Set(input.fileIds)] : current;
  const text = postText(input.text, { files: fileIds.length, poll: post.pollId !== null });
  const added = fileIds.filter((f) => !current.includes(f));
  if (added.length > 0) {
    // As when posting: only one's own uploads, so that an id seen elsewhere is not shared with the school.
    const owned = await deps.db.select({ id: files.id, ownerId: files.ownerId }).from(files).where(inArray(files.id, added));
    if (owned.length !== added.length || owned.some((f) => f.ownerId !== actor.userId)) throw invalid('fileIds', 'not_your_file');
  }
  const filesChanged = fileIds.length !== current.length || fileIds.some((f, i) => f !== current[i]);
  const now = deps.clock.now();
  if (text !== post.text || filesChanged) {
    const updated = await deps.db.transaction(async (tx) => {
      // Deleted meanwhile: nothing to edit.
      const [row] = await tx
        .update(newsPosts)
        .set({ text, editedAt: now })
        .where(and(eq(newsPosts.id, postId), isNull(newsPosts.deletedAt)))
        .returning({ id: newsPosts.id });
      if (!row) return false;
      if (filesChanged) {
        await tx.delete(newsPostFiles).where(eq(newsPostFiles.postId, postId));
        if (fileIds.length > 0) await tx.insert(newsPostFiles).values(fileIds.map((fileId, position) => ({ postId, fileId, position })));
      }
      return true;
    });
    if (!updated) throw notFound();
    await publishNewsEvent(deps, post.schoolId, { type: 'news.updated', feed: post.feed, postId });
  }
  const fresh = await loadPost(deps.db, actor, postId, now);
  if (!fresh) throw notFound();
  return fresh;
}
