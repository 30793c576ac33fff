import { eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { polls } from '../../db/chatSchema.js';
import { articlePolls, articles } from '../../db/contentSchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishArticleEvent } from './events.js';
import { authorizeEditArticle } from './policy.js';
import { findArticle } from './queries.js';

/**
 * DELETE /api/articles/:id: the author or the administration removes the article with its polls
 * (and their votes). Uploaded files stay their uploaders' own; readers lose access with the article.
 */
export async function deleteArticle(deps: Pick<AppDeps, 'db' | 'events'>, actor: Actor | null, articleId: string): Promise<void> {
  requireActor(actor);
  const row = await findArticle(deps.db, articleId);
  if (!row) throw notFound();
  authorizeEditArticle(actor, row);
  await deps.db.transaction(async (tx) => {
    const attached = await tx.select({ pollId: articlePolls.pollId }).from(articlePolls).where(eq(articlePolls.articleId, articleId));
    await tx.delete(articles).where(eq(articles.id, articleId));
    if (attached.length > 0) await tx.delete(polls).where(inArray(polls.id, attached.map((p) => p.pollId)));
  });
  if (row.status === 'published') await publishArticleEvent(deps.events, row.schoolId, { type: 'article.deleted', articleId });
}
