import type { z } from 'zod';
import type { appointLeaderRequest } from '@parta/contracts';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { memberships } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool } from '../../policy/authorize.js';
import { publishAfterCommit, schoolRoom, userRoom } from './events.js';
import { grantRole } from './grantRole.js';
import { listMembers, type MembersResult } from './listMembers.js';
import { recordAudit } from '../audit/recordAudit.js';

/** ORG-8 «Руководители»: the school's leaders with their positions. */
export function listLeaders(db: AppDeps['db'], actor: Actor | null, schoolId: string): Promise<MembersResult> {
  return listMembers(db, actor, schoolId, { role: 'leader' });
}

/**
 * ORG-8: an administrator makes a member of the school a leader with a position, or changes the
 * position of one who already is. Only people already in the school: a leader from outside
 * comes by an invitation link.
 */
export async function appointLeader(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  schoolId: string,
  input: z.infer<typeof appointLeaderRequest>,
): Promise<MembersResult> {
  authorizeSchool(actor, 'manage', { id: schoolId });
  const joined = await deps.db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.schoolId, schoolId), eq(memberships.userId, input.userId)))
      .limit(1);
    if (!member) throw notFound();
    const created = await grantRole(tx, { schoolId, userId: input.userId, role: 'leader', title: input.title });
    if (!created) {
      await tx
        .update(memberships)
        .set({ title: input.title })
        .where(and(eq(memberships.schoolId, schoolId), eq(memberships.userId, input.userId), eq(memberships.role, 'leader')));
    }
    await recordAudit(tx, actor, {
      schoolId, kind: 'role.granted', targetType: 'user', targetId: input.userId,
      details: { subjectId: input.userId, role: 'leader', title: input.title },
    });
    return created;
  });
  if (joined) {
    const event = { type: 'member.joined' as const, schoolId, userId: input.userId, role: 'leader' as const };
    await publishAfterCommit(deps.events, [[schoolRoom(schoolId), event], [userRoom(input.userId), event]]);
  } else {
    await publishAfterCommit(deps.events, [[schoolRoom(schoolId), { type: 'school.updated', schoolId }]]);
  }
  return listLeaders(deps.db, actor, schoolId);
}
