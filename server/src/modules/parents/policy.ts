import type { Actor } from '../../policy/actor.js';
import { rolesIn } from '../../policy/actor.js';

/** The school's administration in PAR-1's sense: its administrators and leaders. */
export function isAdministration(actor: Actor | null, schoolId: string): boolean {
  const roles = rolesIn(actor, schoolId);
  return roles.includes('admin') || roles.includes('leader');
}

export interface ClassOfParents {
  id: string;
  schoolId: string;
  classTeacherId: string | null;
}

/**
 * Who looks after a class's parents — invites them, approves their requests, removes their links: the class teacher
 * (while still a teacher of the school) and the school's administration. Deny unless one of these.
 */
export function managesParentsOf(actor: Actor | null, cls: ClassOfParents): boolean {
  if (!actor) return false;
  if (isAdministration(actor, cls.schoolId)) return true;
  return cls.classTeacherId === actor.userId && rolesIn(actor, cls.schoolId).includes('teacher');
}

/** Sets or clears «Классный руководитель»: the administration only. */
export function maySetClassTeacher(actor: Actor | null, schoolId: string): boolean {
  return isAdministration(actor, schoolId);
}
