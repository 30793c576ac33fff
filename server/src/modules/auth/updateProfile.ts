import type { Me } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../policy/actor.js';
import { getMe } from './getMe.js';
import { type ProfilePatch, updateUser } from './queries.js';
import { assertBirthDate } from './rules.js';

/**
 * ACC-3: a person edits their own personal data; only the fields sent change. The phone is the
 * sign-in identity and is not edited here.
 */
export async function updateProfile(
  deps: { db: DbOrTx; clock: Clock },
  actor: Actor,
  patch: ProfilePatch,
): Promise<Me> {
  if (patch.birthDate !== undefined) assertBirthDate(deps.clock, patch.birthDate);
  const clean: ProfilePatch = { ...patch };
  // An emptied «Отчество» is no middle name at all.
  if (clean.middleName === '') clean.middleName = null;
  for (const k of Object.keys(clean) as (keyof ProfilePatch)[]) if (clean[k] === undefined) delete clean[k];
  await updateUser(deps.db, actor.userId, clean);
  return getMe(deps.db, actor);
}
