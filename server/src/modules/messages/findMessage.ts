import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { messageAttachments, messages } from '../../db/chatSchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat } from '../../policy/authorize.js';
import { type ChatForActor, findChatForUser } from '../chats/queries.js';

export interface MessageInChat {
  message: { id: string; chatId: string; seq: number; authorId: string; deleted: boolean; hasAttachments: boolean };
  chat: ChatForActor;
}

/** A live message and its chat, for someone who may see the chat; anything else is 404. Two queries. */
export async function findMessageForActor(db: DbOrTx, actor: Actor | null, messageId: string): Promise<MessageInChat> {
  const [row] = await db
    .select({
      id: messages.id,
      chatId: messages.chatId,
      seq: messages.seq,
      authorId: messages.authorId,
      deletedAt: messages.deletedAt,
      attachment: messageAttachments.fileId,
    })
    .from(messages)
    .leftJoin(messageAttachments, eq(messageAttachments.messageId, messages.id))
    .where(eq(messages.id, messageId))
    .limit(1);
  if (!row || row.deletedAt) throw notFound();
  const chat = await findChatForUser(db, row.chatId, actor?.userId ?? null);
  if (!chat) throw notFound();
  authorizeChat(actor, 'view', chat);
  return {
    message: { id: row.id, chatId: row.chatId, seq: row.seq, authorId: row.authorId, deleted: false, hasAttachments: row.attachment !== null },
    chat,
  };
}
