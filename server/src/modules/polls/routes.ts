import {
  castVoteRequest, createPollRequest, createPollResponse, id, myChatPollVotesResponse, pollResponse, pollVotersResponse,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { castVote, retractVote } from './castVote.js';
import { createPoll } from './createPoll.js';
import { getPoll } from './getPoll.js';
import { listVoters } from './listVoters.js';
import { myPollVotes } from './myPollVotes.js';
import { PollDeadlines } from './pollDeadlines.js';

/** POLL-1..3: polls in chats; votes, results and voters of polls in chats, articles and news posts. */
export async function registerPollsRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['polls'];
  const pollParams = z.object({ id });

  if (deps.config.polls.sweepMs > 0) {
    const deadlines = new PollDeadlines(deps, api.log, deps.config.polls.sweepMs);
    api.addHook('onReady', async () => {
      // Not awaited: a slow first sweep must not hold up listening.
      void deadlines.start();
    });
    api.addHook('onClose', async () => deadlines.stop());
  }

  api.post(
    '/chats/:chatId/polls',
    { schema: { tags, params: z.object({ chatId: id }), body: createPollRequest, response: { 201: createPollResponse } } },
    async (req, reply) => reply.status(201).send({ data: await createPoll(deps, req.actor, req.params.chatId, req.body) }),
  );

  api.get(
    '/chats/:chatId/poll-votes',
    { schema: { tags, params: z.object({ chatId: id }), response: { 200: myChatPollVotesResponse } } },
    async (req) => ({ data: await myPollVotes(deps, req.actor, req.params.chatId) }),
  );

  api.get('/polls/:id', { schema: { tags, params: pollParams, response: { 200: pollResponse } } }, async (req) =>
    getPoll(deps, req.actor, req.params.id),
  );

  api.post(
    '/polls/:id/votes',
    { schema: { tags, params: pollParams, body: castVoteRequest, response: { 200: pollResponse } } },
    async (req) => castVote(deps, req.actor, req.params.id, req.body),
  );

  api.delete('/polls/:id/votes', { schema: { tags, params: pollParams, response: { 200: pollResponse } } }, async (req) =>
    retractVote(deps, req.actor, req.params.id),
  );

  api.get('/polls/:id/voters', { schema: { tags, params: pollParams, response: { 200: pollVotersResponse } } }, async (req) => ({
    data: await listVoters(deps, req.actor, req.params.id),
  }));
}
