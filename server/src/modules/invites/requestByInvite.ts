import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { joinRequests, memberships } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { publishAfterCommit, schoolAdminRoom, userRoom } from '../schools/events.js';
import { type findInviteByHash, spendInviteUse } from './queries.js';

type FoundInvite = NonNullable<Awaited<ReturnType<typeof findInviteByHash>>>;

/**
 * «Присоединиться» on a link that needs approval (the demo's, whose token is printed in the README): the person
 * gets a join request with the link's role, class and their subjects — the same one «Отправить заявку» makes — and
 * becomes a member only when the administration approves it. The use is counted in the same transaction, so a
 * refusal (already a member, a request already pending) spends none.
 */
export async function requestByInvite(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor,
  inv: FoundInvite,
  subjects: string[],
): Promise<{ schoolId: string; status: 'requested' }> {
  // Join requests carry the roles a person may ask for; a link for an administrator never skips the check below.
  if (inv.role !== 'teacher' && inv.role !== 'student') throw new AppError('invite_invalid');
  const requestId = await deps.db.transaction(async (tx) => {
    const spent = await spendInviteUse(tx, inv.id, deps.clock.now());
    if (!spent) throw new AppError('invite_invalid');
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.schoolId, inv.schoolId), eq(memberships.userId, actor.userId), eq(memberships.role, inv.role)))
      .limit(1);
    if (member) throw new AppError('already_member');
    // The partial unique index on pending requests settles a race with «Отправить заявку» or a double click.
    const [row] = await tx
      .insert(joinRequests)
      .values({
        schoolId: inv.schoolId,
        userId: actor.userId,
        role: inv.role,
        classIds: inv.classId ? [inv.classId] : [],
        subjects: inv.role === 'teacher' ? subjects : [],
      })
      .onConflictDoNothing()
      .returning({ id: joinRequests.id });
    if (!row) throw new AppError('request_pending');
    return row.id;
  });
  const created = { type: 'joinRequest.created' as const, schoolId: inv.schoolId, requestId };
  await publishAfterCommit(deps.events, [
    [schoolAdminRoom(inv.schoolId), created],
    [userRoom(actor.userId), created],
  ]);
  return { schoolId: inv.schoolId, status: 'requested' };
}
