import { inTurn } from '../../db/inTurn.js';
import type { PollView } from '@parta/contracts';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { pollOptions, polls, pollVotes } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';

export type PollRow = typeof polls.$inferSelect;

/** Voting has stopped: the deadline has come. */
export function isClosed(poll: Pick<PollRow, 'deadline'>, now: Date): boolean {
  return poll.deadline !== null && poll.deadline.getTime() <= now.getTime();
}

/**
 * POLL-3: polls as every reader sees them — options with vote counts and the number of people who
 * voted. Counts only: nothing here can name a voter, which is what keeps anonymous polls anonymous.
 * Three queries for any number of polls. `now` decides `closed`; pass the app clock's time.
 */
export async function pollViews(db: DbOrTx, pollIds: string[], now: Date = new Date()): Promise<Map<string, PollView>> {
  const ids = [...new Set(pollIds)];
  const out = new Map<string, PollView>();
  if (ids.length === 0) return out;
  const [pollRows, optionRows, voterRows] = await inTurn([
    () => db.select().from(polls).where(inArray(polls.id, ids)),
    () =>
      db
      .select({
        id: pollOptions.id,
        pollId: pollOptions.pollId,
        text: pollOptions.text,
        votes: sql<number>`count(${pollVotes.userId})::int`,
      })
      .from(pollOptions)
      .leftJoin(pollVotes, eq(pollVotes.optionId, pollOptions.id))
      .where(inArray(pollOptions.pollId, ids))
      .groupBy(pollOptions.id)
      .orderBy(asc(pollOptions.position)),
    () =>
      db
      .select({ pollId: pollVotes.pollId, voters: sql<number>`count(distinct ${pollVotes.userId})::int` })
      .from(pollVotes)
      .where(inArray(pollVotes.pollId, ids))
      .groupBy(pollVotes.pollId),
  ] as const);
  const voters = new Map(voterRows.map((r) => [r.pollId, Number(r.voters)]));
  for (const p of pollRows) {
    out.set(p.id, {
      id: p.id,
      question: p.question,
      color: p.color,
      anonymous: p.anonymous,
      multiple: p.multiple,
      noRetract: p.noRetract,
      deadline: p.deadline?.toISOString() ?? null,
      closed: isClosed(p, now),
      options: optionRows.filter((o) => o.pollId === p.id).map((o) => ({ id: o.id, text: o.text, votes: Number(o.votes) })),
      totalVoters: voters.get(p.id) ?? 0,
    });
  }
  return out;
}
