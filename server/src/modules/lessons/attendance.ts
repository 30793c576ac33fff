import type { AttendanceResponse, AttendanceRow } from '@parta/contracts';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { lessons } from '../../db/lessonSchema.js';
import { classTeachers } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { classPeople, toIso } from '../chats/queries.js';
import { authorizeLesson } from './policy.js';
import { findLesson, lessonFacts, lessonSummaries, participantsOf, presenceOf } from './queries.js';

/**
 * ATT-1: who was in a lesson, when and for how long. «пришли X из Y» counts only those the lesson was for: the
 * people called or invited, and in a class lesson the class's students (also one who joined the class after the
 * lesson started and came). Anyone else who came — another teacher of the class, an administrator, the host — is
 * listed as present without counting; one who did not come is not listed, never as absent. The host, the class's
 * teachers and the school's administrators see it; it stays after the lesson ends.
 */
export async function getAttendance(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  lessonId: string,
): Promise<AttendanceResponse['data']> {
  requireActor(actor);
  const lesson = await findLesson(deps.db, lessonId);
  if (!lesson) throw notFound();
  authorizeLesson(actor, 'attendance', lesson, await lessonFacts(deps.db, lesson, actor.userId));
  const [summary] = await lessonSummaries(deps.db, [lessonId]);
  if (!summary) throw notFound();
  const people = await participantsOf(deps.db, lessonId);
  const stays = await presenceOf(deps.db, lessonId);
  // A chat lesson (even a class chat's) is for those called from the chat; a class lesson for the class's pupils.
  const pupils = lesson.classId && !lesson.chatId ? (await classPeople(deps.db, lesson.classId)).students : new Set<string>();
  const until = lesson.endedAt ?? deps.clock.now();
  const rows: AttendanceRow[] = [];
  for (const p of people) {
    const mine = stays.filter((s) => s.userId === p.person.id);
    const host = p.person.id === lesson.hostId;
    const counted = !host && (p.called || pupils.has(p.person.id));
    if (!counted && mine.length === 0) continue;
    const ms = mine.reduce((sum, s) => sum + Math.max(0, (s.leftAt ?? until).getTime() - s.joinedAt.getTime()), 0);
    const first = mine[0];
    rows.push({
      person: p.person,
      host,
      called: p.called,
      counted,
      status: mine.length > 0 ? 'present' : 'absent',
      intervals: mine.map((s) => ({ joinedAt: toIso(s.joinedAt), leftAt: s.leftAt ? toIso(s.leftAt) : null })),
      firstJoinedAt: first ? toIso(first.joinedAt) : null,
      seconds: Math.round(ms / 1000),
    });
  }
  // Those who came first (by arrival), then the absent alphabetically (participantsOf is alphabetical).
  const arrival = (r: AttendanceRow) => (r.firstJoinedAt ? Date.parse(r.firstJoinedAt) : Number.POSITIVE_INFINITY);
  rows.sort((a, b) => arrival(a) - arrival(b));
  const expected = rows.filter((r) => r.counted);
  return { lesson: summary, rows, came: expected.filter((r) => r.status === 'present').length, expected: expected.length };
}

/** Past and live lessons of a school whose attendance I may see, newest first. */
export async function lessonHistory(deps: Pick<AppDeps, 'db'>, actor: Actor | null, schoolId: string, limit: number) {
  requireActor(actor);
  const roles = rolesIn(actor, schoolId);
  if (roles.length === 0) throw notFound();
  const admin = roles.includes('admin');
  const rows = await deps.db
    .select({ id: lessons.id })
    .from(lessons)
    .where(
      and(
        eq(lessons.schoolId, schoolId),
        admin
          ? undefined
          : or(
              eq(lessons.hostId, actor.userId),
              inArray(lessons.classId, deps.db.select({ id: classTeachers.classId }).from(classTeachers).where(eq(classTeachers.userId, actor.userId))),
              sql`false`,
            ),
      ),
    )
    .orderBy(desc(lessons.startedAt))
    .limit(limit);
  return lessonSummaries(deps.db, rows.map((r) => r.id));
}
