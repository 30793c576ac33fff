import type { PersonSummary } from '@parta/contracts';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { messages, pollOptions, polls, pollVotes } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../../db/schema.js';
import { personColumns } from '../schools/people.js';
import type { PollRow } from './pollViews.js';

export async function findPoll(db: DbOrTx, pollId: string): Promise<PollRow | null> {
  const [row] = await db.select().from(polls).where(eq(polls.id, pollId)).limit(1);
  return row ?? null;
}

/**
 * The message that carries the poll, unless deleted: a poll whose message was deleted for everyone
 * is gone for everyone. Filtered by chat first so the chat's (chat_id, seq) index does the work.
 */
export async function pollMessageId(db: DbOrTx, chatId: string, pollId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.chatId, chatId), eq(messages.pollId, pollId), isNull(messages.deletedAt)))
    .limit(1);
  return row?.id ?? null;
}

/** The options this person chose in this poll. */
export async function myVotes(db: DbOrTx, pollId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ optionId: pollVotes.optionId })
    .from(pollVotes)
    .where(and(eq(pollVotes.pollId, pollId), eq(pollVotes.userId, userId)));
  return rows.map((r) => r.optionId);
}

/** Who chose what, in the order they voted. Only ever called for a named poll. */
export async function votersByOption(db: DbOrTx, pollId: string): Promise<{ optionId: string; person: PersonSummary }[]> {
  const rows = await db
    .select({ optionId: pollVotes.optionId, ...personColumns })
    .from(pollVotes)
    .innerJoin(users, eq(users.id, pollVotes.userId))
    .where(eq(pollVotes.pollId, pollId))
    .orderBy(asc(pollVotes.createdAt), asc(users.lastName));
  return rows.map(({ optionId, ...person }) => ({ optionId, person }));
}

/** The poll's option ids in their order. */
export async function optionIdsOf(db: DbOrTx, pollId: string): Promise<string[]> {
  const rows = await db
    .select({ id: pollOptions.id })
    .from(pollOptions)
    .where(eq(pollOptions.pollId, pollId))
    .orderBy(asc(pollOptions.position));
  return rows.map((r) => r.id);
}
