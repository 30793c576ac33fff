import { classesResponse, classPageResponse, createClassRequest, createClassResponse, id, joinClassRequest, okResponse } from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { createClass } from './createClass.js';
import { getClassPage } from './getClassPage.js';
import { joinClass } from './joinClass.js';
import { listClasses } from './listClasses.js';
import { removeClassStudent } from './removeClassStudent.js';

/** CLS-1..3: classes of a school and a class's page. */
export async function registerClassesRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['classes'];
  const schoolParams = z.object({ schoolId: id });
  const classParams = z.object({ classId: id });

  api.get('/schools/:schoolId/classes', { schema: { tags, params: schoolParams, response: { 200: classesResponse } } }, async (req) =>
    listClasses(deps.db, req.actor, req.params.schoolId),
  );

  api.post(
    '/schools/:schoolId/classes',
    { schema: { tags, params: schoolParams, body: createClassRequest, response: { 201: createClassResponse } } },
    async (req, reply) => reply.status(201).send({ data: await createClass(deps, req.actor, req.params.schoolId, req.body) }),
  );

  api.get('/classes/:classId', { schema: { tags, params: classParams, response: { 200: classPageResponse } } }, async (req) =>
    getClassPage(deps.db, req.actor, req.params.classId),
  );

  api.post(
    '/classes/:classId/teachers',
    { schema: { tags, params: classParams, body: joinClassRequest, response: { 200: classPageResponse } } },
    async (req) => joinClass(deps, req.actor, req.params.classId, req.body),
  );

  api.delete(
    '/classes/:classId/students/:userId',
    { schema: { tags, params: classParams.extend({ userId: id }), response: { 200: okResponse } } },
    async (req) => {
      await removeClassStudent(deps, req.actor, req.params.classId, req.params.userId);
      return { ok: true as const };
    },
  );
}
