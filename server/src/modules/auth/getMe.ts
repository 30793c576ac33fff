import type { Me } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { loadMe } from './queries.js';

/** The signed-in person and their schools (profile page and left menu). */
export async function getMe(db: DbOrTx, actor: Actor): Promise<Me> {
  const me = await loadMe(db, actor.userId);
  if (!me) throw new AppError('unauthenticated');
  return me;
}
