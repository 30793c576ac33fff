import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { invites } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool } from '../../policy/authorize.js';
import { publishAfterCommit, schoolRoom } from '../schools/events.js';

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
  await deps.db
    .update(invites)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(invites.id, inviteId), isNull(invites.revokedAt)));
  await publishAfterCommit(deps.events, [[schoolRoom(schoolId), { type: 'invite.changed', schoolId, inviteId }]]);
}
