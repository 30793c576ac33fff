import type { z } from 'zod';
import type { updateChatRequest } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { chats } from '../../db/chatSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat } from '../../policy/authorize.js';
import { appendChatEvents } from './chatEvents.js';
import { addClassStudents, noChatChanges, publishChatChanges } from './classChats.js';
import { type ChatDetailsResponse, presentChat } from './getChat.js';
import { findChatForUser } from './queries.js';

/**
 * PATCH /chats/:id, by those who run the chat (personal chats have no name of their own): a new name (the chat
 * hears chat.updated) and, for a class chat, «Добавлять новых учеников класса». Ticking it brings in the class's
 * current students in the same transaction; unticking removes nobody.
 */
export async function updateChat(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  chatId: string,
  input: z.infer<typeof updateChatRequest>,
): Promise<ChatDetailsResponse> {
  const chat = await findChatForUser(deps.db, chatId, actor?.userId ?? null);
  if (!chat) throw notFound();
  authorizeChat(actor, 'manageMembers', chat);
  const classId = chat.row.classId;
  if (input.followsClass !== undefined && (chat.kind !== 'class' || !classId)) {
    throw new AppError('invalid_input', { fields: [{ path: 'followsClass', message: 'not_a_class_chat' }] });
  }
  const changes = noChatChanges();
  await deps.db.transaction(async (tx) => {
    const set: Partial<typeof chats.$inferInsert> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.followsClass !== undefined) set.followsClass = input.followsClass;
    await tx.update(chats).set(set).where(eq(chats.id, chatId));
    if (input.name !== undefined) changes.stored.push(...(await appendChatEvents(tx, chatId, [{ type: 'chat.updated', name: input.name }])));
    if (input.followsClass && !chat.row.followsClass && classId) await addClassStudents(tx, chatId, classId, changes);
  });
  await publishChatChanges(deps.events, changes);
  const fresh = await findChatForUser(deps.db, chatId, actor.userId);
  if (!fresh) throw notFound();
  return presentChat(deps.db, actor, fresh);
}
