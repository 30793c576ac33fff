import type { AttendanceResponse, AttendanceRow } from '@parta/contracts';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { lessons } from '../../db/lessonSchema.js';
import { classTeachers } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { toIso } from '../chats/queries.js';
import { authorizeLesson } from './policy.js';
import { findLesson, lessonFacts, lessonSummaries, participantsOf, presenceOf } from './queries.js';

/**
 * ATT-1: who was in a lesson, when and for how long; those called who never came are absent. The host, the
 * class's teachers and the school's administrators see it; it stays after the lesson ends.
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
  const until = lesson.endedAt ?? deps.clock.now();
  const rows: AttendanceRow[] = people.map((p) => {
    const mine = stays.filter((s) => s.userId === p.person.id);
    const ms = mine.reduce((sum, s) => sum + Math.max(0, (s.leftAt ?? until).getTime() - s.joinedAt.getTime()), 0);
    const first = mine[0];
    return {
      person: p.person,
      host: p.person.id === lesson.hostId,
      called: p.called,
      status: mine.length > 0 ? 'present' : 'absent',
      intervals: mine.map((s) => ({ joinedAt: toIso(s.joinedAt), leftAt: s.leftAt ? toIso(s.leftAt) : null })),
      firstJoinedAt: first ? toIso(first.joinedAt) : null,
      seconds: Math.round(ms / 1000),
    };
  });
  // Those who came first (by arrival), then the absent alphabetically (participantsOf is alphabetical).
  const arrival = (r: AttendanceRow) => (r.firstJoinedAt ? Date.parse(r.firstJoinedAt) : Number.POSITIVE_INFINITY);
  rows.sort((a, b) => arrival(a) - arrival(b));
  return { lesson: summary, rows };
}

/** The same as CSV for Excel: UTF-8 with a BOM (so Cyrillic opens right), `;` separated as Russian Excel expects. */
export function attendanceCsv(data: AttendanceResponse['data'], timeZone = 'Europe/Moscow'): string {
  const time = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString('ru-RU', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).replace(',', '') : '';
  const cell = (v: string) => (/[";\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const header = ['Фамилия', 'Имя', 'Отчество', 'Роль', 'Статус', 'Первый вход', 'Последний выход', 'Минут в уроке', 'Входов'];
  const lines = data.rows.map((r) => {
    const last = r.intervals.at(-1);
    return [
      r.person.lastName, r.person.firstName, r.person.middleName ?? '',
      r.host ? 'Ведущий' : 'Участник',
      // Neutral for both genders, as school forms write it.
      r.status === 'present' ? 'Присутствовал(а)' : 'Отсутствовал(а)',
      time(r.firstJoinedAt), time(last ? (last.leftAt ?? null) : null),
      (r.seconds / 60).toFixed(1).replace('.', ','), String(r.intervals.length),
    ].map(cell).join(';');
  });
  return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`;
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
