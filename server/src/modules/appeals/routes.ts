import {
  appealMessageRequest, appealResponse, appealsBadgeResponse, appealsQuery, appealsResponse, createAppealRequest, id,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { createStorage, type FileStorage } from '../../platform/storage/index.js';
import { closeAppeal, takeAppeal, writeToAppeal } from './actOnAppeal.js';
import { createAppeal } from './createAppeal.js';
import { appealsBadge, getAppeal, listAppeals } from './listAppeals.js';

/** ORG-9 «Обращения в школу»: members write to the school's administration, which takes, answers and closes. */
export async function registerAppealsRoutes(api: ApiInstance, deps: AppDeps, storage: FileStorage = createStorage(deps.config)): Promise<void> {
  const tags = ['appeals'];
  const schoolParams = z.object({ schoolId: id });
  const appealParams = z.object({ appealId: id });

  api.post(
    '/schools/:schoolId/appeals',
    { schema: { tags, params: schoolParams, body: createAppealRequest, response: { 201: appealResponse } } },
    async (req, reply) => reply.status(201).send({ data: await createAppeal({ ...deps, storage }, req.actor, req.params.schoolId, req.body) }),
  );

  api.get(
    '/schools/:schoolId/appeals',
    { schema: { tags, params: schoolParams, querystring: appealsQuery, response: { 200: appealsResponse } } },
    async (req) => listAppeals(deps, req.actor, req.params.schoolId, req.query.state),
  );

  api.get('/schools/:schoolId/appeals/badge', { schema: { tags, params: schoolParams, response: { 200: appealsBadgeResponse } } }, async (req) => ({
    data: { count: await appealsBadge(deps, req.actor, req.params.schoolId) },
  }));

  api.get('/appeals/:appealId', { schema: { tags, params: appealParams, response: { 200: appealResponse } } }, async (req) => ({
    data: await getAppeal(deps, req.actor, req.params.appealId),
  }));

  api.post('/appeals/:appealId/take', { schema: { tags, params: appealParams, response: { 200: appealResponse } } }, async (req) => ({
    data: await takeAppeal(deps, req.actor, req.params.appealId),
  }));

  api.post(
    '/appeals/:appealId/messages',
    { schema: { tags, params: appealParams, body: appealMessageRequest, response: { 200: appealResponse } } },
    async (req) => ({ data: await writeToAppeal(deps, req.actor, req.params.appealId, req.body.text) }),
  );

  api.post('/appeals/:appealId/close', { schema: { tags, params: appealParams, response: { 200: appealResponse } } }, async (req) => ({
    data: await closeAppeal(deps, req.actor, req.params.appealId),
  }));
}
