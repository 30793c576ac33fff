import { AppError } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';

/*
 * ART: who may do what with articles. Deny by default; someone who may not read an article gets
 * the same 404 as for an article that does not exist; a reader who may not change it gets 403.
 */

export interface ArticleRef {
  schoolId: string;
  authorId: string | null;
  status: 'draft' | 'published';
}

/** The school's administration: its administrators and leaders. */
export function runsSchool(actor: Actor | null, schoolId: string): boolean {
  const roles = rolesIn(actor, schoolId);
  return roles.includes('admin') || roles.includes('leader');
}

/** «+» in «Статьи»: the administration and teachers; students and parents read. */
export function canWriteArticles(actor: Actor | null, schoolId: string): boolean {
  return runsSchool(actor, schoolId) || rolesIn(actor, schoolId).includes('teacher');
}

/** Published: every member of the school. A draft: its author (still a member) and the administration. */
export function canReadArticle(actor: Actor | null, a: ArticleRef): boolean {
  if (!actor) return false;
  const member = rolesIn(actor, a.schoolId).length > 0;
  if (!member) return false;
  return a.status === 'published' || a.authorId === actor.userId || runsSchool(actor, a.schoolId);
}

/** Edit, publish, attach, delete: the author while they may write in the school, and the administration. */
export function canEditArticle(actor: Actor | null, a: ArticleRef): boolean {
  if (!actor) return false;
  if (runsSchool(actor, a.schoolId)) return true;
  return a.authorId === actor.userId && canWriteArticles(actor, a.schoolId);
}

export function authorizeReadArticle(actor: Actor | null, a: ArticleRef): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (!canReadArticle(actor, a)) throw new AppError('not_found');
}

export function authorizeEditArticle(actor: Actor | null, a: ArticleRef): asserts actor is Actor {
  authorizeReadArticle(actor, a);
  if (!canEditArticle(actor, a)) throw new AppError('forbidden');
}

/** Creating in a school: members who may not write get 403, strangers 404. */
export function authorizeWriteArticles(actor: Actor | null, schoolId: string): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (canWriteArticles(actor, schoolId)) return;
  throw new AppError(rolesIn(actor, schoolId).length > 0 ? 'forbidden' : 'not_found');
}
