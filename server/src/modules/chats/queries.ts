import { inTurn } from '../../db/inTurn.js';
import type { ChatKind, ChatMember, ChatSummary } from '@parta/contracts';
import { and, asc, desc, eq, ilike, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { chatMembers, chats, messages, polls } from '../../db/chatSchema.js';
import { classes, classTeachers, memberships, users } from '../../db/schema.js';
import type { ChatMemberRole, ChatRef } from '../../policy/authorize.js';
import { className, personColumns } from '../schools/people.js';

export type ChatRow = typeof chats.$inferSelect;

/** Ids of every chat the person is a member of: the gateway's rooms. */
export async function chatIdsOfUser(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db.select({ id: chatMembers.chatId }).from(chatMembers).where(eq(chatMembers.userId, userId));
  return rows.map((r) => r.id);
}

export async function isChatMember(db: DbOrTx, chatId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: chatMembers.chatId })
    .from(chatMembers)
    .where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.userId, userId)))
    .limit(1);
  return row !== undefined;
}

/** A chat as the policy sees it, with my role and read mark: one query. */
export interface ChatForActor extends ChatRef {
  row: ChatRow;
  lastReadSeq: number;
  /** «Без звука» for me (false when I am not a member). */
  muted: boolean;
}

export async function findChatForUser(db: DbOrTx, chatId: string, userId: string | null): Promise<ChatForActor | null> {
  const [r] = await db
    .select({ chat: chats, role: chatMembers.role, lastReadSeq: chatMembers.lastReadSeq, muted: chatMembers.muted })
    .from(chats)
    .leftJoin(chatMembers, and(eq(chatMembers.chatId, chats.id), eq(chatMembers.userId, userId ?? sql`null`)))
    .where(eq(chats.id, chatId))
    .limit(1);
  if (!r) return null;
  return {
    id: r.chat.id,
    kind: r.chat.kind,
    schoolId: r.chat.schoolId,
    myRole: r.role,
    row: r.chat,
    lastReadSeq: r.lastReadSeq ?? 0,
    muted: r.muted ?? false,
  };
}

/** Members with their role, owners first, then alphabetically. */
export async function chatMembersOf(db: DbOrTx, chatId: string): Promise<ChatMember[]> {
  const rows = await db
    .select({ ...personColumns, role: chatMembers.role })
    .from(chatMembers)
    .innerJoin(users, eq(users.id, chatMembers.userId))
    .where(eq(chatMembers.chatId, chatId))
    .orderBy(sql`case ${chatMembers.role} when 'owner' then 0 when 'moderator' then 1 else 2 end`, asc(users.lastName), asc(users.firstName));
  return rows;
}

/** Of the given people, those holding any role in the school. */
export async function schoolMembersAmong(db: DbOrTx, schoolId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.schoolId, schoolId), inArray(memberships.userId, userIds)));
  return new Set(rows.map((r) => r.id));
}

/** Students and teachers of a class: who a class chat may hold. */
export async function classPeople(db: DbOrTx, classId: string): Promise<{ students: Set<string>; teachers: Set<string> }> {
  const [students, teachers] = await inTurn([
    () =>
      db
      .select({ id: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.classId, classId), eq(memberships.role, 'student'))),
    () => db.selectDistinct({ id: classTeachers.userId }).from(classTeachers).where(eq(classTeachers.classId, classId)),
  ] as const);
  return { students: new Set(students.map((r) => r.id)), teachers: new Set(teachers.map((r) => r.id)) };
}

/** Schools two people share (a personal chat needs one). */
export async function sharedSchoolIds(db: DbOrTx, a: string, b: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ schoolId: memberships.schoolId })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, a),
        inArray(
          memberships.schoolId,
          db.select({ s: memberships.schoolId }).from(memberships).where(eq(memberships.userId, b)),
        ),
      ),
    );
  return rows.map((r) => r.schoolId);
}

export async function classNameOf(db: DbOrTx, classId: string | null): Promise<string | null> {
  if (!classId) return null;
  const [row] = await db.select({ grade: classes.grade, letter: classes.letter }).from(classes).where(eq(classes.id, classId));
  return row ? className(row.grade, row.letter) : null;
}

export interface ChatListFilter {
  q?: string | undefined;
  kind?: ChatKind | undefined;
  schoolId?: string | undefined;
  classId?: string | undefined;
  limit?: number;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The list under «Сообщения»: every chat of mine with member count, unread count, last message and,
 * for a personal chat, the other person's name — one query however many chats (correlated subqueries
 * and lateral joins use the (chat_id, seq) and (chat_id, user_id) indexes).
 */
export async function listChatsOfUser(db: DbOrTx, userId: string, filter: ChatListFilter = {}): Promise<ChatSummary[]> {
  const last = db
    .select({
      text: messages.text,
      createdAt: messages.createdAt,
      authorFirst: sql<string>`${users.firstName}`.as('last_author_first'),
      authorLast: sql<string>`${users.lastName}`.as('last_author_last'),
      pollQuestion: polls.question,
    })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .leftJoin(polls, eq(polls.id, messages.pollId))
    .where(and(eq(messages.chatId, chats.id), isNull(messages.deletedAt)))
    .orderBy(desc(messages.seq))
    .limit(1)
    .as('last');
  const other = db
    .select({
      first: sql<string>`${users.firstName}`.as('other_first'),
      last: sql<string>`${users.lastName}`.as('other_last'),
    })
    .from(chatMembers)
    .innerJoin(users, eq(users.id, chatMembers.userId))
    .where(and(eq(chatMembers.chatId, chats.id), ne(chatMembers.userId, userId)))
    .limit(1)
    .as('other');
  const pattern = filter.q ? likePattern(filter.q) : null;
  const rows = await db
    .select({
      id: chats.id,
      kind: chats.kind,
      name: chats.name,
      schoolId: chats.schoolId,
      classId: chats.classId,
      lastSeq: chats.lastSeq,
      lastReadSeq: chatMembers.lastReadSeq,
      muted: chatMembers.muted,
      memberCount: sql<number>`(select count(*)::int from chat_members mc where mc.chat_id = chats.id)`,
      unread: sql<number>`(select count(*)::int from messages mu where mu.chat_id = chats.id
        and mu.seq > chat_members.last_read_seq and mu.author_id <> ${userId} and mu.deleted_at is null)`,
      lastText: last.text,
      lastAt: last.createdAt,
      lastAuthorFirst: last.authorFirst,
      lastAuthorLast: last.authorLast,
      lastPoll: last.pollQuestion,
      otherFirst: other.first,
      otherLast: other.last,
    })
    .from(chatMembers)
    .innerJoin(chats, eq(chats.id, chatMembers.chatId))
    .leftJoinLateral(last, sql`true`)
    .leftJoinLateral(other, sql`${chats.kind} = 'personal'`)
    .where(
      and(
        eq(chatMembers.userId, userId),
        filter.kind ? eq(chats.kind, filter.kind) : undefined,
        filter.schoolId ? eq(chats.schoolId, filter.schoolId) : undefined,
        filter.classId ? eq(chats.classId, filter.classId) : undefined,
        pattern
          ? or(
              and(ne(chats.kind, 'personal'), ilike(chats.name, pattern)),
              and(eq(chats.kind, 'personal'), ilike(sql`${other.last} || ' ' || ${other.first}`, pattern)),
              and(eq(chats.kind, 'personal'), ilike(sql`${other.first} || ' ' || ${other.last}`, pattern)),
            )
          : undefined,
      ),
    )
    .orderBy(sql`coalesce(${chats.lastMessageAt}, ${chats.createdAt}) desc`, desc(chats.id))
    .limit(filter.limit ?? 200);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.kind === 'personal' ? personalName(r.otherFirst, r.otherLast) : r.name,
    schoolId: r.schoolId,
    classId: r.classId,
    memberCount: r.memberCount,
    lastSeq: r.lastSeq,
    lastReadSeq: r.lastReadSeq,
    unread: r.unread,
    muted: r.muted,
    lastMessage:
      r.lastAt && r.lastText !== null
        ? {
            authorName: `${r.lastAuthorFirst ?? ''} ${r.lastAuthorLast ?? ''}`.trim(),
            text: r.lastText || r.lastPoll || '',
            createdAt: toIso(r.lastAt),
          }
        : null,
  }));
}

/** A class's chats that `userId` is not in (the administration reviewing them): no unread count, no preview. */
export async function classChatsNotJoined(db: DbOrTx, userId: string, classId: string): Promise<ChatSummary[]> {
  const rows = await db
    .select({
      id: chats.id,
      name: chats.name,
      schoolId: chats.schoolId,
      classId: chats.classId,
      lastSeq: chats.lastSeq,
      memberCount: sql<number>`(select count(*)::int from chat_members mc where mc.chat_id = chats.id)`,
    })
    .from(chats)
    .where(
      and(
        eq(chats.classId, classId),
        eq(chats.kind, 'class'),
        sql`not exists (select 1 from chat_members me where me.chat_id = ${chats.id} and me.user_id = ${userId})`,
      ),
    )
    .orderBy(sql`coalesce(${chats.lastMessageAt}, ${chats.createdAt}) desc`, desc(chats.id));
  return rows.map((r) => ({ ...r, kind: 'class' as const, lastReadSeq: r.lastSeq, unread: 0, lastMessage: null, muted: false }));
}

export function personalName(first: string | null, last: string | null): string {
  return `${first ?? ''} ${last ?? ''}`.trim();
}

/** Drivers differ in how a timestamp from a subquery arrives (Date or string). */
export function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Unread over all my chats, for the left menu's badge: one query. */
export async function unreadTotals(db: DbOrTx, userId: string): Promise<{ totalUnread: number; chatsWithUnread: number }> {
  const [row] = await db
    .select({
      total: sql<number>`coalesce(sum(u.n), 0)::int`,
      chatsWith: sql<number>`count(*) filter (where u.n > 0)::int`,
    })
    .from(
      db
        .select({
          n: sql<number>`(select count(*)::int from messages mu where mu.chat_id = chat_members.chat_id
            and mu.seq > chat_members.last_read_seq and mu.author_id <> ${userId} and mu.deleted_at is null)`.as('n'),
        })
        .from(chatMembers)
        .where(eq(chatMembers.userId, userId))
        .as('u'),
    );
  return { totalUnread: row?.total ?? 0, chatsWithUnread: row?.chatsWith ?? 0 };
}

/** CHT-5: a school's public chats, each with its member count and whether I am in it. */
export async function publicChatsOfSchool(db: DbOrTx, schoolId: string, userId: string) {
  return db
    .select({
      id: chats.id,
      name: chats.name,
      // Spelled out: drizzle leaves a column of the only table unqualified, which a subquery would capture.
      memberCount: sql<number>`(select count(*)::int from chat_members mc where mc.chat_id = chats.id)`,
      joined: sql<boolean>`exists (select 1 from chat_members mj where mj.chat_id = chats.id and mj.user_id = ${userId})`,
    })
    .from(chats)
    .where(and(eq(chats.schoolId, schoolId), eq(chats.kind, 'public')))
    .orderBy(asc(chats.name));
}

/** Member rows of a chat for these people: who is already in. */
export async function memberRolesAmong(db: DbOrTx, chatId: string, userIds: string[]): Promise<Map<string, ChatMemberRole>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: chatMembers.userId, role: chatMembers.role })
    .from(chatMembers)
    .where(and(eq(chatMembers.chatId, chatId), inArray(chatMembers.userId, userIds)));
  return new Map(rows.map((r) => [r.userId, r.role]));
}
