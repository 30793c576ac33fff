import {
  createJoinRequestRequest, id, joinRequestResponse, joinRequestsQuery, joinRequestsResponse, rejectJoinRequestRequest,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { createJoinRequest } from './createJoinRequest.js';
import { decideJoinRequest } from './decideJoinRequest.js';
import { listMyJoinRequests, listSchoolJoinRequests } from './listJoinRequests.js';

/** ORG-4: join requests without an invitation. */
export async function registerJoinRequestsRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['joinRequests'];
  const requestParams = z.object({ requestId: id });

  api.post('/join-requests', { schema: { tags, body: createJoinRequestRequest, response: { 201: joinRequestResponse } } }, async (req, reply) =>
    reply.status(201).send({ data: await createJoinRequest(deps, req.actor, req.body) }),
  );

  api.get(
    '/schools/:schoolId/join-requests',
    { schema: { tags, params: z.object({ schoolId: id }), querystring: joinRequestsQuery, response: { 200: joinRequestsResponse } } },
    async (req) => ({ data: await listSchoolJoinRequests(deps.db, req.actor, req.params.schoolId, req.query.status) }),
  );

  api.post('/join-requests/:requestId/approve', { schema: { tags, params: requestParams, response: { 200: joinRequestResponse } } }, async (req) => ({
    data: await decideJoinRequest(deps, req.actor, req.params.requestId, 'approved'),
  }));

  api.post(
    '/join-requests/:requestId/reject',
    { schema: { tags, params: requestParams, body: rejectJoinRequestRequest, response: { 200: joinRequestResponse } } },
    async (req) => ({
      data: await decideJoinRequest(deps, req.actor, req.params.requestId, 'rejected', { reason: req.body?.reason || undefined }),
    }),
  );

  api.get('/me/join-requests', { schema: { tags, response: { 200: joinRequestsResponse } } }, async (req) => ({
    data: await listMyJoinRequests(deps.db, req.actor),
  }));
}
