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
 * Appends events to a chat's log inside the caller's transaction. One UPDATE hands out all the
 * numbers at once; its row lock orders concurrent writers, so seqs have no gaps and no repeats.
 */
export async function appendChatEvents(tx: DbOrTx, chatId: string, events: ChatEvent[]): Promise<StoredChatEvent[]> {
  if (events.length === 0) return [];
  const [row] = await tx
    .update(chats)
    .set({ lastSeq: sql`${chats.lastSeq} + ${events.length}` })
    .where(eq(chats.id, chatId))
    .returning({ lastSeq: chats.lastSeq });
  if (!row) throw new Error(`chat ${chatId} vanished while appending events`);
  const first = row.lastSeq - events.length + 1;
  const stored = events.map((event, i) => ({ chatId, seq: first + i, event }));
  await tx.insert(chatEvents).values(stored.map((s) => ({ chatId, seq: s.seq, type: s.event.type, payload: s.event })));
  return stored;
}

/** Publishes stored events to their chats' rooms. Call only after the transaction committed. */
export async function publishChatEvents(bus: EventBus, stored: StoredChatEvent[]): Promise<void> {
  for (const s of stored) {
    const envelope: ChatEventEnvelope = { type: 'chat.event', ...s };
    await bus.publish(`chat:${s.chatId}`, { ...envelope });
  }
}
