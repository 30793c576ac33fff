import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { polls, pollVotes } from '../../db/chatSchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat, requireActor } from '../../policy/authorize.js';
import { findChatForUser } from '../chats/queries.js';

/** My own choices in every poll of a chat, in one query: only ever the asker's votes. */
export async function myPollVotes(deps: Pick<AppDeps, 'db'>, actor: Actor | null, chatId: string): Promise<Record<string, string[]>> {
  requireActor(actor);
  const chat = await findChatForUser(deps.db, chatId, actor.userId);
  if (!chat) throw notFound();
  authorizeChat(actor, 'view', chat);
  const rows = await deps.db
    .select({ pollId: pollVotes.pollId, optionId: pollVotes.optionId })
    .from(pollVotes)
    .innerJoin(polls, eq(polls.id, pollVotes.pollId))
    .where(and(eq(polls.chatId, chatId), eq(pollVotes.userId, actor.userId)));
  const out: Record<string, string[]> = {};
  for (const r of rows) out[r.pollId] = [...(out[r.pollId] ?? []), r.optionId];
  return out;
}
