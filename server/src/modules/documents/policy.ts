import { AppError } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';

/*
 * DOC-1..3, deny by default. Every member of a school reads its documents and videos. The school's
 * administration (admin, leader) and its teachers add documents and folders: a library that any
 * student could fill would not stay a methodical library. The uploader and the administration
 * rename, move and delete a document; nobody else. Outsiders get 404, as for a school that is not there.
 */

export type DocumentAction = 'view' | 'upload' | 'createFolder';

const runs = (roles: string[]) => roles.includes('admin') || roles.includes('leader');

const rules: Record<DocumentAction, (roles: string[]) => boolean> = {
  view: (r) => r.length > 0,
  upload: (r) => runs(r) || r.includes('teacher'),
  createFolder: (r) => runs(r) || r.includes('teacher'),
};

export function canDocuments(actor: Actor | null, action: DocumentAction, schoolId: string): boolean {
  return rules[action](rolesIn(actor, schoolId));
}

/** 401 for the anonymous, 404 for those outside the school, 403 for a member who may not. */
export function authorizeDocuments(actor: Actor | null, action: DocumentAction, schoolId: string): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (canDocuments(actor, action, schoolId)) return;
  throw new AppError(canDocuments(actor, 'view', schoolId) ? 'forbidden' : 'not_found');
}

/** Rename, move or delete one document: its uploader while still a member, or the school's administration. */
export function canManageDocument(actor: Actor | null, doc: { schoolId: string; uploadedBy: string | null }): boolean {
  const roles = rolesIn(actor, doc.schoolId);
  if (!actor || roles.length === 0) return false;
  return runs(roles) || (doc.uploadedBy !== null && doc.uploadedBy === actor.userId);
}

export function authorizeManageDocument(actor: Actor | null, doc: { schoolId: string; uploadedBy: string | null }): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (canManageDocument(actor, doc)) return;
  throw new AppError(canDocuments(actor, 'view', doc.schoolId) ? 'forbidden' : 'not_found');
}
