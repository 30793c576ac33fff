import type { CreateChatRequest } from '@parta/contracts';
import { authorizePersonalChat } from '../safety/personalChats.js';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { chatMembers, chats } from '../../db/chatSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeCreateChat, type ChatMemberRole, requireActor } from '../../policy/authorize.js';
import { findClass } from '../classes/queries.js';
import type { StoredChatEvent } from './chatEvents.js';
import { type ChatDetailsResponse, presentChat } from './getChat.js';
import { publishMembershipChange, recordMembershipChange } from './membershipEvents.js';
import { classPeople, findChatForUser, schoolMembersAmong, sharedSchoolIds } from './queries.js';

interface NewChat {
  kind: 'class' | 'public' | 'personal' | 'group';
  schoolId: string;
  classId: string | null;
  name: string;
  personalKey: string | null;
  members: Map<string, ChatMemberRole>;
  /** «Выбрать всех участников»: the chat follows its class from now on. */
  followsClass: boolean;
}

/**
 * CHT-1 / CLS-4 «Создать чат»: a class chat (a teacher of the class or an administrator, with ticked students or
 * «Выбрать всех участников», optionally other teachers of the class as moderators), a public school chat
 * (administrators), a group chat (a teacher or administrator, members of the school) or a personal chat with
 * someone who shares a school with me (one per pair: the existing one comes back with created=false).
 * The creator owns the chat. Everyone put in hears `chats.changed` after commit.
 */
export async function createChat(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  input: CreateChatRequest,
): Promise<ChatDetailsResponse & { created: boolean }> {
  requireActor(actor);
  const plan = await planChat(deps, actor, input);
  let stored: StoredChatEvent[] = [];
  const chatId = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(chats)
      .values({
        kind: plan.kind, schoolId: plan.schoolId, classId: plan.classId, name: plan.name, personalKey: plan.personalKey,
        followsClass: plan.followsClass, createdBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning({ id: chats.id });
    // Only a personal chat can conflict (its pair key): someone else made it first.
    if (!row) return null;
    await tx.insert(chatMembers).values([...plan.members].map(([userId, role]) => ({ chatId: row.id, userId, role })));
    stored = await recordMembershipChange(tx, row.id, { added: [...plan.members.keys()] });
    return row.id;
  });
  if (chatId === null) return existingPersonal(deps, actor, plan.personalKey);
  await publishMembershipChange(deps.events, stored, [...plan.members.keys()]);
  const chat = await findChatForUser(deps.db, chatId, actor.userId);
  if (!chat) throw notFound();
  return { ...(await presentChat(deps.db, actor, chat)), created: true };
}

/** Authorizes and decides who goes in; nothing is written until the plan stands. */
async function planChat(deps: Pick<AppDeps, 'db'>, actor: Actor, input: CreateChatRequest): Promise<NewChat> {
  const db = deps.db;
  switch (input.kind) {
    case 'class': {
      const cls = await findClass(db, input.classId);
      if (!cls) throw notFound();
      const people = await classPeople(db, cls.id);
      authorizeCreateChat(actor, 'class', { schoolId: cls.schoolId, teachesClass: people.teachers.has(actor.userId) });
      const studentIds = input.allStudents ? [...people.students] : input.studentIds;
      if (!studentIds.every((id) => people.students.has(id)) || !input.teacherIds.every((id) => people.teachers.has(id))) {
        throw new AppError('invalid_input', { fields: [{ path: 'studentIds', message: 'not_in_class' }] });
      }
      const members = new Map<string, ChatMemberRole>();
      for (const id of studentIds) members.set(id, 'member');
      for (const id of input.teacherIds) members.set(id, 'moderator');
      members.set(actor.userId, 'owner');
      return { kind: 'class', schoolId: cls.schoolId, classId: cls.id, name: input.name, personalKey: null, members, followsClass: input.allStudents };
    }
    case 'public': {
      authorizeCreateChat(actor, 'public', { schoolId: input.schoolId });
      return {
        kind: 'public', schoolId: input.schoolId, classId: null, name: input.name, personalKey: null,
        members: new Map([[actor.userId, 'owner']]), followsClass: false,
      };
    }
    case 'group': {
      authorizeCreateChat(actor, 'group', { schoolId: input.schoolId });
      const ids = [...new Set(input.memberIds)].filter((id) => id !== actor.userId);
      const inSchool = await schoolMembersAmong(db, input.schoolId, ids);
      if (!ids.every((id) => inSchool.has(id))) {
        throw new AppError('invalid_input', { fields: [{ path: 'memberIds', message: 'not_in_school' }] });
      }
      const members = new Map<string, ChatMemberRole>(ids.map((id) => [id, 'member']));
      members.set(actor.userId, 'owner');
      return { kind: 'group', schoolId: input.schoolId, classId: null, name: input.name, personalKey: null, members, followsClass: false };
    }
    case 'personal': {
      if (input.userId === actor.userId) throw new AppError('invalid_input', { fields: [{ path: 'userId', message: 'self' }] });
      // Someone I share no school with is someone I cannot see: the same answer as nobody.
      const shared = (await sharedSchoolIds(db, actor.userId, input.userId)).sort();
      const schoolId = shared[0];
      if (!schoolId) throw notFound();
      const key = [actor.userId, input.userId].sort().join(':');
      // SAFE-1: a student may start one only with classmates and the class's teachers (an existing chat still opens).
      const [existing] = await db.select({ id: chats.id }).from(chats).where(eq(chats.personalKey, key)).limit(1);
      if (!existing) await authorizePersonalChat(db, actor, input.userId, shared);
      return {
        kind: 'personal', schoolId, classId: null, name: '', personalKey: key,
        members: new Map<string, ChatMemberRole>([[actor.userId, 'member'], [input.userId, 'member']]), followsClass: false,
      };
    }
  }
}

async function existingPersonal(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  personalKey: string | null,
): Promise<ChatDetailsResponse & { created: boolean }> {
  if (!personalKey) throw notFound();
  const [row] = await deps.db.select({ id: chats.id }).from(chats).where(eq(chats.personalKey, personalKey)).limit(1);
  const chat = row ? await findChatForUser(deps.db, row.id, actor.userId) : null;
  if (!chat || chat.myRole === null) throw notFound();
  return { ...(await presentChat(deps.db, actor, chat)), created: false };
}
