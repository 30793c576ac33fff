import type { ChatSummary } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { type ChatListFilter, listChatsOfUser, unreadTotals } from './queries.js';

/**
 * CHT-2 / DASH-3: my chats under «Сообщения», newest last message first, with unread counts, previews and
 * member counts; searchable by name and filtered by kind and school. Two queries however many chats.
 * Only my own memberships are read, so the list needs no further policy check.
 */
export async function listChats(
  db: DbOrTx,
  actor: Actor | null,
  filter: ChatListFilter,
): Promise<{ data: ChatSummary[]; totalUnread: number }> {
  requireActor(actor);
  const [data, totals] = await Promise.all([listChatsOfUser(db, actor.userId, filter), unreadTotals(db, actor.userId)]);
  return { data, totalUnread: totals.totalUnread };
}

/** The left menu's «Сообщения» badge. */
export async function countUnread(db: DbOrTx, actor: Actor | null) {
  requireActor(actor);
  return { data: await unreadTotals(db, actor.userId) };
}
