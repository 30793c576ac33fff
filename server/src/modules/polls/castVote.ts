import type { castVoteRequest } from '@parta/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { pollOptions, polls, pollVotes } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { appendChatEvents, publishChatEvents, type StoredChatEvent } from '../chats/chatEvents.js';
import { type PollAnswer, presentPoll } from './getPoll.js';
import { loadPoll, type PollInChat } from './loadPoll.js';
import { isClosed, pollViews } from './pollViews.js';
import { myVotes } from './queries.js';

type VoteDeps = Pick<AppDeps, 'db' | 'events' | 'clock'>;

/**
 * Changes one person's votes inside a transaction that first locks the poll's row: two votes on one
 * poll (even two taps by one person) run one after the other, so each `poll.updated` carries the
 * counts as of its own commit and the last event's counts are the final ones. The event names no one.
 */
async function changeVotes(
  deps: VoteDeps,
  loaded: PollInChat,
  userId: string,
  decide: (mine: string[]) => string[] | null,
): Promise<void> {
  const now = deps.clock.now();
  const stored = await deps.db.transaction(async (tx): Promise<StoredChatEvent[]> => {
    const [locked] = await tx.select({ id: polls.id }).from(polls).where(eq(polls.id, loaded.poll.id)).for('update');
    if (!locked) throw notFound();
    const mine = await myVotes(tx, loaded.poll.id, userId);
    const next = decide(mine);
    if (next === null || sameSet(mine, next)) return [];
    await tx.delete(pollVotes).where(and(eq(pollVotes.pollId, loaded.poll.id), eq(pollVotes.userId, userId)));
    if (next.length > 0) {
      await tx.insert(pollVotes).values(next.map((optionId) => ({ pollId: loaded.poll.id, optionId, userId, createdAt: now })));
    }
    return appendPollUpdated(tx, loaded, now);
  });
  await publishChatEvents(deps.events, stored);
}

async function appendPollUpdated(tx: DbOrTx, loaded: PollInChat, now: Date): Promise<StoredChatEvent[]> {
  const view = (await pollViews(tx, [loaded.poll.id], now)).get(loaded.poll.id);
  if (!view) throw notFound();
  return appendChatEvents(tx, loaded.chat.id, [{ type: 'poll.updated', messageId: loaded.messageId, poll: view }]);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * POLL-2, POLL-3: POST /api/polls/:id/votes. A member of the chat chooses one option (several when the
 * poll allows), replacing an earlier choice — unless the poll forbids retracting, then the first vote is
 * final (poll_vote_final). After the deadline: poll_closed.
 */
export async function castVote(
  deps: VoteDeps,
  actor: Actor | null,
  pollId: string,
  input: z.infer<typeof castVoteRequest>,
): Promise<PollAnswer> {
  const loaded = await loadPoll(deps.db, actor, pollId, 'post');
  const { poll } = loaded;
  const chosen = [...new Set(input.optionIds)];
  if (!poll.multiple && chosen.length > 1) {
    throw new AppError('invalid_input', { fields: [{ path: 'optionIds', message: 'single_choice' }] });
  }
  const known = await deps.db
    .select({ id: pollOptions.id })
    .from(pollOptions)
    .where(and(eq(pollOptions.pollId, poll.id), inArray(pollOptions.id, chosen)));
  if (known.length !== chosen.length) {
    throw new AppError('invalid_input', { fields: [{ path: 'optionIds', message: 'unknown_option' }] });
  }
  if (isClosed(poll, deps.clock.now())) throw new AppError('poll_closed');
  await changeVotes(deps, loaded, loaded.actor.userId, (mine) => {
    if (mine.length > 0 && poll.noRetract) throw new AppError('poll_vote_final');
    return chosen;
  });
  return presentPoll(deps.db, loaded.actor, loaded, deps.clock.now());
}

/** DELETE /api/polls/:id/votes: take my vote back, unless the poll forbids it or has closed. */
export async function retractVote(deps: VoteDeps, actor: Actor | null, pollId: string): Promise<PollAnswer> {
  const loaded = await loadPoll(deps.db, actor, pollId, 'post');
  if (isClosed(loaded.poll, deps.clock.now())) throw new AppError('poll_closed');
  if (loaded.poll.noRetract) throw new AppError('poll_vote_final');
  await changeVotes(deps, loaded, loaded.actor.userId, (mine) => (mine.length === 0 ? null : []));
  return presentPoll(deps.db, loaded.actor, loaded, deps.clock.now());
}
