import { and, asc, eq, gt, inArray, lte, or } from 'drizzle-orm';
import type { ChatEvent } from '@parta/contracts';
import type { DbOrTx } from '../db/client.js';
import { chatEvents, chats } from '../db/chatSchema.js';
import { classTeachers, memberships, users } from '../db/schema.js';
import type { ActorMembership } from '../policy/actor.js';
import { classRoom, schoolAdminRoom, schoolRoom } from '../modules/schools/events.js';
import type { StoredChatEvent } from '../modules/chats/chatEvents.js';

/** The last seq handed out in each of these chats (missing chats are absent). One query. */
export async function lastSeqsOf(db: DbOrTx, chatIds: string[]): Promise<Map<string, number>> {
  if (chatIds.length === 0) return new Map();
  const rows = await db.select({ id: chats.id, lastSeq: chats.lastSeq }).from(chats).where(inArray(chats.id, chatIds));
  return new Map(rows.map((r) => [r.id, r.lastSeq]));
}

/**
 * Events after a position in several chats, each chat in seq order. One query for all chats, so a
 * reconnecting client with fifty chats costs one round trip, not fifty.
 */
export async function eventsAfter(db: DbOrTx, from: Map<string, number>): Promise<StoredChatEvent[]> {
  if (from.size === 0) return [];
  const conds = [...from].map(([chatId, seq]) => and(eq(chatEvents.chatId, chatId), gt(chatEvents.seq, seq)));
  const rows = await db
    .select({ chatId: chatEvents.chatId, seq: chatEvents.seq, payload: chatEvents.payload })
    .from(chatEvents)
    .where(or(...conds))
    .orderBy(asc(chatEvents.chatId), asc(chatEvents.seq));
  return rows.map((r) => ({ chatId: r.chatId, seq: r.seq, event: r.payload as ChatEvent }));
}

/** Events of one chat with fromSeq ≤ seq < toSeq: what the node fetches to close a gap in the live stream. */
export async function eventsBetween(db: DbOrTx, chatId: string, fromSeq: number, toSeq: number): Promise<StoredChatEvent[]> {
  const rows = await db
    .select({ seq: chatEvents.seq, payload: chatEvents.payload })
    .from(chatEvents)
    .where(and(eq(chatEvents.chatId, chatId), gt(chatEvents.seq, fromSeq - 1), lte(chatEvents.seq, toSeq - 1)))
    .orderBy(asc(chatEvents.seq));
  return rows.map((r) => ({ chatId, seq: r.seq, event: r.payload as ChatEvent }));
}

/** The name other members see in «печатает…». */
export async function displayName(db: DbOrTx, userId: string): Promise<string> {
  const [row] = await db
    .select({ firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ? `${row.firstName} ${row.lastName}`.trim() : '';
}

/**
 * What a person's sockets stand in besides their chats, read fresh from the database: their memberships
 * (the socket's actor is refreshed with them) and the rooms those give — `school:<id>` for each school,
 * `school-admin:<id>` where they are its administrator, `class:<id>` for the classes they learn or teach in.
 * Two queries.
 */
export async function standingOf(db: DbOrTx, userId: string): Promise<{ memberships: ActorMembership[]; rooms: Set<string> }> {
  const [ms, taught] = await Promise.all([
    db
      .select({ schoolId: memberships.schoolId, role: memberships.role, classId: memberships.classId })
      .from(memberships)
      .where(eq(memberships.userId, userId)),
    db.selectDistinct({ classId: classTeachers.classId }).from(classTeachers).where(eq(classTeachers.userId, userId)),
  ]);
  const rooms = new Set<string>();
  for (const m of ms) {
    rooms.add(schoolRoom(m.schoolId));
    if (m.role === 'admin') rooms.add(schoolAdminRoom(m.schoolId));
    if (m.classId) rooms.add(classRoom(m.classId));
  }
  for (const t of taught) rooms.add(classRoom(t.classId));
  return { memberships: ms, rooms };
}
