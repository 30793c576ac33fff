import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import type { DbOrTx } from '../../db/client.js';
import { chatEvents, messageAttachments, messages } from '../../db/chatSchema.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat, canChat } from '../../policy/authorize.js';
import { appendChatEvents, publishChatEvents, type StoredChatEvent } from '../chats/chatEvents.js';
import { findMessageForActor } from './findMessage.js';
import { recordAudit } from '../audit/recordAudit.js';

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
    stored = await eraseMessage(tx, chat.id, message, actor!.userId, now, false);
    // Someone else's message removed by the chat's moderators or the administration: a moderation, on the record.
    if (!own) {
      await recordAudit(tx, actor, {
        schoolId: chat.schoolId, kind: 'message.removed', targetType: 'message', targetId: messageId,
        details: { subjectId: message.authorId, chatId: chat.id, chatName: chat.row.name },
      });
    }
  });
  await publishChatEvents(deps.events, stored);
}

/**
 * Inside a transaction: blanks a message for everyone (its row, attachments and the event log's copies of its text)
 * and appends `message.deleted`. `hidden`: the administration hid it on a report (SAFE-1), shown as «Сообщение скрыто
 * администрацией»; the report keeps the text as evidence.
 */
export async function eraseMessage(
  tx: DbOrTx,
  chatId: string,
  message: { id: string; seq: number },
  by: string,
  now: Date,
  hidden: boolean,
): Promise<StoredChatEvent[]> {
  const messageId = message.id;
  await tx.update(messages).set({ text: '', deletedAt: now, deletedBy: by, ...(hidden ? { hiddenAt: now } : {}) }).where(eq(messages.id, messageId));
  await tx.delete(messageAttachments).where(eq(messageAttachments.messageId, messageId));
  const flags = hidden ? sql`'{"deleted": true, "hidden": true}'::jsonb` : sql`'{"deleted": true}'::jsonb`;
  await tx
    .update(chatEvents)
    .set({
      payload: sql`jsonb_set(${chatEvents.payload}, '{message}', (${chatEvents.payload}->'message') || jsonb_build_object('text', '', 'attachments', '[]'::jsonb) || ${flags})`,
    })
    .where(and(eq(chatEvents.chatId, chatId), eq(chatEvents.seq, message.seq), eq(chatEvents.type, 'message.created')));
  await tx
    .update(chatEvents)
    .set({ payload: sql`jsonb_set(${chatEvents.payload}, '{text}', '""')` })
    .where(and(eq(chatEvents.chatId, chatId), eq(chatEvents.type, 'message.edited'), sql`${chatEvents.payload}->>'messageId' = ${messageId}`));
  return appendChatEvents(tx, chatId, [hidden ? { type: 'message.deleted', messageId, hidden: true } : { type: 'message.deleted', messageId }]);
}
