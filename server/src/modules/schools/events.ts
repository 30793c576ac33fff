import type { SchoolEvent } from '@parta/contracts';
import type { EventBus } from '../../platform/events/bus.js';

export type { SchoolEvent };

export const schoolRoom = (schoolId: string) => `school:${schoolId}`;
export const userRoom = (userId: string) => `user:${userId}`;
/** The school's administration only: join requests are theirs to review, not every member's to hear of. */
export const schoolAdminRoom = (schoolId: string) => `school-admin:${schoolId}`;
/** The people of one class: its students and the teachers who teach there. */
export const classRoom = (classId: string) => `class:${classId}`;

/**
 * Publishes the school domain's events (catalogued in contracts: schoolEvent). Call only after
 * the transaction committed: a listener must never hear of a change that rolled back.
 */
export async function publishAfterCommit(events: EventBus, items: [room: string, event: SchoolEvent][]): Promise<void> {
  for (const [room, event] of items) await events.publish(room, event);
}
