import type { AuditEntry, AuditKind, PersonSummary } from '@parta/contracts';
import type { z } from 'zod';
import type { auditCsvQuery } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { auditLog } from '../../db/auditSchema.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool } from '../../policy/authorize.js';
import { resolveTimeZone } from '../lessons/attendanceCsv.js';
import { auditPage, CSV_MAX } from './listAudit.js';

/** The kinds in the words of the screen «Журнал действий» (web: i18n audit.kinds, same words). */
export const auditKindText: Record<AuditKind, string> = {
  'role.granted': 'Назначена роль',
  'role.revoked': 'Снята роль',
  'request.approved': 'Заявка одобрена',
  'request.rejected': 'Заявка отклонена',
  'member.removed': 'Участник удалён',
  'parent.unlinked': 'Родитель отвязан',
  'invite.created': 'Создано приглашение',
  'invite.revoked': 'Приглашение отозвано',
  'message.removed': 'Сообщение удалено',
  'message.hidden': 'Сообщение скрыто',
  'chat.memberRemoved': 'Удалён из чата',
  'chat.writeBanned': 'Запрет писать в чате',
  'person.warned': 'Предупреждение',
  'report.decided': 'Жалоба рассмотрена',
  'school.updated': 'Изменена информация о школе',
};

const name = (p: PersonSummary | null) => (p ? [p.lastName, p.firstName, p.middleName ?? ''].join(' ').trim() : '');

/** The details as a short line: «роль: teacher; чат: 7А; до: …». Keys stay as written (ids are left out). */
function detailsText(d: Record<string, unknown>): string {
  return Object.entries(d)
    .filter(([k, v]) => !k.endsWith('Id') && v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
}

/**
 * «Журнал действий» → «Скачать CSV»: the lines the filter shows, newest first — UTF-8 with a BOM (Excel opens Cyrillic
 * right), `;` separated as Russian Excel expects, times in the downloader's zone.
 */
export async function exportAuditCsv(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor | null,
  schoolId: string,
  q: z.infer<typeof auditCsvQuery>,
): Promise<string> {
  authorizeSchool(actor, 'manage', { id: schoolId });
  const timeZone = resolveTimeZone(q.tz);
  const page = await auditPage(deps.db, eq(auditLog.schoolId, schoolId), { actorId: q.actorId, kind: q.kind }, CSV_MAX);
  return auditCsv(page.data, timeZone);
}

export function auditCsv(lines: AuditEntry[], timeZone: string): string {
  // A name or chat typed as «=…» must not run as a formula in Excel: such a cell starts with an apostrophe.
  const cell = (raw: string) => {
    const v = /^[=+\-@]/.test(raw) ? `'${raw}` : raw;
    return /[";\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  };
  const when = (iso: string) =>
    new Date(iso).toLocaleString('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const header = ['Когда', 'Кто', 'Действие', 'Кого касается', 'Подробности', 'IP-адрес'];
  const rows = lines.map((l) =>
    [when(l.createdAt), name(l.actor), auditKindText[l.kind] ?? l.kind, name(l.subject), detailsText(l.details), l.ip ?? ''].map(cell).join(';'),
  );
  return `\uFEFF${[header.map(cell).join(';'), ...rows].join('\r\n')}\r\n`;
}
