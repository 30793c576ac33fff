import type { z } from 'zod';
import type { chatDetailsResponse } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat, canChat } from '../../policy/authorize.js';
import { canCallFromChat } from '../lessons/policy.js';
import { type ChatForActor, chatMembersOf, classNameOf, findChatForUser, personalName } from './queries.js';

export type ChatDetailsResponse = z.infer<typeof chatDetailsResponse>;

/** CHT-1: a chat with its members and what I may do in it. */
export async function getChat(db: DbOrTx, actor: Actor | null, chatId: string): Promise<ChatDetailsResponse> {
  const chat = await findChatForUser(db, chatId, actor?.userId ?? null);
  if (!chat) throw notFound();
  authorizeChat(actor, 'view', chat);
  return presentChat(db, actor, chat);
}

/** Details of a chat the actor may see (already authorized). */
export async function presentChat(db: DbOrTx, actor: Actor, chat: ChatForActor): Promise<ChatDetailsResponse> {
  const [members, cls] = await Promise.all([chatMembersOf(db, chat.id), classNameOf(db, chat.row.classId)]);
  const other = chat.kind === 'personal' ? members.find((m) => m.id !== actor.userId) : undefined;
  return {
    data: {
      id: chat.id,
      kind: chat.kind,
      name: chat.kind === 'personal' ? personalName(other?.firstName ?? null, other?.lastName ?? null) : chat.row.name,
      schoolId: chat.schoolId,
      classId: chat.row.classId,
      className: cls,
      lastSeq: chat.row.lastSeq,
      myRole: chat.myRole,
      lastReadSeq: chat.lastReadSeq,
      members,
      followsClass: chat.row.followsClass,
      muted: chat.muted,
    },
    can: {
      post: canChat(actor, 'post', chat),
      manageMembers: canChat(actor, 'manageMembers', chat),
      appoint: canChat(actor, 'appoint', chat),
      followClass: chat.kind === 'class' && chat.row.classId !== null && canChat(actor, 'manageMembers', chat),
      moderate: canChat(actor, 'moderate', chat),
      leave: canChat(actor, 'leave', chat),
      join: canChat(actor, 'join', chat),
      call: canCallFromChat(actor, chat),
      mute: chat.myRole !== null,
    },
  };
}
