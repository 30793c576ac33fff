import type { z } from 'zod';
import type { createInviteRequest, createInviteResponse } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool } from '../../policy/authorize.js';
import { findClass } from '../classes/queries.js';
import { publishAfterCommit, schoolRoom } from '../schools/events.js';
import { insertInviteLink, inviteUrl } from './inviteLink.js';
import { schoolInvites } from './queries.js';
import { authorizeParentInvite } from '../parents/authorizeParentInvite.js';
import { recordAudit } from '../audit/recordAudit.js';

/**
 * ORG-3: an administrator makes a link for a role and, for a teacher or a student, a class. A parent's link (PAR-1)
 * names a class and may also be made by that class's class teacher.
 * The raw token is in this answer only.
 */
export async function createInvite(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock' | 'secret'>,
  actor: Actor | null,
  schoolId: string,
  input: z.infer<typeof createInviteRequest>,
  baseUrl: string,
): Promise<z.infer<typeof createInviteResponse>['data']> {
  if (input.role === 'parent') await authorizeParentInvite(deps.db, actor, schoolId, input.classId);
  else authorizeSchool(actor, 'invite', { id: schoolId });
  if ((input.role === 'student' || input.role === 'parent') && !input.classId) throw new AppError('class_required');
  // An administrator's or a leader's place is the whole school, not a class.
  if ((input.role === 'admin' || input.role === 'leader') && input.classId) throw new AppError('invalid_input');
  if (input.classId) {
    const cls = await findClass(deps.db, input.classId);
    if (!cls || cls.schoolId !== schoolId) throw notFound();
  }
  const now = deps.clock.now();
  const { row, token } = await deps.db.transaction(async (tx) => {
    const made = await insertInviteLink(tx, deps.secret, now, {
      schoolId,
      role: input.role,
      classId: input.classId,
      expiresInDays: input.expiresInDays,
      maxUses: input.maxUses,
      createdBy: actor!.userId,
    });
    await recordAudit(tx, actor, {
      schoolId, kind: 'invite.created', targetType: 'invite', targetId: made.row.id,
      details: { role: input.role, classId: input.classId ?? null, maxUses: input.maxUses ?? null },
    });
    return made;
  });
  const [created] = await schoolInvites(deps.db, schoolId, now, row.id);
  if (!created) throw notFound();
  await publishAfterCommit(deps.events, [[schoolRoom(schoolId), { type: 'invite.changed', schoolId, inviteId: row.id }]]);
  return { ...created, token, url: inviteUrl(baseUrl, token) };
}
