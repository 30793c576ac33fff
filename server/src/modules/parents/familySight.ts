import { eq, or } from 'drizzle-orm';
import type { Role } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import { parentLinks } from '../../db/schema.js';
import { type Actor, rolesIn } from '../../policy/actor.js';

const staff: Role[] = ['admin', 'leader', 'teacher'];

/** What a person may see of families: their own children and parents (linked either way). */
export interface FamilySight {
  actor: Actor;
  family: Set<string>;
}

export async function familySight(db: DbOrTx, actor: Actor): Promise<FamilySight> {
  const rows = await db
    .select({ parentId: parentLinks.parentId, childId: parentLinks.childId })
    .from(parentLinks)
    .where(or(eq(parentLinks.parentId, actor.userId), eq(parentLinks.childId, actor.userId)));
  return { actor, family: new Set(rows.flatMap((r) => [r.parentId, r.childId]).filter((id) => id !== actor.userId)) };
}

/**
 * PAR-1: who of a school a person sees in lists («Участники», «Контакты», the school page). The school's staff see
 * everyone. Someone who is only a parent there sees the staff and their own children — not other families, not
 * other classes. Everyone else (students) sees all but the parents of other families.
 */
export function seesPerson(sight: FamilySight, schoolId: string, personId: string, personRoles: Role[]): boolean {
  if (personId === sight.actor.userId || sight.family.has(personId)) return true;
  const mine = rolesIn(sight.actor, schoolId);
  if (mine.some((r) => staff.includes(r))) return true;
  if (mine.length > 0 && mine.every((r) => r === 'parent')) return personRoles.some((r) => staff.includes(r));
  return personRoles.some((r) => r !== 'parent');
}
