import type { EventBus } from '../../platform/events/bus.js';

/**
 * Events of the school domain. Permission-sensitive changes carry only ids: a client that hears
 * one refetches through the API, which checks access again.
 */
export type SchoolEvent =
  | { type: 'school.updated'; schoolId: string }
  | { type: 'member.joined'; schoolId: string; userId: string; role: string }
  | { type: 'class.created'; schoolId: string; classId: string }
  | { type: 'class.teacherJoined'; schoolId: string; classId: string; userId: string }
  | { type: 'joinRequest.created'; schoolId: string; requestId: string }
  | { type: 'joinRequest.decided'; schoolId: string; requestId: string; status: 'approved' | 'rejected' }
  | { type: 'invite.changed'; schoolId: string; inviteId: string };

export const schoolRoom = (schoolId: string) => `school:${schoolId}`;
export const userRoom = (userId: string) => `user:${userId}`;

/** Call only after the transaction committed: a listener must never hear of a change that rolled back. */
export async function publishAfterCommit(events: EventBus, items: [room: string, event: SchoolEvent][]): Promise<void> {
  for (const [room, event] of items) await events.publish(room, event);
}
