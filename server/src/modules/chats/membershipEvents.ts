import type { ChatEvent } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import type { EventBus } from '../../platform/events/bus.js';
import { userRoom } from '../schools/events.js';
import { appendChatEvents, publishChatEvents, type StoredChatEvent } from './chatEvents.js';

/** Appends member.added / member.removed to the chat's log, inside the caller's transaction. */
export async function recordMembershipChange(
  tx: DbOrTx,
  chatId: string,
  change: { added?: string[]; removed?: string[] },
): Promise<StoredChatEvent[]> {
  const events: ChatEvent[] = [
    ...(change.added ?? []).map((userId): ChatEvent => ({ type: 'member.added', userId })),
    ...(change.removed ?? []).map((userId): ChatEvent => ({ type: 'member.removed', userId })),
  ];
  return appendChatEvents(tx, chatId, events);
}

/**
 * After commit: the chat's room hears the events, and each person added or removed hears
 * `chats.changed` in their own room, so the gateway joins or leaves the chat's room on their sockets at once.
 */
export async function publishMembershipChange(bus: EventBus, stored: StoredChatEvent[], people: string[]): Promise<void> {
  await publishChatEvents(bus, stored);
  for (const userId of new Set(people)) await bus.publish(userRoom(userId), { type: 'chats.changed' });
}
