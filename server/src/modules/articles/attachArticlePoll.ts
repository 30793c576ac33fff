import { type ArticleDetails, articleLimits, type createPollRequest } from '@parta/contracts';
import { count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { articlePolls, articles } from '../../db/contentSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { insertPoll } from '../polls/insertPoll.js';
import { publishArticleEvent } from './events.js';
import { authorizeEditArticle } from './policy.js';
import { findArticle, presentArticle } from './queries.js';

/**
 * ART-4, POLL-3: POST /api/articles/:id/polls — the same poll as in chats, attached to the article by
 * its author or the administration. Readers vote once the article is published (see polls/containers.ts).
 */
export async function attachArticlePoll(
  deps: Pick<AppDeps, 'db' | 'clock' | 'events'>,
  actor: Actor | null,
  articleId: string,
  input: z.infer<typeof createPollRequest>,
): Promise<ArticleDetails> {
  requireActor(actor);
  const row = await findArticle(deps.db, articleId);
  if (!row) throw notFound();
  authorizeEditArticle(actor, row);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // Lock the article so two attachments at once take distinct positions and respect the limit.
    await tx.select({ id: articles.id }).from(articles).where(eq(articles.id, articleId)).for('update');
    const [n] = await tx.select({ n: count() }).from(articlePolls).where(eq(articlePolls.articleId, articleId));
    const position = Number(n?.n ?? 0);
    if (position >= articleLimits.pollsMax) throw new AppError('invalid_input', { fields: [{ path: 'polls', message: 'too_many' }] });
    const pollId = await insertPoll(tx, actor.userId, input, { now });
    await tx.insert(articlePolls).values({ articleId, pollId, position });
    await tx.update(articles).set({ updatedAt: now }).where(eq(articles.id, articleId));
  });
  if (row.status === 'published') await publishArticleEvent(deps.events, row.schoolId, { type: 'article.updated', articleId });
  const article = await presentArticle(deps.db, actor, articleId, now);
  if (!article) throw notFound();
  return article;
}
