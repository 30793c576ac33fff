import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { invites } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool } from '../../policy/authorize.js';
import { publishAfterCommit, schoolRoom } from '../schools/events.js';
import { recordAudit } from '../audit/recordAudit.js';

/** ORG-3: the link stops working at once. Revoking a revoked link changes nothing. */
export async function revokeInvite(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor | null,
  schoolId: string,
  inviteId: string,
): Promise<void> {
  authorizeSchool(actor, 'invite', { id: schoolId });
  const [found] = await deps.db
    .select({ id: invites.id })
    .from(invites)
    .where(and(eq(invites.id, inviteId), eq(invites.schoolId, schoolId)))
    .limit(1);
  if (!found) throw notFound();
  await deps.db.transaction(async (tx) => {
    const revoked = await tx
      .update(invites)
      .set({ revokedAt: deps.clock.now() })
      .where(and(eq(invites.id, inviteId), isNull(invites.revokedAt)))
      .returning({ role: invites.role });
    if (revoked[0]) {
      await recordAudit(tx, actor, { schoolId, kind: 'invite.revoked', targetType: 'invite', targetId: inviteId, details: { role: revoked[0].role } });
    }
  });
  await publishAfterCommit(deps.events, [[schoolRoom(schoolId), { type: 'invite.changed', schoolId, inviteId }]]);
}
