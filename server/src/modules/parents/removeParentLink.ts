import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { memberships, parentLinks } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { canSchool, requireActor } from '../../policy/authorize.js';
import { noChatChanges, publishChatChanges } from '../chats/classChats.js';
import { findClass } from '../classes/queries.js';
import { publishAfterCommit, schoolRoom, userRoom } from '../schools/events.js';
import { syncParentsChat } from './parentsChat.js';
import { managesParentsOf } from './policy.js';
import { hasLinksInSchool } from './queries.js';
import { recordAudit } from '../audit/recordAudit.js';

/**
 * PAR-1: a parent's link to a child goes — removed by the administration, the class teacher or the parent. At once:
 * the parent leaves «Родители 7А» unless linked to another child there, and loses the parent role in the school with
 * their last link; their open sockets leave the rooms after commit (the gateway re-reads them on these events).
 */
export async function removeParentLink(deps: Pick<AppDeps, 'db' | 'events'>, actor: Actor | null, linkId: string): Promise<void> {
  requireActor(actor);
  const [link] = await deps.db.select().from(parentLinks).where(eq(parentLinks.id, linkId)).limit(1);
  const cls = link ? await findClass(deps.db, link.classId) : null;
  if (!link || !cls) throw notFound();
  const mine = link.parentId === actor.userId;
  if (!mine && !managesParentsOf(actor, cls)) {
    throw new AppError(canSchool(actor, 'teach', { id: cls.schoolId }) || canSchool(actor, 'manage', { id: cls.schoolId }) ? 'forbidden' : 'not_found');
  }
  const changes = noChatChanges();
  const left = await deps.db.transaction(async (tx) => {
    const gone = await tx.delete(parentLinks).where(eq(parentLinks.id, linkId)).returning({ id: parentLinks.id });
    if (gone.length === 0) throw notFound();
    await recordAudit(tx, actor, {
      schoolId: link.schoolId, kind: 'parent.unlinked', targetType: 'parentLink', targetId: linkId,
      details: { subjectId: link.parentId, childId: link.childId, classId: link.classId },
    });
    await syncParentsChat(tx, cls, actor.userId, changes, link.parentId);
    if (await hasLinksInSchool(tx, link.parentId, link.schoolId)) return false;
    await tx
      .delete(memberships)
      .where(and(eq(memberships.schoolId, link.schoolId), eq(memberships.userId, link.parentId), eq(memberships.role, 'parent')));
    return true;
  });
  await publishChatChanges(deps.events, changes);
  const changed = { type: 'memberships.changed' as const, schoolId: link.schoolId };
  const items: Parameters<typeof publishAfterCommit>[1] = [[userRoom(link.parentId), changed]];
  if (left) items.push([schoolRoom(link.schoolId), changed]);
  await publishAfterCommit(deps.events, items);
}
