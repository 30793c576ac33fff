import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeOperator } from '../../policy/authorize.js';
import { insertInviteLink, inviteUrl } from '../invites/inviteLink.js';
import { publishAfterCommit, schoolRoom, userRoom } from '../schools/events.js';
import { grantRole } from '../schools/grantRole.js';
import { findSchool } from '../schools/queries.js';
import { recordAudit } from '../audit/recordAudit.js';

/** A first administrator's link: one person, a month to use it. */
const ADMIN_LINK = { maxUses: 1, expiresInDays: 30 } as const;

export interface AdminAppointment {
  schoolId: string;
  adminAppointed: boolean;
  inviteUrl: string | null;
  /** Set when an existing account became administrator, for the event. */
  userId: string | null;
}

/**
 * Makes the person with this phone an administrator of the school: at once when they have an
 * account, otherwise through a one-use invitation link the operator sends them. Runs inside the
 * caller's transaction.
 */
export async function appointAdminInTx(
  tx: DbOrTx,
  deps: Pick<AppDeps, 'clock' | 'secret'>,
  schoolId: string,
  phone: string,
  baseUrl: string,
): Promise<AdminAppointment> {
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, phone)).limit(1);
  if (user) {
    const created = await grantRole(tx, { schoolId, userId: user.id, role: 'admin' });
    if (!created) throw new AppError('already_member');
    return { schoolId, adminAppointed: true, inviteUrl: null, userId: user.id };
  }
  const { token } = await insertInviteLink(tx, deps.secret, deps.clock.now(), {
    schoolId,
    role: 'admin',
    classId: null,
    ...ADMIN_LINK,
    // Not a member of the school: the operator's links have no author inside it.
    createdBy: null,
  });
  return { schoolId, adminAppointed: false, inviteUrl: inviteUrl(baseUrl, token), userId: null };
}

export async function publishAppointment(deps: Pick<AppDeps, 'events'>, a: AdminAppointment): Promise<void> {
  if (!a.userId) return;
  const event = { type: 'member.joined' as const, schoolId: a.schoolId, userId: a.userId, role: 'admin' as const };
  await publishAfterCommit(deps.events, [[schoolRoom(a.schoolId), event], [userRoom(a.userId), event]]);
}

/** Operator: another administrator for an existing school, by phone. */
export async function appointAdmin(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock' | 'secret'>,
  actor: Actor | null,
  schoolId: string,
  phone: string,
  baseUrl: string,
): Promise<AdminAppointment> {
  authorizeOperator(actor);
  if (!(await findSchool(deps.db, schoolId))) throw notFound();
  const result = await deps.db.transaction(async (tx) => {
    const appointed = await appointAdminInTx(tx, deps, schoolId, phone, baseUrl);
    await recordAudit(tx, actor, appointed.userId
      ? { schoolId, kind: 'role.granted', targetType: 'user', targetId: appointed.userId, details: { subjectId: appointed.userId, role: 'admin' } }
      : { schoolId, kind: 'invite.created', targetType: 'invite', targetId: null, details: { role: 'admin' } });
    return appointed;
  });
  await publishAppointment(deps, result);
  return result;
}

