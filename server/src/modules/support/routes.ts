import {
  askQuestionRequest, deskQuery, deskResponse, feedbackListResponse, feedbackRequest, feedbackResponse, id,
  myQuestionsResponse, questionResponse, supportBadgeResponse, supportMessageRequest,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { askQuestion } from './askQuestion.js';
import { listFeedback, sendFeedback } from './feedback.js';
import { getQuestion, listDesk, listMyQuestions, supportBadge } from './questions.js';
import { closeQuestion, writeToQuestion } from './writeToQuestion.js';

/** SUP-1 «Помощь» (questions to support, the operator's desk) and SUP-2 «Обратная связь». */
export async function registerSupportRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['support'];
  const questionParams = z.object({ questionId: id });

  api.post('/support/questions', { schema: { tags, body: askQuestionRequest, response: { 201: questionResponse } } }, async (req, reply) =>
    reply.status(201).send({ data: await askQuestion(deps, req.actor, req.body, req.headers['user-agent'] ?? '') }),
  );

  api.get('/support/questions', { schema: { tags, response: { 200: myQuestionsResponse } } }, async (req) => ({
    data: await listMyQuestions(deps, req.actor),
  }));

  api.get('/support/questions/:questionId', { schema: { tags, params: questionParams, response: { 200: questionResponse } } }, async (req) => ({
    data: await getQuestion(deps, req.actor, req.params.questionId),
  }));

  api.post(
    '/support/questions/:questionId/messages',
    { schema: { tags, params: questionParams, body: supportMessageRequest, response: { 200: questionResponse } } },
    async (req) => ({ data: await writeToQuestion(deps, req.actor, req.params.questionId, req.body) }),
  );

  api.post('/support/questions/:questionId/close', { schema: { tags, params: questionParams, response: { 200: questionResponse } } }, async (req) => ({
    data: await closeQuestion(deps, req.actor, req.params.questionId),
  }));

  api.post('/support/feedback', { schema: { tags, body: feedbackRequest, response: { 201: feedbackResponse } } }, async (req, reply) =>
    reply.status(201).send({ data: await sendFeedback(deps, req.actor, req.body.text) }),
  );

  api.get('/operator/support/questions', { schema: { tags, querystring: deskQuery, response: { 200: deskResponse } } }, async (req) => ({
    data: await listDesk(deps, req.actor, req.query),
  }));

  api.get('/operator/support/badge', { schema: { tags, response: { 200: supportBadgeResponse } } }, async (req) => ({
    data: await supportBadge(deps, req.actor),
  }));

  api.get('/operator/support/feedback', { schema: { tags, response: { 200: feedbackListResponse } } }, async (req) => ({
    data: await listFeedback(deps, req.actor),
  }));
}
