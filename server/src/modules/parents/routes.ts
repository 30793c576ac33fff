import {
  childInviteRequest, childInviteResponse, classParentsResponse, id, inviteStudentsResponse, myChildrenResponse, okResponse,
  parentHomeResponse, setClassTeacherRequest,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { createChildInvite } from './createChildInvite.js';
import { listInviteStudents } from './inviteStudents.js';
import { publicBaseUrl } from '../invites/routes.js';
import { listClassParents, listMyChildren } from './listParents.js';
import { getParentHome } from './parentHome.js';
import { removeParentLink } from './removeParentLink.js';
import { setClassTeacher } from './setClassTeacher.js';

/** PAR-1: class teachers, parents' invitations, parent–child links. */
export async function registerParentsRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['parents'];
  const classParams = z.object({ classId: id });

  api.put(
    '/classes/:classId/class-teacher',
    { schema: { tags, params: classParams, body: setClassTeacherRequest, response: { 200: okResponse } } },
    async (req) => {
      await setClassTeacher(deps, req.actor, req.params.classId, req.body.userId);
      return { ok: true as const };
    },
  );

  api.get('/classes/:classId/parents', { schema: { tags, params: classParams, response: { 200: classParentsResponse } } }, async (req) =>
    listClassParents(deps, req.actor, req.params.classId),
  );

  api.get(
    '/invites/:token/students',
    { schema: { tags, params: z.object({ token: z.string().min(1).max(128) }), response: { 200: inviteStudentsResponse } } },
    async (req) => ({ data: await listInviteStudents(deps, req.actor, req.params.token) }),
  );

  api.get('/me/children', { schema: { tags, response: { 200: myChildrenResponse } } }, async (req) => ({
    data: await listMyChildren(deps, req.actor),
  }));

  api.get('/parents/home', { schema: { tags, response: { 200: parentHomeResponse } } }, async (req) => ({
    data: await getParentHome(deps, req.actor),
  }));

  api.post(
    '/me/parent-invite',
    { schema: { tags, body: childInviteRequest, response: { 201: childInviteResponse } } },
    async (req, reply) => reply.status(201).send({ data: await createChildInvite(deps, req.actor, req.body.schoolId, publicBaseUrl(req, deps)) }),
  );

  api.delete('/parent-links/:linkId', { schema: { tags, params: z.object({ linkId: id }), response: { 200: okResponse } } }, async (req) => {
    await removeParentLink(deps, req.actor, req.params.linkId);
    return { ok: true as const };
  });
}
