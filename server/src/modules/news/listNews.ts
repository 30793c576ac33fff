import type { NewsFeed, NewsListResponse } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeNews, canNews } from './policy.js';
import { feedPage } from './queries.js';

/**
 * NEWS-1/NEWS-2: one page of the channel or the community, newest first. Every member of the school
 * reads both; the answer says whether I may post here.
 */
export async function listNews(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  schoolId: string,
  q: { feed: NewsFeed; before?: string | undefined; limit: number },
): Promise<NewsListResponse> {
  const where = { schoolId, feed: q.feed };
  authorizeNews(actor, 'view', where);
  const page = await feedPage(deps.db, actor, { schoolId, ...q, now: deps.clock.now() });
  return { ...page, can: { post: canNews(actor, 'post', where), poll: canNews(actor, 'poll', where) } };
}
