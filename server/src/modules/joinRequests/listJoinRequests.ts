import type { JoinRequest } from '@parta/contracts';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { joinRequests } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool, canSchool, requireActor } from '../../policy/authorize.js';
import { parentRequestsScope } from '../parents/reviewParentRequests.js';
import { loadJoinRequests } from './queries.js';

/** «Заявки»: a school's requests of one status, for those who review them. */
export async function listSchoolJoinRequests(
  db: DbOrTx,
  actor: Actor | null,
  schoolId: string,
  status: JoinRequest['status'],
): Promise<JoinRequest[]> {
  const ofSchool = and(eq(joinRequests.schoolId, schoolId), eq(joinRequests.status, status));
  if (canSchool(actor, 'reviewRequests', { id: schoolId })) return loadJoinRequests(db, ofSchool);
  // A class teacher (or a leader) reviews parents' requests only: those of the classes they look after.
  const scope = await parentRequestsScope(db, actor, schoolId);
  if (!scope) authorizeSchool(actor, 'reviewRequests', { id: schoolId });
  return loadJoinRequests(db, and(ofSchool, scope));
}

/** The applicant's own requests with their outcomes, in every school. */
export async function listMyJoinRequests(db: DbOrTx, actor: Actor | null): Promise<JoinRequest[]> {
  requireActor(actor);
  return loadJoinRequests(db, eq(joinRequests.userId, actor.userId));
}
