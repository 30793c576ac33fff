import {
  appointLeaderRequest, id, membersQuery, membersResponse, registryClassesResponse, registryPlacesResponse,
  registrySearchQuery, registrySearchResponse, schoolPageResponse, updateSchoolRequest,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { appointLeader, listLeaders } from './appointLeader.js';
import { listCities, listCountries, listRegistryClasses, searchSchools } from './browseRegistry.js';
import { getSchoolPage } from './getSchoolPage.js';
import { listMembers } from './listMembers.js';
import { updateSchool } from './updateSchool.js';

const schoolParams = z.object({ schoolId: id });

/** The registry (ORG-1) and a school's own pages (ORG-2, ORG-7, ORG-8, ORG-10). */
export async function registerSchoolsRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['schools'];

  api.get('/registry/countries', { schema: { tags, response: { 200: registryPlacesResponse } } }, async (req) => ({
    data: await listCountries(deps.db, req.actor),
  }));

  api.get(
    '/registry/cities',
    { schema: { tags, querystring: z.object({ country: z.string().trim().min(1).max(64).optional() }), response: { 200: registryPlacesResponse } } },
    async (req) => ({ data: await listCities(deps.db, req.actor, req.query.country) }),
  );

  api.get('/registry/schools', { schema: { tags, querystring: registrySearchQuery, response: { 200: registrySearchResponse } } }, async (req) => ({
    data: await searchSchools(deps.db, req.actor, req.query),
  }));

  api.get(
    '/registry/schools/:schoolId/classes',
    { schema: { tags, params: schoolParams, response: { 200: registryClassesResponse } } },
    async (req) => ({ data: await listRegistryClasses(deps.db, req.actor, req.params.schoolId) }),
  );

  api.get('/schools/:schoolId', { schema: { tags, params: schoolParams, response: { 200: schoolPageResponse } } }, async (req) =>
    getSchoolPage(deps.db, req.actor, req.params.schoolId),
  );

  api.patch(
    '/schools/:schoolId',
    { schema: { tags, params: schoolParams, body: updateSchoolRequest, response: { 200: schoolPageResponse } } },
    async (req) => updateSchool(deps, req.actor, req.params.schoolId, req.body),
  );

  api.get(
    '/schools/:schoolId/members',
    { schema: { tags, params: schoolParams, querystring: membersQuery, response: { 200: membersResponse } } },
    async (req) => listMembers(deps.db, req.actor, req.params.schoolId, req.query),
  );

  api.get('/schools/:schoolId/leaders', { schema: { tags, params: schoolParams, response: { 200: membersResponse } } }, async (req) =>
    listLeaders(deps.db, req.actor, req.params.schoolId),
  );

  api.post(
    '/schools/:schoolId/leaders',
    { schema: { tags, params: schoolParams, body: appointLeaderRequest, response: { 200: membersResponse } } },
    async (req) => appointLeader(deps, req.actor, req.params.schoolId, req.body),
  );
}
