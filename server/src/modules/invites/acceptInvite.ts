import type { z } from 'zod';
import type { acceptInviteRequest } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { AppError, notFound } from '../../lib/errors.js';
import { keyedHash } from '../../lib/secrets.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishAfterCommit, schoolRoom, userRoom } from '../schools/events.js';
import { grantRole } from '../schools/grantRole.js';
import { noChatChanges, publishChatChanges } from '../chats/classChats.js';
import { findInviteByHash, spendInviteUse } from './queries.js';
import { requestByInvite } from './requestByInvite.js';
import { requestAsParent } from '../parents/requestAsParent.js';

/**
 * «Присоединиться»: the signed-in person takes the link's role (and class). The use is counted
 * and the membership made in one transaction, so a refusal (already a member) spends no use and a
 * link's last use goes to exactly one person. A link that needs approval files a join request instead.
 */
export async function acceptInvite(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock' | 'secret'>,
  actor: Actor | null,
  token: string,
  input: z.infer<typeof acceptInviteRequest>,
): Promise<{ schoolId: string; status: 'joined' | 'requested' }> {
  requireActor(actor);
  const inv = await findInviteByHash(deps.db, keyedHash(deps.secret, token));
  if (!inv) throw notFound();
  const subjects = [...new Set(input.subjects)];
  // A parent never joins by the link alone: their request waits for the class teacher (PAR-1).
  if (inv.role === 'parent') return requestAsParent(deps, actor, inv, input.childIds);
  if (inv.role === 'teacher' && subjects.length === 0) throw new AppError('subject_required');
  if (inv.needsApproval) return requestByInvite(deps, actor, inv, subjects);
  const now = deps.clock.now();
  const chatChanges = noChatChanges();
  await deps.db.transaction(async (tx) => {
    const spent = await spendInviteUse(tx, inv.id, now);
    if (!spent) throw new AppError('invite_invalid');
    const created = await grantRole(tx, {
      schoolId: inv.schoolId,
      userId: actor.userId,
      role: inv.role,
      classId: inv.classId,
      classIds: inv.classId ? [inv.classId] : [],
      subjects,
    }, chatChanges);
    if (!created) throw new AppError('already_member');
  });
  const event = { type: 'member.joined' as const, schoolId: inv.schoolId, userId: actor.userId, role: inv.role };
  await publishAfterCommit(deps.events, [
    [schoolRoom(inv.schoolId), event],
    [userRoom(actor.userId), event],
    [schoolRoom(inv.schoolId), { type: 'invite.changed', schoolId: inv.schoolId, inviteId: inv.id }],
  ]);
  await publishChatChanges(deps.events, chatChanges);
  return { schoolId: inv.schoolId, status: 'joined' };
}
