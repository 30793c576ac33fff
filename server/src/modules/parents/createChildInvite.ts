import type { z } from 'zod';
import type { childInviteResponse } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { insertInviteLink, inviteUrl } from '../invites/inviteLink.js';
import { publishAfterCommit, schoolAdminRoom } from '../schools/events.js';

/**
 * PAR-1 «Пригласить родителя»: a student makes a link for their parent — one use, 24 hours, only its hash kept. The
 * parent who opens it finds this child already chosen, and still only asks: the class teacher confirms, so a child
 * alone never makes an adult their parent. Someone who is not a student of a class in the school gets 404.
 */
export async function createChildInvite(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock' | 'secret'>,
  actor: Actor | null,
  schoolId: string,
  baseUrl: string,
): Promise<z.infer<typeof childInviteResponse>['data']> {
  requireActor(actor);
  const mine = actor.memberships.find((m) => m.schoolId === schoolId && m.role === 'student' && m.classId);
  if (!mine?.classId) throw notFound();
  const { row, token } = await insertInviteLink(deps.db, deps.secret, deps.clock.now(), {
    schoolId,
    role: 'parent',
    classId: mine.classId,
    expiresInDays: 1,
    maxUses: 1,
    createdBy: actor.userId,
    childId: actor.userId,
  });
  await publishAfterCommit(deps.events, [[schoolAdminRoom(schoolId), { type: 'invite.changed', schoolId, inviteId: row.id }]]);
  return { url: inviteUrl(baseUrl, token), token, expiresAt: (row.expiresAt ?? deps.clock.now()).toISOString() };
}
