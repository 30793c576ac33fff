import { and, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { classes, joinRequests, parentLinks } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { publishAfterCommit, schoolAdminRoom, userRoom } from '../schools/events.js';
import { spendInviteUse } from '../invites/queries.js';
import { studentsOfClass } from './queries.js';

export interface ParentInvite {
  id: string;
  schoolId: string;
  classId: string | null;
  /** A student's own link: only this child may be chosen. */
  childId: string | null;
}

/**
 * PAR-1 «Присоединиться» on a parent's link, with the ticked children: a pending request the class teacher (or the
 * administration) approves. Until then the person is nothing in the school and sees nothing of the class. The link's
 * use is spent in the same transaction as the request, so a refusal spends none and a one-time link serves once.
 */
export async function requestAsParent(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor,
  inv: ParentInvite,
  childIds: string[],
): Promise<{ schoolId: string; status: 'requested' }> {
  if (!inv.classId) throw new AppError('invite_invalid');
  const classId = inv.classId;
  const chosen = [...new Set(inv.childId ? [inv.childId] : childIds)];
  if (chosen.length === 0) throw new AppError('children_required');
  if (inv.childId && childIds.some((c) => c !== inv.childId)) throw new AppError('invalid_input');
  if (chosen.includes(actor.userId)) throw new AppError('invalid_input');
  const found = await studentsOfClass(deps.db, classId, chosen);
  if (found.length !== chosen.length) throw notFound();
  const linked = await deps.db
    .select({ childId: parentLinks.childId })
    .from(parentLinks)
    .where(and(eq(parentLinks.parentId, actor.userId), eq(parentLinks.classId, classId), inArray(parentLinks.childId, chosen)));
  const fresh = chosen.filter((c) => !linked.some((l) => l.childId === c));
  if (fresh.length === 0) throw new AppError('already_linked');

  const requestId = await deps.db.transaction(async (tx) => {
    const spent = await spendInviteUse(tx, inv.id, deps.clock.now());
    if (!spent) throw new AppError('invite_invalid');
    // The partial unique index on pending requests settles a double click or a request already waiting.
    const [row] = await tx
      .insert(joinRequests)
      .values({ schoolId: inv.schoolId, userId: actor.userId, role: 'parent', classIds: [classId], childIds: fresh })
      .onConflictDoNothing()
      .returning({ id: joinRequests.id });
    if (!row) throw new AppError('request_pending');
    return row.id;
  });
  const [cls] = await deps.db.select({ classTeacherId: classes.classTeacherId }).from(classes).where(eq(classes.id, classId));
  const created = { type: 'joinRequest.created' as const, schoolId: inv.schoolId, requestId };
  const items: Parameters<typeof publishAfterCommit>[1] = [
    [schoolAdminRoom(inv.schoolId), created],
    [userRoom(actor.userId), created],
  ];
  // The class teacher's «Заявки» badge: they are not in the administration's room.
  if (cls?.classTeacherId) items.push([userRoom(cls.classTeacherId), created]);
  await publishAfterCommit(deps.events, items);
  return { schoolId: inv.schoolId, status: 'requested' };
}
