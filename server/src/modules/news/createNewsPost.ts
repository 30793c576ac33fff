import type { createNewsPostRequest, NewsPost } from '@parta/contracts';
import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { files } from '../../db/chatSchema.js';
import { newsPostFiles, newsPosts } from '../../db/contentSchema.js';
import type { Actor } from '../../policy/actor.js';
import { insertPoll } from '../polls/insertPoll.js';
import { publishNewsEvent } from './newsEvents.js';
import { authorizeNews } from './policy.js';
import { loadPost } from './queries.js';
import { invalid, postText } from './texts.js';

export type CreateNewsPostInput = z.infer<typeof createNewsPostRequest>;

/**
 * NEWS-1: the administration posts in the channel; NEWS-2: members but parents post in the
 * community. Text (trimmed, up to 4000 characters) with photos and files the poster uploaded
 * themselves, and optionally a poll (the polls module's, voted on by every member); empty text
 * only with something attached. The post, its files and its poll are written in one transaction;
 * members hear `news.posted` after commit.
 */
export async function createNewsPost(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor | null,
  schoolId: string,
  input: CreateNewsPostInput,
): Promise<NewsPost> {
  const where = { schoolId, feed: input.feed };
  authorizeNews(actor, 'post', where);
  if (input.poll) authorizeNews(actor, 'poll', where);
  const fileIds = [...new Set(input.fileIds)];
  const text = postText(input.text, { files: fileIds.length, poll: !!input.poll });

  const postId = await deps.db.transaction(async (tx) => {
    if (fileIds.length > 0) {
      // Only one's own uploads: a file id seen elsewhere must not be re-shared with the whole school.
      const owned = await tx.select({ id: files.id, ownerId: files.ownerId }).from(files).where(inArray(files.id, fileIds));
      if (owned.length !== fileIds.length || owned.some((f) => f.ownerId !== actor.userId)) throw invalid('fileIds', 'not_your_file');
    }
    const pollId = input.poll ? await insertPoll(tx, actor.userId, input.poll, { now: deps.clock.now() }) : null;
    const [post] = await tx
      .insert(newsPosts)
      .values({ schoolId, feed: input.feed, authorId: actor.userId, text, pollId })
      .returning({ id: newsPosts.id });
    if (!post) throw new Error('news post not inserted');
    if (fileIds.length > 0) {
      await tx.insert(newsPostFiles).values(fileIds.map((fileId, position) => ({ postId: post.id, fileId, position })));
    }
    return post.id;
  });
  await publishNewsEvent(deps, schoolId, { type: 'news.posted', feed: input.feed, postId, authorId: actor.userId });
  const post = await loadPost(deps.db, actor, postId, deps.clock.now());
  if (!post) throw new Error('news post not found after insert');
  return post;
}
