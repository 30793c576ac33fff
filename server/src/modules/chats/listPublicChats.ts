import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool, canCreateChat } from '../../policy/authorize.js';
import { publicChatsOfSchool } from './queries.js';

/** CHT-5 «Публичные чаты»: a school's public chats for its members, each with whether I am in it. */
export async function listPublicChats(db: DbOrTx, actor: Actor | null, schoolId: string) {
  authorizeSchool(actor, 'view', { id: schoolId });
  const data = await publicChatsOfSchool(db, schoolId, actor!.userId);
  return { data, can: { create: canCreateChat(actor, 'public', { schoolId }) } };
}
