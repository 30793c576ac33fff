import { appointAdminRequest, createSchoolRequest, createSchoolResponse, id, operatorSchoolsResponse } from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { publicBaseUrl } from '../invites/routes.js';
import type { AdminAppointment } from './appointAdmin.js';
import { appointAdmin } from './appointAdmin.js';
import { createSchool } from './createSchool.js';
import { listOperatorSchools } from './listOperatorSchools.js';

const present = ({ schoolId, adminAppointed, inviteUrl }: AdminAppointment) => ({ data: { schoolId, adminAppointed, inviteUrl } });

/** The platform operator's screens: the school registry and first administrators. */
export async function registerOperatorRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['operator'];

  api.get('/operator/schools', { schema: { tags, response: { 200: operatorSchoolsResponse } } }, async (req) => ({
    data: await listOperatorSchools(deps.db, req.actor),
  }));

  api.post('/operator/schools', { schema: { tags, body: createSchoolRequest, response: { 201: createSchoolResponse } } }, async (req, reply) =>
    reply.status(201).send(present(await createSchool(deps, req.actor, req.body, publicBaseUrl(req, deps)))),
  );

  api.post(
    '/operator/schools/:schoolId/admins',
    { schema: { tags, params: z.object({ schoolId: id }), body: appointAdminRequest, response: { 200: createSchoolResponse } } },
    async (req) => present(await appointAdmin(deps, req.actor, req.params.schoolId, req.body.phone, publicBaseUrl(req, deps))),
  );
}
