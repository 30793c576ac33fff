import { AppError } from '../lib/errors.js';
import { type Actor, rolesIn } from './actor.js';

/**
 * The one authorization vocabulary, deny by default. Each rule names what an actor may do to a
 * kind of resource; anything not listed is refused.
 */
export type SchoolAction = 'view' | 'manage' | 'invite' | 'reviewRequests' | 'createClass' | 'teach';
export type ClassAction = 'view' | 'manage' | 'joinAsTeacher';

export interface SchoolRef { id: string }
export interface ClassRef { id: string; schoolId: string }

const schoolRules: Record<SchoolAction, (roles: string[]) => boolean> = {
  view: (r) => r.length > 0,
  manage: (r) => r.includes('admin'),
  invite: (r) => r.includes('admin'),
  reviewRequests: (r) => r.includes('admin'),
  createClass: (r) => r.includes('admin'),
  teach: (r) => r.includes('teacher'),
};

const classRules: Record<ClassAction, (roles: string[]) => boolean> = {
  view: (r) => r.length > 0,
  manage: (r) => r.includes('admin'),
  joinAsTeacher: (r) => r.includes('teacher'),
};

export function canSchool(actor: Actor | null, action: SchoolAction, school: SchoolRef): boolean {
  return schoolRules[action](rolesIn(actor, school.id));
}

export function canClass(actor: Actor | null, action: ClassAction, cls: ClassRef): boolean {
  return classRules[action](rolesIn(actor, cls.schoolId));
}

/**
 * Throws unless allowed. Someone who may not even see the thing gets 404 — the same answer as
 * for a thing that does not exist — so ids cannot be probed; a member who may see it but not
 * do this gets 403.
 */
export function authorizeSchool(actor: Actor | null, action: SchoolAction, school: SchoolRef): void {
  if (!actor) throw new AppError('unauthenticated');
  if (canSchool(actor, action, school)) return;
  throw new AppError(canSchool(actor, 'view', school) ? 'forbidden' : 'not_found');
}

export function authorizeClass(actor: Actor | null, action: ClassAction, cls: ClassRef): void {
  if (!actor) throw new AppError('unauthenticated');
  if (canClass(actor, action, cls)) return;
  throw new AppError(canClass(actor, 'view', cls) ? 'forbidden' : 'not_found');
}

/** The platform operator's screens. Others get 404: the operator area is not theirs to find. */
export function authorizeOperator(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (!actor.isOperator) throw new AppError('not_found');
}

/** Any signed-in person. */
export function requireActor(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
}
