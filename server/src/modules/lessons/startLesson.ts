import type { LessonSummary, StartLessonRequest } from '@parta/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { lessonParticipants, lessons } from '../../db/lessonSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';
import { canChat, requireActor } from '../../policy/authorize.js';
import { chatMembersOf, classPeople, findChatForUser } from '../chats/queries.js';
import { findClass } from '../classes/queries.js';
import { className } from '../schools/people.js';
import { announceLesson } from './events.js';
import { canCallFromChat } from './policy.js';
import { audienceOf, lessonSummaries } from './queries.js';

interface Plan {
  schoolId: string;
  classId: string | null;
  chatId: string | null;
  title: string;
  /** Rung now. */
  called: string[];
}

/**
 * VID-2 / CHT-4 / DASH-1: starts a lesson. For a class: a teacher of the class or an administrator; the class's
 * students are called (its other teachers are not rung: they see the lesson going on and may come in, and
 * attendance does not count them). From a chat: those `canCallFromChat` allows (the rule the chat's `can.call` shows); `userIds`
 * picks whom to call, empty calls everyone («Позвонить всем»). A lesson already going
 * on for the class or chat comes back instead (created=false) and nobody is rung twice.
 */
export async function startLesson(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor | null,
  input: StartLessonRequest,
): Promise<{ lesson: LessonSummary; created: boolean }> {
  requireActor(actor);
  const plan = await planLesson(deps, actor, input);
  const existing = await liveLessonOf(deps, plan);
  if (existing) return { lesson: existing, created: false };
  const now = deps.clock.now();
  const lessonId = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(lessons)
      .values({ schoolId: plan.schoolId, classId: plan.classId, chatId: plan.chatId, title: plan.title, hostId: actor.userId, startedAt: now })
      .onConflictDoNothing()
      .returning({ id: lessons.id });
    // Someone started the same class's or chat's lesson a moment ago: theirs is the one.
    if (!row) return null;
    const people = new Set([...plan.called, actor.userId]);
    await tx.insert(lessonParticipants).values([...people].map((userId) => ({ lessonId: row.id, userId, called: userId !== actor.userId })));
    return row.id;
  });
  if (!lessonId) {
    const theirs = await liveLessonOf(deps, plan);
    if (!theirs) throw notFound();
    return { lesson: theirs, created: false };
  }
  const [lesson] = await lessonSummaries(deps.db, [lessonId]);
  if (!lesson) throw notFound();
  await announceLesson(deps.events, lesson, plan.called, await audienceOf(deps.db, plan));
  return { lesson, created: true };
}

async function planLesson(deps: Pick<AppDeps, 'db'>, actor: Actor, input: StartLessonRequest): Promise<Plan> {
  if (input.kind === 'class') {
    const cls = await findClass(deps.db, input.classId);
    if (!cls) throw notFound();
    const roles = rolesIn(actor, cls.schoolId);
    if (roles.length === 0) throw notFound();
    const people = await classPeople(deps.db, cls.id);
    if (!roles.includes('admin') && !people.teachers.has(actor.userId)) throw new AppError('forbidden');
    const called = [...people.students].filter((id) => id !== actor.userId);
    return { schoolId: cls.schoolId, classId: cls.id, chatId: null, title: className(cls.grade, cls.letter), called };
  }
  const chat = await findChatForUser(deps.db, input.chatId, actor.userId);
  if (!chat || chat.schoolId === null || !canChat(actor, 'view', chat)) throw notFound();
  if (!canCallFromChat(actor, chat)) throw new AppError('forbidden');
  const members = await chatMembersOf(deps.db, chat.id);
  const memberIds = new Set(members.map((m) => m.id));
  const chosen = [...new Set(input.userIds)].filter((id) => id !== actor.userId);
  if (!chosen.every((id) => memberIds.has(id))) {
    throw new AppError('invalid_input', { fields: [{ path: 'userIds', message: 'not_in_chat' }] });
  }
  const called = chosen.length > 0 ? chosen : [...memberIds].filter((id) => id !== actor.userId);
  const title = chat.kind === 'personal' ? '' : chat.row.name;
  return { schoolId: chat.schoolId, classId: chat.row.classId, chatId: chat.id, title, called };
}

async function liveLessonOf(deps: Pick<AppDeps, 'db'>, plan: Plan): Promise<LessonSummary | null> {
  const where = plan.chatId
    ? and(eq(lessons.chatId, plan.chatId), isNull(lessons.endedAt))
    : and(eq(lessons.classId, plan.classId ?? ''), isNull(lessons.chatId), isNull(lessons.endedAt));
  const [row] = await deps.db.select({ id: lessons.id }).from(lessons).where(where).limit(1);
  if (!row) return null;
  const [summary] = await lessonSummaries(deps.db, [row.id]);
  return summary ?? null;
}
