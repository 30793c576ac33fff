import {
  createReportRequest, createReportResponse, decideReportRequest, id, myReportsResponse, noticesResponse, okResponse,
  reportBadgeResponse, reportDetailResponse, reportListQuery, reportListResponse, reportResponse,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { createReport } from './createReport.js';
import { decideReport } from './decideReport.js';
import { getReport, listMyReports, listReports, reportBadge } from './listReports.js';
import { listNotices, readNotice } from './notices.js';

/** SAFE-1: «Пожаловаться», «Жалобы» of the administration, «Мои жалобы», and in-app notices. */
export async function registerReportsRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['reports'];
  const schoolParams = z.object({ schoolId: id });
  const reportParams = z.object({ reportId: id });

  api.post('/reports', { schema: { tags, body: createReportRequest, response: { 201: createReportResponse } } }, async (req, reply) =>
    reply.status(201).send({ data: await createReport(deps, req.actor, req.body) }),
  );

  api.get('/me/reports', { schema: { tags, response: { 200: myReportsResponse } } }, async (req) => ({
    data: await listMyReports(deps, req.actor),
  }));

  api.get(
    '/schools/:schoolId/reports',
    { schema: { tags, params: schoolParams, querystring: reportListQuery, response: { 200: reportListResponse } } },
    async (req) => ({ data: await listReports(deps, req.actor, req.params.schoolId, req.query.status) }),
  );

  api.get('/schools/:schoolId/reports/badge', { schema: { tags, params: schoolParams, response: { 200: reportBadgeResponse } } }, async (req) => ({
    data: await reportBadge(deps, req.actor, req.params.schoolId),
  }));

  api.get('/reports/:reportId', { schema: { tags, params: reportParams, response: { 200: reportDetailResponse } } }, async (req) => ({
    data: await getReport(deps, req.actor, req.params.reportId),
  }));

  api.post(
    '/reports/:reportId/decision',
    { schema: { tags, params: reportParams, body: decideReportRequest, response: { 200: reportResponse } } },
    async (req) => ({ data: await decideReport(deps, req.actor, req.params.reportId, req.body) }),
  );

  api.get('/me/notices', { schema: { tags, response: { 200: noticesResponse } } }, async (req) => ({ data: await listNotices(deps, req.actor) }));

  api.post('/me/notices/:noticeId/read', { schema: { tags, params: z.object({ noticeId: id }), response: { 200: okResponse } } }, async (req) => {
    await readNotice(deps, req.actor, req.params.noticeId);
    return { ok: true as const };
  });
}
