import {
  createNewsCommentRequest, createNewsPostRequest, id, markNewsReadRequest, newsCommentResponse, newsCommentsQuery, newsCommentsResponse,
  newsListQuery, newsListResponse, newsPostResponse, newsUnreadResponse, okResponse, updateNewsCommentRequest, updateNewsPostRequest,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { createNewsComment, deleteNewsComment, getNewsComment, listNewsComments } from './comments.js';
import { createNewsPost } from './createNewsPost.js';
import { deleteNewsPost } from './deleteNewsPost.js';
import { editNewsComment } from './editNewsComment.js';
import { editNewsPost } from './editNewsPost.js';
import { getNewsPost } from './getNewsPost.js';
import { listNews } from './listNews.js';
import { markNewsRead, unreadNews } from './readMarks.js';

/** NEWS-1, NEWS-2: the school's channel and community, comments, read marks. */
export async function registerNewsRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['news'];
  const schoolParams = z.object({ schoolId: id });
  const postParams = z.object({ postId: id });

  api.get(
    '/schools/:schoolId/news',
    { schema: { tags, params: schoolParams, querystring: newsListQuery, response: { 200: newsListResponse } } },
    async (req) => listNews(deps, req.actor, req.params.schoolId, req.query),
  );

  api.post(
    '/schools/:schoolId/news',
    { schema: { tags, params: schoolParams, body: createNewsPostRequest, response: { 201: newsPostResponse } } },
    async (req, reply) => reply.status(201).send({ data: await createNewsPost(deps, req.actor, req.params.schoolId, req.body) }),
  );

  api.get(
    '/schools/:schoolId/news/unread',
    { schema: { tags, params: schoolParams, response: { 200: newsUnreadResponse } } },
    async (req) => ({ data: await unreadNews(deps, req.actor, req.params.schoolId) }),
  );

  api.post(
    '/schools/:schoolId/news/read',
    { schema: { tags, params: schoolParams, body: markNewsReadRequest, response: { 200: newsUnreadResponse } } },
    async (req) => ({ data: await markNewsRead(deps, req.actor, req.params.schoolId, req.body) }),
  );

  api.get('/news/:postId', { schema: { tags, params: postParams, response: { 200: newsPostResponse } } }, async (req) => ({
    data: await getNewsPost(deps, req.actor, req.params.postId),
  }));

  api.patch(
    '/news/:postId',
    { schema: { tags, params: postParams, body: updateNewsPostRequest, response: { 200: newsPostResponse } } },
    async (req) => ({ data: await editNewsPost(deps, req.actor, req.params.postId, req.body) }),
  );

  api.delete('/news/:postId', { schema: { tags, params: postParams, response: { 200: okResponse } } }, async (req) => {
    await deleteNewsPost(deps, req.actor, req.params.postId);
    return { ok: true as const };
  });

  api.get(
    '/news/:postId/comments',
    { schema: { tags, params: postParams, querystring: newsCommentsQuery, response: { 200: newsCommentsResponse } } },
    async (req) => listNewsComments(deps, req.actor, req.params.postId, req.query),
  );

  api.post(
    '/news/:postId/comments',
    { schema: { tags, params: postParams, body: createNewsCommentRequest, response: { 201: newsCommentResponse } } },
    async (req, reply) => reply.status(201).send({ data: await createNewsComment(deps, req.actor, req.params.postId, req.body.text) }),
  );

  const commentParams = z.object({ commentId: id });
  api.get(
    '/news/comments/:commentId',
    { schema: { tags, params: commentParams, response: { 200: newsCommentResponse } } },
    async (req) => ({ data: await getNewsComment(deps, req.actor, req.params.commentId) }),
  );

  api.patch(
    '/news/comments/:commentId',
    { schema: { tags, params: commentParams, body: updateNewsCommentRequest, response: { 200: newsCommentResponse } } },
    async (req) => ({ data: await editNewsComment(deps, req.actor, req.params.commentId, req.body.text) }),
  );

  api.delete(
    '/news/comments/:commentId',
    { schema: { tags, params: commentParams, response: { 200: okResponse } } },
    async (req) => {
      await deleteNewsComment(deps, req.actor, req.params.commentId);
      return { ok: true as const };
    },
  );
}
