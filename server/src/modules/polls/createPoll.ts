import type { Message, createPollRequest } from '@parta/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat, requireActor } from '../../policy/authorize.js';
import { publishChatEvents } from '../chats/chatEvents.js';
import { findChatForUser } from '../chats/queries.js';
import { writeMessages } from '../messages/writeMessages.js';
import { insertPoll } from './insertPoll.js';
import { canCreatePoll } from './policy.js';

/**
 * POLL-1, POLL-2: «+» → «Опрос» → «Прикрепить опрос». The poll and the message that carries it are
 * written in one transaction (the message's `message.created` event holds the poll's view), and
 * published to the chat after commit.
 */
export async function createPoll(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor | null,
  chatId: string,
  input: z.infer<typeof createPollRequest>,
): Promise<Message> {
  requireActor(actor);
  const chat = await findChatForUser(deps.db, chatId, actor.userId);
  if (!chat) throw notFound();
  authorizeChat(actor, 'post', chat);
  if (!canCreatePoll(actor, chat)) throw new AppError('forbidden');

  const { messages, events } = await deps.db.transaction(async (tx) => {
    const pollId = await insertPoll(tx, actor.userId, input, { now: deps.clock.now(), chatId });
    return writeMessages(tx, [
      // The question doubles as the message text, so chat lists and notifications show what the poll asks.
      { chatId, authorId: actor.userId, clientId: null, text: input.question, replyToId: null, fileIds: [], pollId },
    ]);
  });
  await publishChatEvents(deps.events, events);
  const message = messages[0];
  if (!message) throw new Error('poll message not written');
  return message;
}
