import { MAX_MESSAGE_LENGTH, type Message } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { messages } from '../../db/chatSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat } from '../../policy/authorize.js';
import { appendChatEvents, publishChatEvents, type StoredChatEvent } from '../chats/chatEvents.js';
import { findMessageForActor } from './findMessage.js';
import { loadMessage } from './messageViews.js';

/** CHT-2: the author edits their own message while still in the chat; the chat hears message.edited. */
export async function editMessage(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor | null,
  messageId: string,
  rawText: string,
): Promise<Message> {
  const { message, chat } = await findMessageForActor(deps.db, actor, messageId);
  authorizeChat(actor, 'post', chat);
  if (message.authorId !== actor.userId) throw new AppError('forbidden');
  const text = rawText.trim();
  const field = (m: string) => new AppError('invalid_input', { fields: [{ path: 'text', message: m }] });
  if (text.length > MAX_MESSAGE_LENGTH) throw field('too_long');
  if (text.length === 0 && !message.hasAttachments) throw field('empty');
  const editedAt = deps.clock.now();
  let stored: StoredChatEvent[] = [];
  await deps.db.transaction(async (tx) => {
    await tx.update(messages).set({ text, editedAt }).where(eq(messages.id, messageId));
    stored = await appendChatEvents(tx, chat.id, [{ type: 'message.edited', messageId, text, editedAt: editedAt.toISOString() }]);
  });
  await publishChatEvents(deps.events, stored);
  const fresh = await loadMessage(deps.db, messageId);
  if (!fresh) throw notFound();
  return fresh;
}
