import {
  articleListQuery, articleListResponse, articleResponse, createArticleRequest, createPollRequest, id, okResponse,
  updateArticleRequest,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { attachArticlePoll } from './attachArticlePoll.js';
import { createArticle } from './createArticle.js';
import { deleteArticle } from './deleteArticle.js';
import { getArticle } from './getArticle.js';
import { listArticles } from './listArticles.js';
import { publishArticle } from './publishArticle.js';
import { updateArticle } from './updateArticle.js';

/** ART-1..5 «Статьи». */
export async function registerArticlesRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['articles'];
  const schoolParams = z.object({ schoolId: id });
  const articleParams = z.object({ id });

  api.get(
    '/schools/:schoolId/articles',
    { schema: { tags, params: schoolParams, querystring: articleListQuery, response: { 200: articleListResponse } } },
    async (req) => listArticles(deps, req.actor, req.params.schoolId, req.query),
  );

  api.post(
    '/schools/:schoolId/articles',
    { schema: { tags, params: schoolParams, body: createArticleRequest, response: { 201: articleResponse } } },
    async (req, reply) => reply.status(201).send({ data: await createArticle(deps, req.actor, req.params.schoolId, req.body) }),
  );

  api.get('/articles/:id', { schema: { tags, params: articleParams, response: { 200: articleResponse } } }, async (req) => ({
    data: await getArticle(deps, req.actor, req.params.id),
  }));

  api.patch(
    '/articles/:id',
    { schema: { tags, params: articleParams, body: updateArticleRequest, response: { 200: articleResponse } } },
    async (req) => ({ data: await updateArticle(deps, req.actor, req.params.id, req.body) }),
  );

  api.delete('/articles/:id', { schema: { tags, params: articleParams, response: { 200: okResponse } } }, async (req) => {
    await deleteArticle(deps, req.actor, req.params.id);
    return { ok: true as const };
  });

  api.post('/articles/:id/publish', { schema: { tags, params: articleParams, response: { 200: articleResponse } } }, async (req) => ({
    data: await publishArticle(deps, req.actor, req.params.id),
  }));

  api.post(
    '/articles/:id/polls',
    { schema: { tags, params: articleParams, body: createPollRequest, response: { 201: articleResponse } } },
    async (req, reply) => reply.status(201).send({ data: await attachArticlePoll(deps, req.actor, req.params.id, req.body) }),
  );
}
