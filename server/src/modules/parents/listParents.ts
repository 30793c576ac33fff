import type { ParentLink } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { parentLinks } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { canClass, requireActor } from '../../policy/authorize.js';
import { findClass } from '../classes/queries.js';
import { mayParentSeeClass } from './classVisibility.js';
import { managesParentsOf } from './policy.js';
import { loadParentLinks } from './queries.js';

/** «Родители» of a class: its linked parents and their children, for the class teacher and the administration. */
export async function listClassParents(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor | null,
  classId: string,
): Promise<{ data: ParentLink[]; can: { invite: boolean } }> {
  requireActor(actor);
  const cls = await findClass(deps.db, classId);
  if (!cls || !canClass(actor, 'view', cls) || !(await mayParentSeeClass(deps.db, actor, cls))) throw notFound();
  if (!managesParentsOf(actor, cls)) throw new AppError('forbidden');
  const data = await loadParentLinks(deps.db, eq(parentLinks.classId, classId), () => true);
  return { data, can: { invite: true } };
}

/** «Мои дети»: a parent's own links in every school, each of which they may remove. */
export async function listMyChildren(deps: Pick<AppDeps, 'db'>, actor: Actor | null): Promise<ParentLink[]> {
  requireActor(actor);
  return loadParentLinks(deps.db, eq(parentLinks.parentId, actor.userId), () => true);
}
