import type { ArticleDetails } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { authorizeReadArticle } from './policy.js';
import { findArticle, presentArticle } from './queries.js';

/** ART-5: GET /api/articles/:id — a published article for members of its school; a draft for its author and the administration. */
export async function getArticle(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor | null, articleId: string): Promise<ArticleDetails> {
  requireActor(actor);
  const row = await findArticle(deps.db, articleId);
  if (!row) throw notFound();
  authorizeReadArticle(actor, row);
  const article = await presentArticle(deps.db, actor, articleId, deps.clock.now());
  if (!article) throw notFound();
  return article;
}
