import type { z } from 'zod';
import type { noticesResponse } from '@parta/contracts';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { safetyNotices } from '../../db/safetySchema.js';
import { schools } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';

/** My unread notices (a warning from the administration; for administrators, urgent reports): shown at the top of the app. */
export async function listNotices(deps: Pick<AppDeps, 'db'>, actor: Actor | null): Promise<z.infer<typeof noticesResponse>['data']> {
  requireActor(actor);
  const rows = await deps.db
    .select({ n: safetyNotices, schoolName: schools.name })
    .from(safetyNotices)
    .leftJoin(schools, eq(schools.id, safetyNotices.schoolId))
    .where(and(eq(safetyNotices.userId, actor.userId), isNull(safetyNotices.readAt)))
    .orderBy(desc(safetyNotices.createdAt))
    .limit(20);
  return rows.map(({ n, schoolName }) => ({
    id: n.id,
    kind: n.kind === 'warning' ? 'warning' : 'urgent_report',
    createdAt: n.createdAt.toISOString(),
    schoolName: schoolName ?? null,
    // A warned person learns that a report was made, not which or by whom.
    reportId: n.kind === 'urgent_report' ? n.reportId : null,
  }));
}

/** «Понятно»: the notice is read. Someone else's notice is not found. */
export async function readNotice(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor | null, noticeId: string): Promise<void> {
  requireActor(actor);
  const rows = await deps.db
    .update(safetyNotices)
    .set({ readAt: deps.clock.now() })
    .where(and(eq(safetyNotices.id, noticeId), eq(safetyNotices.userId, actor.userId)))
    .returning({ id: safetyNotices.id });
  if (rows.length === 0) throw notFound();
}
