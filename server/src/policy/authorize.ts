import { AppError } from '../lib/errors.js';
import { type Actor, rolesIn } from './actor.js';

/**
 * The one authorization vocabulary, deny by default. Each rule names what an actor may do to a
 * kind of resource; anything not listed is refused.
 */
export type SchoolAction = 'view' | 'manage' | 'invite' | 'reviewRequests' | 'createClass' | 'teach';
export type ClassAction = 'view' | 'manage' | 'joinAsTeacher' | 'addTeacher';

export interface SchoolRef { id: string }
export interface ClassRef { id: string; schoolId: string }

const schoolRules: Record<SchoolAction, (roles: string[]) => boolean> = {
  view: (r) => r.length > 0,
  manage: (r) => r.includes('admin'),
  invite: (r) => r.includes('admin'),
  reviewRequests: (r) => r.includes('admin'),
  createClass: (r) => r.includes('admin'),
  teach: (r) => r.includes('teacher'),
};

const classRules: Record<ClassAction, (roles: string[]) => boolean> = {
  view: (r) => r.length > 0,
  manage: (r) => r.includes('admin'),
  joinAsTeacher: (r) => r.includes('teacher'),
  // Putting another teacher into a class: the school's administrator (as with classes themselves).
  addTeacher: (r) => r.includes('admin'),
};

export function canSchool(actor: Actor | null, action: SchoolAction, school: SchoolRef): boolean {
  return schoolRules[action](rolesIn(actor, school.id));
}

export function canClass(actor: Actor | null, action: ClassAction, cls: ClassRef): boolean {
  return classRules[action](rolesIn(actor, cls.schoolId));
}

/**
 * Throws unless allowed. Someone who may not even see the thing gets 404 — the same answer as
 * for a thing that does not exist — so ids cannot be probed; a member who may see it but not
 * do this gets 403.
 */
export function authorizeSchool(actor: Actor | null, action: SchoolAction, school: SchoolRef): void {
  if (!actor) throw new AppError('unauthenticated');
  if (canSchool(actor, action, school)) return;
  throw new AppError(canSchool(actor, 'view', school) ? 'forbidden' : 'not_found');
}

export function authorizeClass(actor: Actor | null, action: ClassAction, cls: ClassRef): void {
  if (!actor) throw new AppError('unauthenticated');
  if (canClass(actor, action, cls)) return;
  throw new AppError(canClass(actor, 'view', cls) ? 'forbidden' : 'not_found');
}

/** The platform operator's screens. Others get 404: the operator area is not theirs to find. */
export function authorizeOperator(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (!actor.isOperator) throw new AppError('not_found');
}

/** Any signed-in person. */
export function requireActor(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
}

/**
 * Chats (CHT-1..5). A chat is judged by its kind, its school and my role in it (null when I am not a member).
 * Members read and write; owners and moderators run the chat; a school's administrators run every
 * non-personal chat of their school (child safety: they may remove messages and members). Only the owner and
 * administrators appoint moderators. A personal chat
 * is only ever its two people's. A public chat is visible to every member of its school, who may join it.
 */
export type ChatAction = 'view' | 'post' | 'manageMembers' | 'moderate' | 'appoint' | 'leave' | 'join';
export type ChatMemberRole = 'owner' | 'moderator' | 'member';

export interface ChatRef {
  id: string;
  kind: 'class' | 'public' | 'personal' | 'group';
  schoolId: string | null;
  /** The actor's role in the chat, or null when not a member. */
  myRole: ChatMemberRole | null;
}

/** Whether the actor administers this school. */
export function rolesInSchoolIncludeAdmin(actor: Actor | null, schoolId: string): boolean {
  return rolesIn(actor, schoolId).includes('admin');
}

const runsChat = (actor: Actor, chat: ChatRef) =>
  chat.kind !== 'personal' &&
  (chat.myRole === 'owner' || chat.myRole === 'moderator' || (chat.schoolId !== null && rolesIn(actor, chat.schoolId).includes('admin')));

const chatRules: Record<ChatAction, (actor: Actor, chat: ChatRef) => boolean> = {
  view: (a, c) =>
    c.myRole !== null ||
    (c.kind !== 'personal' && c.schoolId !== null && rolesIn(a, c.schoolId).includes('admin')) ||
    (c.kind === 'public' && c.schoolId !== null && rolesIn(a, c.schoolId).length > 0),
  post: (_a, c) => c.myRole !== null,
  manageMembers: runsChat,
  moderate: runsChat,
  // Making and unmaking moderators: the owner, or an administrator of the school; a moderator may not make more.
  appoint: (a, c) =>
    c.kind !== 'personal' && (c.myRole === 'owner' || (c.schoolId !== null && rolesIn(a, c.schoolId).includes('admin'))),
  // Leaving a personal chat would leave a pair with a chat neither can reopen ("one per pair").
  leave: (_a, c) => c.myRole !== null && c.kind !== 'personal',
  join: (a, c) => c.kind === 'public' && c.myRole === null && c.schoolId !== null && rolesIn(a, c.schoolId).length > 0,
};

export function canChat(actor: Actor | null, action: ChatAction, chat: ChatRef): boolean {
  return actor !== null && chatRules[action](actor, chat);
}

/** 404 for those who may not see the chat (not there and not yours are one answer), 403 for the rest. */
export function authorizeChat(actor: Actor | null, action: ChatAction, chat: ChatRef): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (canChat(actor, action, chat)) return;
  throw new AppError(canChat(actor, 'view', chat) ? 'forbidden' : 'not_found');
}

/** What kind of chat an actor may start in a school: class chats need `teachesClass` (a class_teachers row). */
export function canCreateChat(
  actor: Actor | null,
  kind: 'class' | 'public' | 'group',
  scope: { schoolId: string; teachesClass?: boolean },
): boolean {
  const roles = rolesIn(actor, scope.schoolId);
  if (roles.includes('admin')) return true;
  if (kind === 'class') return roles.includes('teacher') && scope.teachesClass === true;
  if (kind === 'group') return roles.includes('teacher');
  return false;
}

export function authorizeCreateChat(
  actor: Actor | null,
  kind: 'class' | 'public' | 'group',
  scope: { schoolId: string; teachesClass?: boolean },
): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (canCreateChat(actor, kind, scope)) return;
  throw new AppError(rolesIn(actor, scope.schoolId).length > 0 ? 'forbidden' : 'not_found');
}
