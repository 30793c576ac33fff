import type { LessonEvent, LessonFeed, LessonSummary, LessonUserEvent } from '@parta/contracts';
import type { EventBus } from '../../platform/events/bus.js';

/** The room of one lesson: sockets of people in the call (they enter it with a `lesson.enter` frame). */
export const lessonRoom = (lessonId: string) => `lesson:${lessonId}`;

/** Published after commit to the people in the call. */
export function publishToLesson(events: EventBus, lessonId: string, event: LessonEvent): Promise<void> {
  return events.publish(lessonRoom(lessonId), event);
}

/** Published after commit to each person (their `user:` rooms, on every node). */
export async function publishToUsers(events: EventBus, userIds: Iterable<string>, event: LessonUserEvent): Promise<void> {
  await Promise.all([...new Set(userIds)].map((id) => events.publish(`user:${id}`, event)));
}

/** Rings the people called (VID-2) and tells the audience a lesson is going on (VID-5, DASH-1). */
export async function announceLesson(events: EventBus, lesson: LessonSummary, called: string[], audience: string[]): Promise<void> {
  await publishToUsers(events, called.filter((id) => id !== lesson.host.id), { type: 'lesson.calling', lesson });
  await publishToUsers(events, [...audience, ...called, lesson.host.id], { type: 'lessons.changed' });
}

/**
 * Internal to the server (not forwarded to browsers): the media side must drop a person's streams (removed) or
 * recheck who may speak (muted-all changed), on whichever node holds them; and the nodes of one lesson tell each
 * other whose feeds they hold, so every tab sees everyone's whatever node its socket reached.
 */
export const lessonControlRoom = (lessonId: string) => `lesson-control:${lessonId}`;
export type LessonControl =
  | { type: 'lesson.drop'; userId: string; reason: 'removed' | 'left' }
  | { type: 'lesson.closed' }
  | { type: 'lesson.audio'; mutedAll: boolean; hostId: string }
  /** A node's whole list of the feeds it holds in the lesson (sent on every change). */
  | { type: 'lesson.feeds'; node: string; feeds: LessonFeed[] }
  /** A person's tab entered the lesson's media on `node`: any other node holding them lets go. */
  | { type: 'lesson.entered'; node: string; userId: string }
  /** A node newly live in the lesson asks the others for their lists. */
  | { type: 'lesson.sync'; node: string };
export function publishControl(events: EventBus, lessonId: string, control: LessonControl): Promise<void> {
  return events.publish(lessonControlRoom(lessonId), control);
}
