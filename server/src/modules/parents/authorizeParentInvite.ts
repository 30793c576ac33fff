import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { canSchool } from '../../policy/authorize.js';
import { findClass } from '../classes/queries.js';
import { managesParentsOf } from './policy.js';

/**
 * «Роль: родитель в 7А»: the class's class teacher or the school's administration make a parent's link. A class of
 * another school answers like no class; a member who may not gets 403, an outsider 404.
 */
export async function authorizeParentInvite(db: DbOrTx, actor: Actor | null, schoolId: string, classId: string | null): Promise<void> {
  if (!actor) throw new AppError('unauthenticated');
  const seesSchool = canSchool(actor, 'view', { id: schoolId });
  if (!seesSchool) throw new AppError('not_found');
  if (!classId) {
    if (canSchool(actor, 'invite', { id: schoolId })) throw new AppError('class_required');
    throw new AppError('forbidden');
  }
  const cls = await findClass(db, classId);
  if (!cls || cls.schoolId !== schoolId) throw new AppError('not_found');
  if (!managesParentsOf(actor, cls)) throw new AppError('forbidden');
}
