import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat, type ChatAction, requireActor } from '../../policy/authorize.js';
import { type ChatForActor, findChatForUser } from '../chats/queries.js';
import type { PollRow } from './pollViews.js';
import { findPoll, pollMessageId } from './queries.js';

export interface PollInChat {
  poll: PollRow;
  chat: ChatForActor;
  messageId: string;
}

/**
 * A poll and its chat, authorized for `action` on the chat: someone who may not see the chat gets
 * the same 404 as for a poll that does not exist. Polls outside chats (articles) are not served yet.
 */
export async function loadPoll(
  db: DbOrTx,
  actor: Actor | null,
  pollId: string,
  action: ChatAction,
): Promise<PollInChat & { actor: Actor }> {
  requireActor(actor);
  const poll = await findPoll(db, pollId);
  if (!poll?.chatId) throw notFound();
  const chat = await findChatForUser(db, poll.chatId, actor.userId);
  if (!chat) throw notFound();
  authorizeChat(actor, action, chat);
  const messageId = await pollMessageId(db, poll.chatId, poll.id);
  if (!messageId) throw notFound();
  return { poll, chat, messageId, actor };
}
