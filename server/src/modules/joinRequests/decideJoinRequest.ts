import type { JoinRequest } from '@parta/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { classes, joinRequests } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool } from '../../policy/authorize.js';
import { publishAfterCommit, schoolAdminRoom, schoolRoom, userRoom } from '../schools/events.js';
import { grantRole } from '../schools/grantRole.js';
import { noChatChanges, publishChatChanges } from '../chats/classChats.js';
import { findJoinRequestRow, loadJoinRequest } from './queries.js';
import { authorizeParentRequest } from '../parents/reviewParentRequests.js';
import { linkParent } from '../parents/linkParent.js';
import { recordAudit } from '../audit/recordAudit.js';

/**
 * ORG-4: the administration approves or rejects a pending request. Approval makes the
 * membership exactly as an invitation would (a teacher with subjects in the requested classes,
 * a student in their class). A rejection may say why (`reason`), which the applicant sees with the
 * outcome. Deciding twice is refused, so two administrators never both act.
 */
export async function decideJoinRequest(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor | null,
  requestId: string,
  decision: 'approved' | 'rejected',
  opts: { reason?: string } = {},
): Promise<JoinRequest> {
  const found = await findJoinRequestRow(deps.db, requestId);
  if (!found) throw notFound();
  // A parent's request is also the class teacher's to decide (PAR-1); every other one the administrator's.
  const classTeacherId = found.role === 'parent' ? await authorizeParentRequest(deps.db, actor, found) : null;
  if (found.role !== 'parent') authorizeSchool(actor, 'reviewRequests', { id: found.schoolId });
  const now = deps.clock.now();
  const chatChanges = noChatChanges();
  const joined = await deps.db.transaction(async (tx) => {
    const [req] = await tx
      .update(joinRequests)
      .set({
        status: decision,
        decidedBy: actor!.userId,
        decidedAt: now,
        rejectReason: decision === 'rejected' && opts.reason ? opts.reason : null,
      })
      .where(and(eq(joinRequests.id, requestId), eq(joinRequests.status, 'pending')))
      .returning();
    if (!req) throw new AppError('request_already_decided');
    await recordAudit(tx, actor, {
      schoolId: req.schoolId, kind: decision === 'approved' ? 'request.approved' : 'request.rejected', targetType: 'joinRequest',
      targetId: requestId, details: { subjectId: req.userId, role: req.role, reason: opts.reason ?? null },
    });
    if (decision === 'rejected') return false;
    // A parent who named children is linked to them (PAR-1); an older request without children only joins.
    if (req.role === 'parent' && req.childIds.length > 0) return linkParent(tx, req, actor!.userId, now, chatChanges);
    // Classes deleted since the request was made are skipped, not a reason to fail.
    const live =
      req.classIds.length === 0
        ? []
        : (await tx.select({ id: classes.id }).from(classes).where(and(eq(classes.schoolId, req.schoolId), inArray(classes.id, req.classIds)))).map(
            (c) => c.id,
          );
    return grantRole(tx, {
      schoolId: req.schoolId,
      userId: req.userId,
      role: req.role,
      classId: live[0] ?? null,
      classIds: live,
      subjects: req.subjects,
    }, chatChanges);
  });
  const decided = { type: 'joinRequest.decided' as const, schoolId: found.schoolId, requestId, status: decision };
  const items: Parameters<typeof publishAfterCommit>[1] = [
    // The administration's badge and list; the applicant's «Одобрена» / «Отклонена» — nobody else's.
    [schoolAdminRoom(found.schoolId), decided],
    [userRoom(found.userId), decided],
  ];
  if (classTeacherId) items.push([userRoom(classTeacherId), decided]);
  if (joined) {
    const event = { type: 'member.joined' as const, schoolId: found.schoolId, userId: found.userId, role: found.role };
    // In the applicant's room it also moves their open sockets into the school's and class's rooms.
    items.push([schoolRoom(found.schoolId), event], [userRoom(found.userId), event]);
  }
  await publishAfterCommit(deps.events, items);
  await publishChatChanges(deps.events, chatChanges);
  const result = await loadJoinRequest(deps.db, requestId);
  if (!result) throw notFound();
  return result;
}
