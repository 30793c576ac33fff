import type { castVoteRequest, SchoolPollUpdatedEvent } from '@parta/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { pollOptions, polls, pollVotes } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { appendChatEvents, publishChatEvents, type StoredChatEvent } from '../chats/chatEvents.js';
import { type PollAnswer, presentPoll } from './getPoll.js';
import { schoolRoomOf } from './containers.js';
import { type LoadedPoll, loadPoll } from './loadPoll.js';
import { isClosed, pollViews } from './pollViews.js';
import { myVotes } from './queries.js';

type VoteDeps = Pick<AppDeps, 'db' | 'events' | 'clock'>;

/** What a vote change publishes after commit: chat events (stored, with seqs) or one school event. */
interface PollUpdate {
  chat: StoredChatEvent[];
  school: { room: string; event: SchoolPollUpdatedEvent } | null;
}

/**
 * Changes one person's votes inside a transaction that first locks the poll's row: two votes on one
 * poll (even two taps by one person) run one after the other, so each `poll.updated` carries the
 * counts as of its own commit and the last event's counts are the final ones. The event names no one.
 */
async function changeVotes(
  deps: VoteDeps,
  loaded: LoadedPoll,
  userId: string,
  decide: (mine: string[]) => string[] | null,
): Promise<void> {
  const now = deps.clock.now();
  const update = await deps.db.transaction(async (tx): Promise<PollUpdate> => {
    const [locked] = await tx.select({ id: polls.id }).from(polls).where(eq(polls.id, loaded.poll.id)).for('update');
    if (!locked) throw notFound();
    const mine = await myVotes(tx, loaded.poll.id, userId);
    const next = decide(mine);
    if (next === null || sameSet(mine, next)) return { chat: [], school: null };
    await tx.delete(pollVotes).where(and(eq(pollVotes.pollId, loaded.poll.id), eq(pollVotes.userId, userId)));
    if (next.length > 0) {
      await tx.insert(pollVotes).values(next.map((optionId) => ({ pollId: loaded.poll.id, optionId, userId, createdAt: now })));
    }
    return pollUpdated(tx, loaded, now);
  });
  await publishChatEvents(deps.events, update.chat);
  if (update.school) await deps.events.publish(update.school.room, update.school.event);
}

/** The counts as of this transaction: a chat event appended to the chat's log, or a school event to publish. */
async function pollUpdated(tx: DbOrTx, loaded: LoadedPoll, now: Date): Promise<PollUpdate> {
  const view = (await pollViews(tx, [loaded.poll.id], now)).get(loaded.poll.id);
  if (!view) throw notFound();
  const { container } = loaded;
  if (container.kind === 'chat') {
    return { chat: await appendChatEvents(tx, container.chat.id, [{ type: 'poll.updated', messageId: container.messageId, poll: view }]), school: null };
  }
  const room = schoolRoomOf(container);
  if (!room) throw new Error('a poll outside chats has a school');
  return { chat: [], school: { room, event: { type: 'poll.updated', pollId: loaded.poll.id, poll: view } } };
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * POLL-2, POLL-3: POST /api/polls/:id/votes. Someone who may vote (a member of the chat; a member of the
 * school for a published article's or a news post's poll) chooses one option (several when the
 * poll allows), replacing an earlier choice — unless the poll forbids retracting, then the first vote is
 * final (poll_vote_final). After the deadline: poll_closed.
 */
export async function castVote(
  deps: VoteDeps,
  actor: Actor | null,
  pollId: string,
  input: z.infer<typeof castVoteRequest>,
): Promise<PollAnswer> {
  const loaded = await loadPoll(deps.db, actor, pollId, 'vote');
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
  const loaded = await loadPoll(deps.db, actor, pollId, 'vote');
  if (isClosed(loaded.poll, deps.clock.now())) throw new AppError('poll_closed');
  if (loaded.poll.noRetract) throw new AppError('poll_vote_final');
  await changeVotes(deps, loaded, loaded.actor.userId, (mine) => (mine.length === 0 ? null : []));
  return presentPoll(deps.db, loaded.actor, loaded, deps.clock.now());
}
