import type { PersonSummary, ReportView } from '@parta/contracts';
import { desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { chats } from '../../db/chatSchema.js';
import { reports } from '../../db/safetySchema.js';
import { users } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { canSchool } from '../../policy/authorize.js';

export type ReportRow = typeof reports.$inferSelect;

const person = (u: ReturnType<typeof alias<typeof users, string>>) => ({
  id: u.id, firstName: u.firstName, lastName: u.lastName, middleName: u.middleName,
});

/** Reports matching `where` with the people and chat they name, newest first: one query. */
export async function loadReports(db: DbOrTx, actor: Actor, where: SQL | undefined, limit = 200): Promise<(ReportView & { row: ReportRow })[]> {
  const reporter = alias(users, 'report_reporter');
  const subject = alias(users, 'report_subject');
  const decider = alias(users, 'report_decider');
  const rows = await db
    .select({
      r: reports,
      reporter: person(reporter),
      subject: person(subject),
      decider: person(decider),
      chatName: chats.name,
      chatKind: chats.kind,
    })
    .from(reports)
    .innerJoin(reporter, eq(reporter.id, reports.reporterId))
    .leftJoin(subject, eq(subject.id, reports.subjectId))
    .leftJoin(decider, eq(decider.id, reports.decidedBy))
    .leftJoin(chats, eq(chats.id, reports.chatId))
    .where(where)
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(limit);
  return rows.map(({ r, reporter: rep, subject: sub, decider: dec, chatName, chatKind }) => {
    const decide = canDecideReports(actor, r.schoolId) && r.status === 'new';
    return {
      row: r,
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      reason: r.reason,
      urgent: r.reason === 'danger',
      targetType: r.targetType,
      targetId: r.targetId,
      chat: r.chatId ? { id: r.chatId, name: chatKind === 'personal' ? 'Личный чат' : (chatName ?? '') } : null,
      excerpt: r.excerpt,
      comment: r.comment,
      reporter: rep as PersonSummary,
      subject: sub?.id ? (sub as PersonSummary) : null,
      status: r.status,
      outcomes: r.outcomes,
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      decidedBy: dec?.id ? (dec as PersonSummary) : null,
      can: {
        decide,
        hide: decide && (r.targetType === 'message' || r.targetType === 'news' || r.targetType === 'comment'),
        ban: decide && r.chatId !== null && r.subjectId !== null,
        remove: decide && r.chatId !== null && r.subjectId !== null && chatKind !== 'personal',
      },
    };
  });
}

/**
 * Who decides reports: the school's administrators. Not a class teacher on their own: a report may be about a
 * colleague, and a ban or removal is the school's decision, on the record of «Журнал действий».
 */
export function canDecideReports(actor: Actor | null, schoolId: string): boolean {
  return canSchool(actor, 'manage', { id: schoolId });
}

export async function findReport(db: DbOrTx, reportId: string): Promise<ReportRow | null> {
  const [row] = await db.select().from(reports).where(eq(reports.id, reportId)).limit(1);
  return row ?? null;
}
