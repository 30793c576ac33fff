import type { ArticleListResponse, articleListQuery } from '@parta/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { canWriteArticles, runsSchool } from './policy.js';
import { listArticleSummaries } from './queries.js';

/**
 * ART-5 «Статьи»: the school's published articles, newest first, or those matching the words. With
 * drafts=true: my drafts (the administration: every draft of the school); readers get an empty list.
 */
export async function listArticles(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor | null,
  schoolId: string,
  query: z.infer<typeof articleListQuery>,
): Promise<ArticleListResponse> {
  requireActor(actor);
  if (rolesIn(actor, schoolId).length === 0) throw new AppError('not_found');
  const drafts = query.drafts === true;
  const canCreate = canWriteArticles(actor, schoolId);
  if (drafts && !canCreate && !runsSchool(actor, schoolId)) return { data: [], hasMore: false, can: { create: false } };
  const { rows, hasMore } = await listArticleSummaries(deps.db, actor, {
    schoolId,
    drafts,
    draftsOf: runsSchool(actor, schoolId) ? null : actor.userId,
    q: query.q || undefined,
    limit: query.limit,
    offset: query.offset,
  });
  return { data: rows, hasMore, can: { create: canCreate } };
}
