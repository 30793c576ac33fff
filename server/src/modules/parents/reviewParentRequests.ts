import { and, arrayOverlaps, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { joinRequests } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { canSchool, requireActor } from '../../policy/authorize.js';
import { findClass } from '../classes/queries.js';
import type { JoinRequestRow } from '../joinRequests/queries.js';
import { isAdministration, managesParentsOf } from './policy.js';
import { classesLedBy } from './queries.js';

/**
 * Who may decide a parent's request: the administration, or the class teacher of the request's class. Others who
 * may see the school get 403, the rest 404. Returns the class teacher to tell of the outcome.
 */
export async function authorizeParentRequest(db: DbOrTx, actor: Actor | null, req: JoinRequestRow): Promise<string | null> {
  requireActor(actor);
  const classId = req.classIds[0];
  const cls = classId ? await findClass(db, classId) : null;
  const allowed = cls ? managesParentsOf(actor, cls) : canSchool(actor, 'reviewRequests', { id: req.schoolId });
  if (!allowed) throw new AppError(canSchool(actor, 'view', { id: req.schoolId }) ? 'forbidden' : 'not_found');
  return cls?.classTeacherId ?? null;
}

/**
 * The part of a school's «Заявки» a non-administrator reviews: a leader, every parent's request; a class teacher,
 * parents' requests to the classes they lead. Undefined when they review none.
 */
export async function parentRequestsScope(db: DbOrTx, actor: Actor | null, schoolId: string): Promise<SQL | undefined> {
  if (!actor) return undefined;
  if (isAdministration(actor, schoolId)) return eq(joinRequests.role, 'parent');
  if (!canSchool(actor, 'teach', { id: schoolId })) return undefined;
  const led = await classesLedBy(db, actor.userId, schoolId);
  if (led.length === 0) return undefined;
  return and(eq(joinRequests.role, 'parent'), arrayOverlaps(joinRequests.classIds, led));
}
