import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { profilePhotos } from '../../db/contentSchema.js';
import { memberships } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { photoUrl } from './setPhoto.js';

/**
 * The photos among `userIds` and logos among `schoolIds` that I may see, in one query: my own photo,
 * the photo of anyone who shares a school with me (the same rule as grants.ts), any school's logo.
 * Ids without a photo, or whose photo I may not see, are simply absent.
 */
export async function listPhotos(
  deps: { db: DbOrTx },
  actor: Actor | null,
  ids: { users: string[]; schools: string[] },
): Promise<{ users: Record<string, string>; schools: Record<string, string> }> {
  requireActor(actor);
  const out = { users: {} as Record<string, string>, schools: {} as Record<string, string> };
  if (ids.users.length === 0 && ids.schools.length === 0) return out;
  const me = actor.userId;
  const sharesASchool = sql`exists (
    select 1 from ${memberships} theirs
    join ${memberships} mine on mine.school_id = theirs.school_id and mine.user_id = ${me}
    where theirs.user_id = ${profilePhotos.ownerId}
  )`;
  const rows = await deps.db
    .select({ ownerKind: profilePhotos.ownerKind, ownerId: profilePhotos.ownerId, fileId: profilePhotos.fileId })
    .from(profilePhotos)
    .where(
      or(
        ids.users.length > 0
          ? and(eq(profilePhotos.ownerKind, 'user'), inArray(profilePhotos.ownerId, ids.users), or(eq(profilePhotos.ownerId, me), sharesASchool))
          : undefined,
        ids.schools.length > 0 ? and(eq(profilePhotos.ownerKind, 'school'), inArray(profilePhotos.ownerId, ids.schools)) : undefined,
      ),
    );
  for (const r of rows) out[r.ownerKind === 'user' ? 'users' : 'schools'][r.ownerId] = photoUrl(r.fileId);
  return out;
}
