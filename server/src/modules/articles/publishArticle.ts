import type { ArticleDetails } from '@parta/contracts';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { articles } from '../../db/contentSchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishArticleEvent } from './events.js';
import { authorizeEditArticle } from './policy.js';
import { findArticle, presentArticle } from './queries.js';

/**
 * ART-3 «Опубликовать»: the draft appears in the school's «Статьи» for every member, who is told at
 * once (`article.published`). Publishing a published article changes nothing and tells no one.
 */
export async function publishArticle(
  deps: Pick<AppDeps, 'db' | 'clock' | 'events'>,
  actor: Actor | null,
  articleId: string,
): Promise<ArticleDetails> {
  requireActor(actor);
  const row = await findArticle(deps.db, articleId);
  if (!row) throw notFound();
  authorizeEditArticle(actor, row);
  const now = deps.clock.now();
  const changed = await deps.db
    .update(articles)
    .set({ status: 'published', publishedAt: now, updatedAt: now })
    .where(and(eq(articles.id, articleId), eq(articles.status, 'draft')))
    .returning({ id: articles.id });
  if (changed.length > 0) await publishArticleEvent(deps.events, row.schoolId, { type: 'article.published', articleId });
  const article = await presentArticle(deps.db, actor, articleId, now);
  if (!article) throw notFound();
  return article;
}
