import type { AppDeps } from '../../deps.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool } from '../../policy/authorize.js';
import { type Invite, schoolInvites } from './queries.js';

/** «Приглашения по ссылке»: the school's links with their state, for the administration. */
export async function listInvites(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor | null, schoolId: string): Promise<Invite[]> {
  authorizeSchool(actor, 'invite', { id: schoolId });
  return schoolInvites(deps.db, schoolId, deps.clock.now());
}
