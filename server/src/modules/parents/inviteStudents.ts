import type { z } from 'zod';
import type { inviteStudentsResponse } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { AppError, notFound } from '../../lib/errors.js';
import { keyedHash } from '../../lib/secrets.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { findInviteByHash, isActive } from '../invites/queries.js';
import { studentsOfClass } from './queries.js';

/**
 * PAR-1: the students of a parent's link's class, for a signed-in person holding a working link, to tick their
 * child. Names only — never a phone — and nothing for a link of another role or one no longer working.
 */
export async function listInviteStudents(
  deps: Pick<AppDeps, 'db' | 'clock' | 'secret'>,
  actor: Actor | null,
  token: string,
): Promise<z.infer<typeof inviteStudentsResponse>['data']> {
  requireActor(actor);
  const inv = await findInviteByHash(deps.db, keyedHash(deps.secret, token));
  if (inv?.role !== 'parent' || !inv.classId) throw notFound();
  if (!isActive(inv, deps.clock.now())) throw new AppError('invite_invalid');
  const students = await studentsOfClass(deps.db, inv.classId, inv.childId ? [inv.childId] : undefined);
  return { students: students.map((s) => ({ id: s.id, firstName: s.firstName, lastName: s.lastName })), chosen: inv.childId };
}
