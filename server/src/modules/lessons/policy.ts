import { AppError } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';
import type { ChatRef } from '../../policy/authorize.js';

/**
 * Lessons (VID, ATT-1). A lesson is judged by what the actor is to it, worked out by `lessonFacts`:
 * its audience (the class's students and teachers, or the chat's members) may come in, as may anyone called
 * or invited; the host and the school's administrators run it; the host, the class's teachers and the
 * administrators see attendance. Everyone else gets 404: a lesson is not theirs to find.
 */
export type LessonAction = 'view' | 'join' | 'manage' | 'attendance';

export interface LessonRef {
  schoolId: string;
  hostId: string;
  classId: string | null;
  chatId: string | null;
}

/** What the actor is to one lesson, from one query (see queries.lessonFacts). */
export interface LessonFacts {
  /** A student or teacher of the class, or a member of the chat. */
  inAudience: boolean;
  /** Teaches the lesson's class (class_teachers). */
  teachesClass: boolean;
  /** Has a participant row (called, invited or came before). */
  participant: boolean;
  removed: boolean;
}

const isAdmin = (actor: Actor, lesson: LessonRef) => rolesIn(actor, lesson.schoolId).includes('admin');

const rules: Record<LessonAction, (actor: Actor, lesson: LessonRef, f: LessonFacts) => boolean> = {
  view: (a, l, f) => l.hostId === a.userId || f.inAudience || f.participant || isAdmin(a, l),
  // A removed participant still sees the lesson exists (they were in it) but may not come back.
  join: (a, l, f) => l.hostId === a.userId || isAdmin(a, l) || ((f.inAudience || f.participant) && !f.removed),
  manage: (a, l) => l.hostId === a.userId || isAdmin(a, l),
  attendance: (a, l, f) => l.hostId === a.userId || isAdmin(a, l) || f.teachesClass,
};

export function canLesson(actor: Actor | null, action: LessonAction, lesson: LessonRef, facts: LessonFacts): boolean {
  return actor !== null && rules[action](actor, lesson, facts);
}

/** 404 for those who may not see the lesson, 403 (or the given code) for the rest. */
export function authorizeLesson(
  actor: Actor | null,
  action: LessonAction,
  lesson: LessonRef,
  facts: LessonFacts,
): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (canLesson(actor, action, lesson, facts)) return;
  if (!canLesson(actor, 'view', lesson, facts)) throw new AppError('not_found');
  if (action === 'join' && facts.removed) throw new AppError('lesson_removed');
  throw new AppError('forbidden');
}

/**
 * CHT-4: who may start a call from a chat (the camera icon right of its name). Either side of a personal chat; in
 * a class, public or group chat its owner and moderators and the school's teachers and administrators who are in
 * it; the school's administrators also from a chat they look at without being in it. Pupils do not ring a whole
 * chat. A lesson belongs to a school, so a chat without one never calls. The one rule: `POST /lessons` refuses by
 * it and the chat's `can.call` (what the browser shows) is computed by it.
 */
export function canCallFromChat(actor: Actor, chat: Pick<ChatRef, 'kind' | 'schoolId' | 'myRole'>): boolean {
  if (chat.schoolId === null) return false;
  const roles = rolesIn(actor, chat.schoolId);
  if (chat.myRole === null) return chat.kind !== 'personal' && roles.includes('admin');
  if (chat.kind === 'personal' || chat.myRole === 'owner' || chat.myRole === 'moderator') return true;
  return roles.includes('teacher') || roles.includes('admin');
}
