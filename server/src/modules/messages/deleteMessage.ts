import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { chatEvents, messageAttachments, messages } from '../../db/chatSchema.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat, canChat } from '../../policy/authorize.js';
import { appendChatEvents, publishChatEvents, type StoredChatEvent } from '../chats/chatEvents.js';
import { findMessageForActor } from './findMessage.js';

/**
 * CHT-2 «Удалить для всех»: the author while in the chat, the chat's owner or moderators, or an administrator of
 * the school (not in personal chats). The text and attachments are gone for everyone: the row keeps its place
 * in history as deleted, the event log's copies of the text are blanked (a replay never shows what was
 * removed), the files lose their link to the chat, and the chat hears message.deleted.
 */
export async function deleteMessage(deps: Pick<AppDeps, 'db' | 'events' | 'clock'>, actor: Actor | null, messageId: string): Promise<void> {
  const { message, chat } = await findMessageForActor(deps.db, actor, messageId);
  const own = actor !== null && message.authorId === actor.userId && canChat(actor, 'post', chat);
  if (!own) authorizeChat(actor, 'moderate', chat);
  const now = deps.clock.now();
  let stored: StoredChatEvent[] = [];
  await deps.db.transaction(async (tx) => {
    await tx.update(messages).set({ text: '', deletedAt: now, deletedBy: actor!.userId }).where(eq(messages.id, messageId));
    await tx.delete(messageAttachments).where(eq(messageAttachments.messageId, messageId));
    await tx
      .update(chatEvents)
      .set({
        payload: sql`jsonb_set(jsonb_set(jsonb_set(${chatEvents.payload}, '{message,text}', '""'), '{message,attachments}', '[]'), '{message,deleted}', 'true')`,
      })
      .where(and(eq(chatEvents.chatId, chat.id), eq(chatEvents.seq, message.seq), eq(chatEvents.type, 'message.created')));
    await tx
      .update(chatEvents)
      .set({ payload: sql`jsonb_set(${chatEvents.payload}, '{text}', '""')` })
      .where(and(eq(chatEvents.chatId, chat.id), eq(chatEvents.type, 'message.edited'), sql`${chatEvents.payload}->>'messageId' = ${messageId}`));
    stored = await appendChatEvents(tx, chat.id, [{ type: 'message.deleted', messageId }]);
  });
  await publishChatEvents(deps.events, stored);
}
