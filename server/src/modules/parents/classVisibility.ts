import type { DbOrTx } from '../../db/client.js';
import { type Actor, rolesIn } from '../../policy/actor.js';
import { isParentInClass } from './queries.js';

/**
 * A person who is only a parent in the school sees the pages of their children's classes, not the others': a
 * parent of 7А learns nothing of who studies in 7Б. Anyone with another role there is judged by that role.
 */
export async function mayParentSeeClass(db: DbOrTx, actor: Actor | null, cls: { id: string; schoolId: string }): Promise<boolean> {
  const roles = rolesIn(actor, cls.schoolId);
  if (!actor || roles.length === 0 || roles.some((r) => r !== 'parent')) return true;
  return isParentInClass(db, actor.userId, cls.id);
}
