import type { CreateReportRequest } from '@parta/contracts';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { reports, safetyNotices } from '../../db/safetySchema.js';
import { memberships } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { notifyByPush } from '../push/notify.js';
import { publishNotices, publishReportChanged } from './events.js';
import { resolveReported } from './resolveTarget.js';

/**
 * SAFE-1 «Пожаловаться»: anyone who can see a message, post, comment or article (or shares a school with a person)
 * reports it to that school's administration with a reason. «Опасность» is urgent: every administrator of the school
 * gets a push and an in-app notice at once. The reporter's name is shown to the administration, never to the person
 * reported. Counted against the `reports` request budget.
 */
export async function createReport(deps: Pick<AppDeps, 'db' | 'events'>, actor: Actor | null, input: CreateReportRequest): Promise<{ id: string }> {
  requireActor(actor);
  const item = await resolveReported(deps.db, actor, input);
  const urgent = input.reason === 'danger';
  const { id, notices } = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reports)
      .values({
        schoolId: item.schoolId,
        reporterId: actor.userId,
        targetType: input.targetType,
        targetId: input.targetId,
        subjectId: item.subjectId,
        chatId: item.chatId,
        reason: input.reason,
        comment: input.comment ? input.comment : null,
        excerpt: item.excerpt,
      })
      .returning({ id: reports.id });
    const reportId = row!.id;
    if (!urgent) return { id: reportId, notices: [] };
    const admins = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.schoolId, item.schoolId), eq(memberships.role, 'admin')));
    const made = admins.length
      ? await tx
          .insert(safetyNotices)
          .values(admins.map((a) => ({ userId: a.userId, schoolId: item.schoolId, kind: 'urgent_report', reportId })))
          .returning({ id: safetyNotices.id, userId: safetyNotices.userId })
      : [];
    return { id: reportId, notices: made };
  });
  await publishReportChanged(deps.events, item.schoolId, id);
  if (urgent) {
    await publishNotices(deps.events, notices);
    await notifyByPush(
      deps.events,
      notices.map((n) => n.userId),
      { title: 'Срочная жалоба: опасность', body: 'Ученик или сотрудник сообщил об опасности. Откройте «Жалобы».', url: `/reports/${id}`, tag: `report:${id}` },
    );
  }
  return { id };
}
