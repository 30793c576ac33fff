import type { NewsPost } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { authorizeNews } from './policy.js';
import { findPost, loadPost } from './queries.js';

/** The post's own page (its permalink), for members of its school; a deleted post shows as deleted. */
export async function getNewsPost(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor | null, postId: string): Promise<NewsPost> {
  requireActor(actor);
  const row = await findPost(deps.db, postId);
  if (!row) throw notFound();
  authorizeNews(actor, 'view', row);
  const post = await loadPost(deps.db, actor, postId, deps.clock.now());
  if (!post) throw notFound();
  return post;
}
