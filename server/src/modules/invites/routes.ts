import {
  acceptInviteRequest, acceptInviteResponse, createInviteRequest, createInviteResponse, id, invitePreviewResponse,
  invitesResponse, okResponse,
} from '@parta/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { acceptInvite } from './acceptInvite.js';
import { createInvite } from './createInvite.js';
import { listInvites } from './listInvites.js';
import { previewInvite } from './previewInvite.js';
import { revokeInvite } from './revokeInvite.js';

/** Where links point: PUBLIC_URL when set, else the origin this request came to. */
export function publicBaseUrl(req: FastifyRequest, deps: AppDeps): string {
  return deps.config.publicUrl ?? `${req.protocol}://${req.host}`;
}

/** ORG-3: invitation links. */
export async function registerInvitesRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['invites'];
  const schoolParams = z.object({ schoolId: id });
  const tokenParams = z.object({ token: z.string().min(1).max(128) });

  api.get('/schools/:schoolId/invites', { schema: { tags, params: schoolParams, response: { 200: invitesResponse } } }, async (req) => ({
    data: await listInvites(deps, req.actor, req.params.schoolId),
  }));

  api.post(
    '/schools/:schoolId/invites',
    { schema: { tags, params: schoolParams, body: createInviteRequest, response: { 201: createInviteResponse } } },
    async (req, reply) =>
      reply.status(201).send({ data: await createInvite(deps, req.actor, req.params.schoolId, req.body, publicBaseUrl(req, deps)) }),
  );

  api.delete(
    '/schools/:schoolId/invites/:inviteId',
    { schema: { tags, params: z.object({ schoolId: id, inviteId: id }), response: { 200: okResponse } } },
    async (req) => {
      await revokeInvite(deps, req.actor, req.params.schoolId, req.params.inviteId);
      return { ok: true as const };
    },
  );

  api.get('/invites/:token', { schema: { tags, params: tokenParams, response: { 200: invitePreviewResponse } } }, async (req) => ({
    data: await previewInvite(deps, req.params.token),
  }));

  api.post(
    '/invites/:token/accept',
    { schema: { tags, params: tokenParams, body: acceptInviteRequest, response: { 200: acceptInviteResponse } } },
    async (req) => ({ data: await acceptInvite(deps, req.actor, req.params.token, req.body) }),
  );
}
