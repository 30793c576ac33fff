import type { SchoolEvent } from '@parta/contracts';
import type { EventBus } from '../../platform/events/bus.js';

export type { SchoolEvent };

export const schoolRoom = (schoolId: string) => `school:${schoolId}`;
export const userRoom = (userId: string) => `user:${userId}`;

/**
 * Publishes the school domain's events (catalogued in contracts: schoolEvent). Call only after
 * the transaction committed: a listener must never hear of a change that rolled back.
 */
export async function publishAfterCommit(events: EventBus, items: [room: string, event: SchoolEvent][]): Promise<void> {
  for (const [room, event] of items) await events.publish(room, event);
}
