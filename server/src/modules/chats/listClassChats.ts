import type { ChatSummary } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeClass, canClass, requireActor } from '../../policy/authorize.js';
import { findClass } from '../classes/queries.js';
import { classChatsNotJoined, listChatsOfUser } from './queries.js';

/**
 * «Чаты класса» (CLS-4) on a class page: the chats of this class I am in; the school's administration, who
 * may read any class chat of the school, also gets the ones it is not in, so it can open one to review it.
 */
export async function listClassChats(db: DbOrTx, actor: Actor | null, classId: string): Promise<{ data: ChatSummary[] }> {
  requireActor(actor);
  const cls = await findClass(db, classId);
  if (!cls) throw notFound();
  authorizeClass(actor, 'view', cls);
  const [mine, others] = await Promise.all([
    listChatsOfUser(db, actor.userId, { classId, kind: 'class' }),
    canClass(actor, 'manage', cls) ? classChatsNotJoined(db, actor.userId, classId) : Promise.resolve([]),
  ]);
  return { data: [...mine, ...others] };
}
