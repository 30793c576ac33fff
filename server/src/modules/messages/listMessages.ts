import type { Message } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat } from '../../policy/authorize.js';
import { findChatForUser } from '../chats/queries.js';
import { historyPage } from './messageViews.js';

/** CHT-2: history that scrolls back, newest page first; four queries per page whatever its size. */
export async function listMessages(
  db: DbOrTx,
  actor: Actor | null,
  chatId: string,
  page: { beforeSeq?: number | undefined; limit: number },
): Promise<{ data: Message[]; hasMore: boolean; lastSeq: number }> {
  const chat = await findChatForUser(db, chatId, actor?.userId ?? null);
  if (!chat) throw notFound();
  authorizeChat(actor, 'view', chat);
  // Read before the page, so the page reflects every event up to it (seqs are handed out under the chat's row lock).
  return { ...(await historyPage(db, chatId, page.beforeSeq, page.limit)), lastSeq: chat.row.lastSeq };
}
