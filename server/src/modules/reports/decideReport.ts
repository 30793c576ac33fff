import type { BanDuration, DecideReportRequest, ReportAction, ReportOutcome, ReportView } from '@parta/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { chats, messages } from '../../db/chatSchema.js';
import { chatRestrictions, reports, safetyNotices } from '../../db/safetySchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool, requireActor } from '../../policy/authorize.js';
import { recordAudit } from '../audit/recordAudit.js';
import { publishChatEvents, type StoredChatEvent } from '../chats/chatEvents.js';
import { removeChatMember } from '../chats/removeChatMember.js';
import { eraseMessage } from '../messages/deleteMessage.js';
import { deleteNewsComment } from '../news/comments.js';
import { deleteNewsPost } from '../news/deleteNewsPost.js';
import { publishNotices, publishReportChanged } from './events.js';
import { findReport, loadReports } from './queries.js';

const HOUR = 3600_000;
const banMs: Record<BanDuration, number> = { '1h': HOUR, '1d': 24 * HOUR, '1w': 7 * 24 * HOUR };
const outcomeOf: Record<ReportAction, ReportOutcome> = {
  hide: 'hidden', warn: 'warned', ban: 'banned', remove: 'removed', dismiss: 'dismissed',
};

/**
 * SAFE-1: the school's administration decides a new report, with one or more of: hides the item (a message shows «Сообщение скрыто
 * администрацией» to the chat at once), warns the person (an in-app notice), bans them from writing in the chat for an
 * hour, a day or a week, removes them from the chat, or dismisses it. Each action and the decision are lines of
 * «Журнал действий», written in the decision's transaction (removal from a chat and hiding a news post go through
 * their own use-cases, which write their own line). A report is decided once: a second decision is 409.
 */
export async function decideReport(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor | null,
  reportId: string,
  input: DecideReportRequest,
): Promise<ReportView> {
  requireActor(actor);
  const report = await findReport(deps.db, reportId);
  if (!report) throw notFound();
  authorizeSchool(actor, 'manage', { id: report.schoolId });
  const [view] = await loadReports(deps.db, actor, eq(reports.id, reportId), 1);
  if (!view) throw notFound();
  if (report.status !== 'new') throw new AppError('report_already_decided');
  const actions = new Set(input.actions);
  const allowed = { hide: view.can.hide, warn: report.subjectId !== null, ban: view.can.ban, remove: view.can.remove, dismiss: true };
  const invalid = (path: string, message: string) => new AppError('invalid_input', { fields: [{ path, message }] });
  if (![...actions].every((a) => allowed[a])) throw invalid('actions', 'not_applicable');
  if (actions.has('dismiss') && actions.size > 1) throw invalid('actions', 'dismiss_alone');
  if (actions.has('ban') && !input.banFor) throw invalid('banFor', 'required');
  const outcomes = [...actions].map((a) => outcomeOf[a]);

  const now = deps.clock.now();
  const actorId = actor.userId;
  let chatEventsToPublish: StoredChatEvent[] = [];
  let notices: { id: string; userId: string }[] = [];
  await deps.db.transaction(async (tx) => {
    const decided = await tx
      .update(reports)
      .set({ status: 'decided', outcomes, decidedBy: actorId, decidedAt: now })
      .where(and(eq(reports.id, reportId), eq(reports.status, 'new')))
      .returning({ id: reports.id });
    if (decided.length === 0) throw new AppError('report_already_decided');
    const [chat] = report.chatId ? await tx.select({ name: chats.name, kind: chats.kind }).from(chats).where(eq(chats.id, report.chatId)) : [];
    const chatName = chat ? (chat.kind === 'personal' ? 'Личный чат' : chat.name) : null;
    const base = { schoolId: report.schoolId };
    if (actions.has('hide') && report.targetType === 'message') {
      const [m] = await tx
        .select({ id: messages.id, seq: messages.seq, chatId: messages.chatId })
        .from(messages)
        .where(and(eq(messages.id, report.targetId), isNull(messages.deletedAt)))
        .limit(1);
      if (m) chatEventsToPublish = await eraseMessage(tx, m.chatId, m, actorId, now, true);
      await recordAudit(tx, actor, {
        ...base, kind: 'message.hidden', targetType: 'message', targetId: report.targetId,
        details: { subjectId: report.subjectId, chatId: report.chatId, chatName, reportId },
      });
    }
    if (actions.has('warn') && report.subjectId) {
      notices = await tx
        .insert(safetyNotices)
        .values({ userId: report.subjectId, schoolId: report.schoolId, kind: 'warning', reportId })
        .returning({ id: safetyNotices.id, userId: safetyNotices.userId });
      await recordAudit(tx, actor, { ...base, kind: 'person.warned', targetType: 'user', targetId: report.subjectId, details: { subjectId: report.subjectId, reportId } });
    }
    if (actions.has('ban') && report.subjectId && report.chatId && input.banFor) {
      const until = new Date(now.getTime() + banMs[input.banFor]);
      await tx.insert(chatRestrictions).values({ chatId: report.chatId, userId: report.subjectId, kind: 'ban', until, createdBy: actorId });
      await recordAudit(tx, actor, {
        ...base, kind: 'chat.writeBanned', targetType: 'chat', targetId: report.chatId,
        details: { subjectId: report.subjectId, chatName, duration: input.banFor, until: until.toISOString(), reportId },
      });
    }
    await recordAudit(tx, actor, {
      ...base, kind: 'report.decided', targetType: 'report', targetId: reportId,
      details: { subjectId: report.subjectId, reason: report.reason, outcomes, item: report.targetType },
    });
  });
  // Committed: the chat sees the message hidden, the person their warning, the reporter the outcome.
  await publishChatEvents(deps.events, chatEventsToPublish);
  await publishNotices(deps.events, notices);
  if (actions.has('remove') && report.chatId && report.subjectId) {
    // Already gone from the chat (left, or removed by a moderator meanwhile): the decision stands.
    await removeChatMember(deps, actor, report.chatId, report.subjectId).catch((err: unknown) => {
      if (!(err instanceof AppError && err.code === 'not_found')) throw err;
    });
  }
  if (actions.has('hide') && report.targetType === 'news') await deleteNewsPost(deps, actor, report.targetId);
  if (actions.has('hide') && report.targetType === 'comment') await deleteNewsComment(deps, actor, report.targetId);
  await publishReportChanged(deps.events, report.schoolId, reportId, report.reporterId);
  const [after] = await loadReports(deps.db, actor, eq(reports.id, reportId), 1);
  if (!after) throw notFound();
  const { row: _row, ...rest } = after;
  return rest;
}
