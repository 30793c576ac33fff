import { auditCsvQuery, auditListResponse, auditQuery, id } from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { exportAuditCsv } from './auditCsv.js';
import { listAllAudit, listSchoolAudit } from './listAudit.js';

/** SAFE-1 «Журнал действий»: read only. No route changes or deletes a line (and the database refuses it too). */
export async function registerAuditRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['audit'];
  const schoolParams = z.object({ schoolId: id });

  api.get(
    '/schools/:schoolId/audit',
    { schema: { tags, params: schoolParams, querystring: auditQuery.omit({ schoolId: true }), response: { 200: auditListResponse } } },
    async (req) => listSchoolAudit(deps, req.actor, req.params.schoolId, req.query),
  );

  api.get('/schools/:schoolId/audit.csv', { schema: { tags, params: schoolParams, querystring: auditCsvQuery } }, async (req, reply) => {
    const body = await exportAuditCsv(deps, req.actor, req.params.schoolId, req.query);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit.csv"; filename*=UTF-8''${encodeURIComponent('Журнал действий.csv')}`)
      .send(body);
  });

  api.get('/operator/audit', { schema: { tags, querystring: auditQuery, response: { 200: auditListResponse } } }, async (req) =>
    listAllAudit(deps, req.actor, req.query),
  );
}
