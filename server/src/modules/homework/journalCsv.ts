import type { Journal } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import type { Actor } from '../../policy/actor.js';
import { resolveTimeZone } from '../lessons/attendanceCsv.js';
import { getJournal } from './getJournal.js';

const markText: Record<string, string> = { pass: 'зачёт', fail: 'незачёт' };

/**
 * «Журнал» → «Скачать CSV»: the journal the screen shows, as attendance exports it — UTF-8 with a BOM (so Excel opens
 * Cyrillic right), `;` separated as Russian Excel expects; due dates in the downloader's zone.
 */
export async function exportJournalCsv(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor | null,
  classId: string,
  q: { subject?: string | undefined; tz?: string | undefined },
): Promise<{ fileName: string; title: string; body: string }> {
  const timeZone = resolveTimeZone(q.tz);
  const journal = await getJournal(deps, actor, classId, q.subject);
  return {
    fileName: 'journal.csv',
    // Through UTF-8 and back: a lone surrogate in a subject becomes U+FFFD, so the header's encoding cannot fail.
    title: Buffer.from(`Журнал ${journal.className}${journal.subject ? ` ${journal.subject}` : ''}.csv`, 'utf8').toString('utf8'),
    body: journalCsv(journal, timeZone),
  };
}

export function journalCsv(j: Journal, timeZone: string): string {
  // A title typed as «=…» must not run as a formula in Excel: such a cell starts with an apostrophe.
  const cell = (raw: string) => {
    const v = /^[=+\-@]/.test(raw) ? `'${raw}` : raw;
    return /[";\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  };
  const day = (iso: string) => new Date(iso).toLocaleDateString('ru-RU', { timeZone, day: '2-digit', month: '2-digit' });
  const header = ['Ученик', ...j.assignments.map((a) => `${a.title} (${day(a.dueAt)})`), 'Средний балл'];
  const lines = j.rows.map((r) =>
    [
      [r.student.lastName, r.student.firstName, r.student.middleName ?? ''].join(' ').trim(),
      ...j.assignments.map((a) => {
        const v = r.marks[a.id];
        return v ? (markText[v] ?? v) : '';
      }),
      r.average === null ? '' : r.average.toFixed(2).replace('.', ','),
    ].map(cell).join(';'),
  );
  return `\uFEFF${[header.map(cell).join(';'), ...lines].join('\r\n')}\r\n`;
}
