import type { AttendanceResponse } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { getAttendance } from './attendance.js';

/** Russian schools' default when the browser did not say its zone. */
const DEFAULT_TIME_ZONE = 'Europe/Moscow';

/**
 * An IANA time zone as the runtime knows it, in its canonical spelling («europe/moscow» → «Europe/Moscow»); an
 * unknown one is `time_zone_invalid`. Intl is the judge, so the zones are exactly those the formatting can use.
 */
export function resolveTimeZone(tz: string | undefined): string {
  if (tz === undefined || tz === '') return DEFAULT_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    throw new AppError('time_zone_invalid');
  }
}

/**
 * ATT-1's «Скачать CSV»: the attendance the screen shows, with times in the zone of the person downloading it (the
 * browser sends its own), so the file and the screen agree; the column headers name the zone.
 */
export async function exportAttendanceCsv(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  lessonId: string,
  tz: string | undefined,
): Promise<{ fileName: string; title: string; body: string }> {
  requireActor(actor);
  const data = await getAttendance(deps, actor, lessonId);
  const timeZone = resolveTimeZone(tz);
  const day = localDay(data.lesson.startedAt, timeZone);
  return {
    fileName: `attendance-${day}.csv`,
    title: `Посещаемость ${data.lesson.title} ${day}.csv`,
    body: attendanceCsv(data, timeZone),
  };
}

/** 2026-09-01 as the lesson's day is in that zone (a lesson at 23:30 UTC is the next day in Moscow). */
function localDay(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleDateString('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
}

/**
 * The same as CSV for Excel: UTF-8 with a BOM (so Cyrillic opens right), `;` separated as Russian Excel expects.
 * «Учитывается» says whether the row counts in «пришли X из Y» (a teacher who came uninvited does not).
 */
export function attendanceCsv(data: AttendanceResponse['data'], timeZone: string): string {
  const time = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString('ru-RU', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).replace(',', '') : '';
  const cell = (v: string) => (/[";\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const header = [
    'Фамилия', 'Имя', 'Отчество', 'Роль', 'Статус', `Первый вход (${timeZone})`, `Последний выход (${timeZone})`,
    'Минут в уроке', 'Входов', 'Учитывается',
  ];
  const lines = data.rows.map((r) => {
    const last = r.intervals.at(-1);
    return [
      r.person.lastName, r.person.firstName, r.person.middleName ?? '',
      r.host ? 'Ведущий' : 'Участник',
      // Neutral for both genders, as school forms write it.
      r.status === 'present' ? 'Присутствовал(а)' : 'Отсутствовал(а)',
      time(r.firstJoinedAt), time(last ? (last.leftAt ?? null) : null),
      (r.seconds / 60).toFixed(1).replace('.', ','), String(r.intervals.length),
      r.counted ? 'да' : 'нет',
    ].map(cell).join(';');
  });
  return `\uFEFF${[header.map(cell).join(';'), ...lines].join('\r\n')}\r\n`;
}
