import type { ChatEvent } from '@parta/contracts';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { chatEvents, chats } from '../../db/chatSchema.js';
import type { EventBus } from '../../platform/events/bus.js';

/** A chat event with the sequence number it was stored under. */
export interface StoredChatEvent {
  chatId: string;
  seq: number;
  event: ChatEvent;
}

/** What travels on the event bus to room `chat:<id>`. */
export interface ChatEventEnvelope extends StoredChatEvent {
  type: 'chat.event';
}

/**
 * Hands out `count` consecutive sequence numbers of a chat inside the caller's transaction and
 * returns the first. The UPDATE's row lock orders concurrent writers: no gaps, no repeats.
 * Use it when an event must carry its own seq (a message's seq is its `message.created` seq).
 */
export async function reserveSeqs(tx: DbOrTx, chatId: string, count: number): Promise<number> {
  const [row] = await tx
    .update(chats)
    .set({ lastSeq: sql`${chats.lastSeq} + ${count}` })
    .where(eq(chats.id, chatId))
    .returning({ lastSeq: chats.lastSeq });
  if (!row) throw new Error(`chat ${chatId} vanished while reserving sequence numbers`);
  return row.lastSeq - count + 1;
}

/**
 * reserveSeqs for new messages: the same row lock also stamps the chat's last message time, which orders
 * the list under «Сообщения», so sending costs one UPDATE per chat per batch.
 */
export async function reserveMessageSeqs(tx: DbOrTx, chatId: string, count: number, at: Date): Promise<number> {
  const [row] = await tx
    .update(chats)
    .set({ lastSeq: sql`${chats.lastSeq} + ${count}`, lastMessageAt: at })
    .where(eq(chats.id, chatId))
    .returning({ lastSeq: chats.lastSeq });
  if (!row) throw new Error(`chat ${chatId} vanished while reserving sequence numbers`);
  return row.lastSeq - count + 1;
}

/** Writes events whose seqs were reserved, in one multi-row INSERT. */
export async function insertChatEvents(tx: DbOrTx, stored: StoredChatEvent[]): Promise<void> {
  if (stored.length === 0) return;
  await tx
    .insert(chatEvents)
    .values(stored.map((s) => ({ chatId: s.chatId, seq: s.seq, type: s.event.type, payload: s.event })));
}

/** Appends events to a chat's log inside the caller's transaction: reserve, then insert. */
export async function appendChatEvents(tx: DbOrTx, chatId: string, events: ChatEvent[]): Promise<StoredChatEvent[]> {
  if (events.length === 0) return [];
  const first = await reserveSeqs(tx, chatId, events.length);
  const stored = events.map((event, i) => ({ chatId, seq: first + i, event }));
  await insertChatEvents(tx, stored);
  return stored;
}

/**
 * Publishes stored events to their chats' rooms. Call only after the transaction committed.
 * All are issued at once, in order (a bus delivers locally as it is called, and Redis keeps one connection's
 * order), then awaited together: a batch of 500 messages costs one round trip to Redis, not 500.
 */
export async function publishChatEvents(bus: EventBus, stored: StoredChatEvent[]): Promise<void> {
  await Promise.all(
    stored.map((s) => {
      const envelope: ChatEventEnvelope = { type: 'chat.event', ...s };
      return bus.publish(`chat:${s.chatId}`, { ...envelope });
    }),
  );
}
