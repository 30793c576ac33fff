import {
  assignmentResponse, createAssignmentRequest, homeworkBadgeResponse, homeworkListResponse, id, journalCsvQuery,
  journalQuery, journalResponse, markResponse, okResponse, putMarkRequest, reviewResponse, submitRequest,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { getHomeworkBadge, markHomeworkSeen } from './badge.js';
import { createAssignment } from './createAssignment.js';
import { DueReminders } from './dueReminders.js';
import { getAssignment } from './getAssignment.js';
import { getJournal } from './getJournal.js';
import { exportJournalCsv } from './journalCsv.js';
import { listHomework } from './listHomework.js';
import { listReview } from './listReview.js';
import { putMark } from './putMark.js';
import { submitWork, withdrawWork } from './submitWork.js';

/** HW-1: assignments, submissions, marks and the journal. Files come and go through /files. */
export async function registerHomeworkRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['homework'];
  const classParams = z.object({ classId: id });
  const assignmentParams = z.object({ assignmentId: id });

  if (deps.config.homework.sweepMs > 0) {
    const reminders = new DueReminders(deps, api.log, deps.config.homework.sweepMs);
    api.addHook('onReady', async () => reminders.start());
    api.addHook('onClose', async () => reminders.stop());
  }

  api.get('/homework', { schema: { tags, response: { 200: homeworkListResponse } } }, async (req) => ({
    data: await listHomework(deps, req.actor),
  }));

  api.get('/homework/badge', { schema: { tags, response: { 200: homeworkBadgeResponse } } }, async (req) => ({
    data: { count: await getHomeworkBadge(deps, req.actor) },
  }));

  api.post('/homework/seen', { schema: { tags, response: { 200: okResponse } } }, async (req) => {
    await markHomeworkSeen(deps, req.actor);
    return { ok: true as const };
  });

  api.post(
    '/classes/:classId/assignments',
    { schema: { tags, params: classParams, body: createAssignmentRequest, response: { 201: assignmentResponse } } },
    async (req, reply) => reply.status(201).send({ data: await createAssignment(deps, req.actor, req.params.classId, req.body) }),
  );

  api.get(
    '/assignments/:assignmentId',
    { schema: { tags, params: assignmentParams, response: { 200: assignmentResponse } } },
    async (req) => ({ data: await getAssignment(deps, req.actor, req.params.assignmentId) }),
  );

  api.get(
    '/assignments/:assignmentId/review',
    { schema: { tags, params: assignmentParams, response: { 200: reviewResponse } } },
    async (req) => ({ data: { rows: await listReview(deps, req.actor, req.params.assignmentId) } }),
  );

  api.put(
    '/assignments/:assignmentId/submission',
    { schema: { tags, params: assignmentParams, body: submitRequest, response: { 200: assignmentResponse } } },
    async (req) => ({ data: await submitWork(deps, req.actor, req.params.assignmentId, req.body) }),
  );

  api.delete(
    '/assignments/:assignmentId/submission',
    { schema: { tags, params: assignmentParams, response: { 200: assignmentResponse } } },
    async (req) => ({ data: await withdrawWork(deps, req.actor, req.params.assignmentId) }),
  );

  api.put(
    '/assignments/:assignmentId/marks/:studentId',
    { schema: { tags, params: assignmentParams.extend({ studentId: id }), body: putMarkRequest, response: { 200: markResponse } } },
    async (req) => ({ data: await putMark(deps, req.actor, req.params.assignmentId, req.params.studentId, req.body) }),
  );

  api.get(
    '/classes/:classId/journal',
    { schema: { tags, params: classParams, querystring: journalQuery, response: { 200: journalResponse } } },
    async (req) => ({ data: await getJournal(deps, req.actor, req.params.classId, req.query.subject) }),
  );

  api.get('/classes/:classId/journal.csv', { schema: { tags, params: classParams, querystring: journalCsvQuery } }, async (req, reply) => {
    const csv = await exportJournalCsv(deps, req.actor, req.params.classId, req.query);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csv.fileName}"; filename*=UTF-8''${encodeURIComponent(csv.title)}`)
      .send(csv.body);
  });
}
