import type { Role } from '@parta/contracts';

export interface ActorMembership {
  schoolId: string;
  role: Role;
  classId: string | null;
}

/** Who is asking: loaded once per request from the session, passed to every use-case. */
export interface Actor {
  userId: string;
  /** The session the request came with (absent for actors built in tests and jobs). */
  sessionId?: string;
  isOperator: boolean;
  /** The client address the request came from (SAFE-1: the audit log says from where); absent in tests and jobs. */
  ip?: string;
  memberships: ActorMembership[];
}

export function rolesIn(actor: Actor | null, schoolId: string): Role[] {
  if (!actor) return [];
  return actor.memberships.filter((m) => m.schoolId === schoolId).map((m) => m.role);
}
