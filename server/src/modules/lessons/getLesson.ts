import type { LessonDetails, LessonSummary } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../lib/errors.js';
import { iceServersFor } from '../../platform/media/turn.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { toIso } from '../chats/queries.js';
import { authorizeLesson, canLesson } from './policy.js';
import { findLesson, type LessonRow, lessonFacts, lessonSummaries, liveLessonIdsFor, participantsOf, presentUserIds } from './queries.js';

/** The call screen's state: participants, hands, switches, what I may do, ICE servers for my browser. */
export async function getLesson(deps: Pick<AppDeps, 'db' | 'config' | 'clock'>, actor: Actor | null, lessonId: string): Promise<LessonDetails> {
  requireActor(actor);
  const lesson = await findLesson(deps.db, lessonId);
  if (!lesson) throw notFound();
  const facts = await lessonFacts(deps.db, lesson, actor.userId);
  authorizeLesson(actor, 'view', lesson, facts);
  return presentLesson(deps, actor, lesson, facts);
}

export async function presentLesson(
  deps: Pick<AppDeps, 'db' | 'config' | 'clock'>,
  actor: Actor,
  lesson: LessonRow,
  facts: Awaited<ReturnType<typeof lessonFacts>>,
): Promise<LessonDetails> {
  const [summary] = await lessonSummaries(deps.db, [lesson.id]);
  if (!summary) throw notFound();
  const [people, present] = [await participantsOf(deps.db, lesson.id), new Set(await presentUserIds(deps.db, lesson.id))];
  const manage = canLesson(actor, 'manage', lesson, facts);
  return {
    lesson: summary,
    locked: lesson.locked,
    mutedAll: lesson.mutedAll,
    participants: people
      .filter((p) => p.removedAt === null || present.has(p.person.id))
      .map((p) => ({
        person: p.person,
        host: p.person.id === lesson.hostId,
        present: present.has(p.person.id),
        handRaisedAt: p.handRaisedAt ? toIso(p.handRaisedAt) : null,
      })),
    can: {
      manage,
      attendance: canLesson(actor, 'attendance', lesson, facts),
      unmute: !lesson.mutedAll || lesson.hostId === actor.userId,
    },
    iceServers: iceServersFor(deps.config.media, actor.userId, deps.clock.now()),
    simulcast: deps.config.media.simulcast,
  };
}

/** DASH-1 / VID-5: lessons going on that I may join, newest first. */
export async function listLiveLessons(deps: Pick<AppDeps, 'db'>, actor: Actor | null): Promise<LessonSummary[]> {
  requireActor(actor);
  return lessonSummaries(deps.db, await liveLessonIdsFor(deps.db, actor.userId));
}
