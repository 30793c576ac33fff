import type { Message, MyReportsResponse, ReportView } from '@parta/contracts';
import { and, asc, between, count, desc, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { messages } from '../../db/chatSchema.js';
import { reports } from '../../db/safetySchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool, requireActor } from '../../policy/authorize.js';
import { loadMessages } from '../messages/messageViews.js';
import { findReport, loadReports } from './queries.js';

const strip = <T extends { row: unknown }>({ row: _row, ...rest }: T): Omit<T, 'row'> => rest;

/** «Жалобы»: the school's reports, new first by default; its administration only (others 404, members 403). */
export async function listReports(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor | null,
  schoolId: string,
  status: 'new' | 'decided' | undefined,
): Promise<ReportView[]> {
  authorizeSchool(actor, 'manage', { id: schoolId });
  const rows = await loadReports(deps.db, actor!, and(eq(reports.schoolId, schoolId), status ? eq(reports.status, status) : undefined));
  return rows.map(strip);
}

/** The «Жалобы» badge: new reports, and how many of them are urgent. */
export async function reportBadge(deps: Pick<AppDeps, 'db'>, actor: Actor | null, schoolId: string): Promise<{ count: number; urgent: number }> {
  authorizeSchool(actor, 'manage', { id: schoolId });
  const rows = await deps.db
    .select({ reason: reports.reason, n: count() })
    .from(reports)
    .where(and(eq(reports.schoolId, schoolId), eq(reports.status, 'new')))
    .groupBy(reports.reason);
  return {
    count: rows.reduce((s, r) => s + Number(r.n), 0),
    urgent: Number(rows.find((r) => r.reason === 'danger')?.n ?? 0),
  };
}

/** One report with its context: for a message, up to five messages before and after it in its chat. */
export async function getReport(deps: Pick<AppDeps, 'db'>, actor: Actor | null, reportId: string): Promise<ReportView & { context: Message[] }> {
  requireActor(actor);
  const found = await findReport(deps.db, reportId);
  if (!found) throw notFound();
  authorizeSchool(actor, 'manage', { id: found.schoolId });
  const [view] = await loadReports(deps.db, actor, eq(reports.id, reportId), 1);
  if (!view) throw notFound();
  let context: Message[] = [];
  if (found.targetType === 'message' && found.chatId) {
    const [m] = await deps.db.select({ seq: messages.seq }).from(messages).where(eq(messages.id, found.targetId)).limit(1);
    if (m) context = await loadMessages(deps.db, and(eq(messages.chatId, found.chatId), between(messages.seq, m.seq - 5, m.seq + 5)));
  }
  return { ...strip(view), context };
}

/** «Мои жалобы»: what I reported, newest first, and what came of it (never who decided). */
export async function listMyReports(deps: Pick<AppDeps, 'db'>, actor: Actor | null): Promise<MyReportsResponse['data']> {
  requireActor(actor);
  const rows = await deps.db
    .select()
    .from(reports)
    .where(eq(reports.reporterId, actor.userId))
    .orderBy(desc(reports.createdAt), asc(reports.id))
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    reason: r.reason,
    targetType: r.targetType,
    excerpt: r.excerpt,
    status: r.status,
    outcomes: r.outcomes,
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
  }));
}
