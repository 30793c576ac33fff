import {
  attendanceCsvQuery, attendanceResponse, id, inviteToLessonRequest, lessonDetailsResponse, lessonHistoryQuery, lessonHistoryResponse,
  lessonSummaryResponse, liveLessonsResponse, okResponse, participantMediaRequest, raiseHandRequest, startLessonRequest,
  updateLessonRequest,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { getAttendance, lessonHistory } from './attendance.js';
import { exportAttendanceCsv } from './attendanceCsv.js';
import { removeParticipant, turnOffParticipantMedia } from './controlParticipant.js';
import { endLesson } from './endLesson.js';
import { getLesson, listLiveLessons } from './getLesson.js';
import { inviteToLesson } from './inviteToLesson.js';
import { joinLesson, leaveLesson } from './joinLesson.js';
import { setHand } from './raiseHand.js';
import { startLesson } from './startLesson.js';
import { updateLesson } from './updateLesson.js';

/** VID-1..5, CHT-4, DASH-1, ATT-1: video lessons — start, join, the host's controls, attendance. Media goes over the socket. */
export async function registerLessonsRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['lessons'];
  const lessonParams = z.object({ lessonId: id });
  const personParams = lessonParams.extend({ userId: id });
  const ok = { ok: true as const };

  api.post(
    '/lessons',
    { schema: { tags, body: startLessonRequest, response: { 200: lessonSummaryResponse, 201: lessonSummaryResponse } } },
    async (req, reply) => {
      const { lesson, created } = await startLesson(deps, req.actor, req.body);
      return reply.status(created ? 201 : 200).send({ data: lesson });
    },
  );

  api.get('/lessons/live', { schema: { tags, response: { 200: liveLessonsResponse } } }, async (req) => ({
    data: await listLiveLessons(deps, req.actor),
  }));

  api.get('/lessons', { schema: { tags, querystring: lessonHistoryQuery, response: { 200: lessonHistoryResponse } } }, async (req) => ({
    data: await lessonHistory(deps, req.actor, req.query.schoolId, req.query.limit),
  }));

  api.get('/lessons/:lessonId', { schema: { tags, params: lessonParams, response: { 200: lessonDetailsResponse } } }, async (req) => ({
    data: await getLesson(deps, req.actor, req.params.lessonId),
  }));

  api.patch(
    '/lessons/:lessonId',
    { schema: { tags, params: lessonParams, body: updateLessonRequest, response: { 200: lessonDetailsResponse } } },
    async (req) => {
      await updateLesson(deps, req.actor, req.params.lessonId, req.body);
      return { data: await getLesson(deps, req.actor, req.params.lessonId) };
    },
  );

  api.post('/lessons/:lessonId/join', { schema: { tags, params: lessonParams, response: { 200: lessonDetailsResponse } } }, async (req) => ({
    data: await joinLesson(deps, req.actor, req.params.lessonId),
  }));

  api.post('/lessons/:lessonId/leave', { schema: { tags, params: lessonParams, response: { 200: okResponse } } }, async (req) => {
    await leaveLesson(deps, req.actor, req.params.lessonId);
    return ok;
  });

  api.post('/lessons/:lessonId/end', { schema: { tags, params: lessonParams, response: { 200: okResponse } } }, async (req) => {
    await endLesson(deps, req.actor, req.params.lessonId);
    return ok;
  });

  api.post(
    '/lessons/:lessonId/hands/:userId',
    { schema: { tags, params: personParams, body: raiseHandRequest, response: { 200: okResponse } } },
    async (req) => {
      await setHand(deps, req.actor, req.params.lessonId, req.params.userId, req.body.raised);
      return ok;
    },
  );

  api.post(
    '/lessons/:lessonId/participants/:userId/media',
    { schema: { tags, params: personParams, body: participantMediaRequest, response: { 200: okResponse } } },
    async (req) => {
      await turnOffParticipantMedia(deps, req.actor, req.params.lessonId, req.params.userId, req.body);
      return ok;
    },
  );

  api.delete('/lessons/:lessonId/participants/:userId', { schema: { tags, params: personParams, response: { 200: okResponse } } }, async (req) => {
    await removeParticipant(deps, req.actor, req.params.lessonId, req.params.userId);
    return ok;
  });

  api.post(
    '/lessons/:lessonId/invite',
    { schema: { tags, params: lessonParams, body: inviteToLessonRequest, response: { 200: okResponse } } },
    async (req) => {
      await inviteToLesson(deps, req.actor, req.params.lessonId, req.body.userIds);
      return ok;
    },
  );

  api.get('/lessons/:lessonId/attendance', { schema: { tags, params: lessonParams, response: { 200: attendanceResponse } } }, async (req) => ({
    data: await getAttendance(deps, req.actor, req.params.lessonId),
  }));

  api.get('/lessons/:lessonId/attendance.csv', { schema: { tags, params: lessonParams, querystring: attendanceCsvQuery } }, async (req, reply) => {
    const csv = await exportAttendanceCsv(deps, req.actor, req.params.lessonId, req.query.tz);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csv.fileName}"; filename*=UTF-8''${encodeURIComponent(csv.title)}`)
      .send(csv.body);
  });
}
