import type { LessonSummary } from '@parta/contracts';
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { chatMembers } from '../../db/chatSchema.js';
import { lessonParticipants, lessonPresence, lessons } from '../../db/lessonSchema.js';
import { classTeachers, memberships, users } from '../../db/schema.js';
import { toIso } from '../chats/queries.js';
import { personColumns } from '../schools/people.js';
import type { LessonFacts } from './policy.js';

export type LessonRow = typeof lessons.$inferSelect;

export async function findLesson(db: DbOrTx, lessonId: string, opts: { forUpdate?: boolean } = {}): Promise<LessonRow | null> {
  const q = db.select().from(lessons).where(eq(lessons.id, lessonId)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** What a person is to a lesson (its audience, its class's teacher, a participant, removed): one query. */
export async function lessonFacts(db: DbOrTx, lesson: LessonRow, userId: string): Promise<LessonFacts> {
  const classId = lesson.classId;
  const chatId = lesson.chatId;
  const [row] = await db
    .select({
      student: classId && !chatId
        ? sql<boolean>`exists(select 1 from ${memberships} where ${memberships.userId} = ${userId} and ${memberships.classId} = ${classId} and ${memberships.role} = 'student')`
        : sql<boolean>`false`,
      teaches: classId
        ? sql<boolean>`exists(select 1 from ${classTeachers} where ${classTeachers.userId} = ${userId} and ${classTeachers.classId} = ${classId})`
        : sql<boolean>`false`,
      chatMember: chatId
        ? sql<boolean>`exists(select 1 from ${chatMembers} where ${chatMembers.userId} = ${userId} and ${chatMembers.chatId} = ${chatId})`
        : sql<boolean>`false`,
      participant: sql<boolean>`exists(select 1 from ${lessonParticipants} where ${lessonParticipants.lessonId} = ${lesson.id} and ${lessonParticipants.userId} = ${userId})`,
      removed: sql<boolean>`exists(select 1 from ${lessonParticipants} where ${lessonParticipants.lessonId} = ${lesson.id} and ${lessonParticipants.userId} = ${userId} and ${lessonParticipants.removedAt} is not null)`,
    })
    .from(sql`(select 1) as one`);
  const r = row ?? { student: false, teaches: false, chatMember: false, participant: false, removed: false };
  const inAudience = chatId ? Boolean(r.chatMember) : Boolean(r.student) || Boolean(r.teaches);
  return { inAudience, teachesClass: Boolean(r.teaches), participant: Boolean(r.participant), removed: Boolean(r.removed) };
}

/** People a lesson's audience holds: who «Позвонить всем» rings and who hears that a lesson started or ended. */
export async function audienceOf(db: DbOrTx, lesson: Pick<LessonRow, 'classId' | 'chatId'>): Promise<string[]> {
  if (lesson.chatId) {
    const rows = await db.select({ id: chatMembers.userId }).from(chatMembers).where(eq(chatMembers.chatId, lesson.chatId));
    return rows.map((r) => r.id);
  }
  if (!lesson.classId) return [];
  const classId = lesson.classId;
  const students = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.classId, classId), eq(memberships.role, 'student')));
  const teachers = await db.selectDistinct({ id: classTeachers.userId }).from(classTeachers).where(eq(classTeachers.classId, classId));
  return [...new Set([...students, ...teachers].map((r) => r.id))];
}

/** People in the call now (open presence). */
export async function presentUserIds(db: DbOrTx, lessonId: string): Promise<string[]> {
  const rows = await db
    .select({ id: lessonPresence.userId })
    .from(lessonPresence)
    .where(and(eq(lessonPresence.lessonId, lessonId), isNull(lessonPresence.leftAt)));
  return rows.map((r) => r.id);
}

export async function isPresent(db: DbOrTx, lessonId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: lessonPresence.id })
    .from(lessonPresence)
    .where(and(eq(lessonPresence.lessonId, lessonId), eq(lessonPresence.userId, userId), isNull(lessonPresence.leftAt)))
    .limit(1);
  return row !== undefined;
}

/** Closes a person's open stay (or everyone's when userId is null) at `at`. */
export async function closePresence(db: DbOrTx, lessonId: string, userId: string | null, at: Date): Promise<number> {
  const rows = await db
    .update(lessonPresence)
    .set({ leftAt: at })
    .where(and(eq(lessonPresence.lessonId, lessonId), isNull(lessonPresence.leftAt), userId ? eq(lessonPresence.userId, userId) : undefined))
    .returning({ id: lessonPresence.id });
  return rows.length;
}

/** Lessons as lists show them, with their host and how many are in the call. */
export async function lessonSummaries(db: DbOrTx, ids: string[]): Promise<LessonSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      lesson: {
        id: lessons.id, schoolId: lessons.schoolId, title: lessons.title, classId: lessons.classId, chatId: lessons.chatId,
        startedAt: lessons.startedAt, endedAt: lessons.endedAt,
      },
      host: personColumns,
      presentCount: sql<number>`(select count(*)::int from ${lessonPresence} where ${lessonPresence.lessonId} = ${lessons.id} and ${lessonPresence.leftAt} is null)`,
    })
    .from(lessons)
    .innerJoin(users, eq(users.id, lessons.hostId))
    .where(inArray(lessons.id, ids))
    .orderBy(desc(lessons.startedAt));
  return rows.map((r) => ({
    ...r.lesson,
    startedAt: toIso(r.lesson.startedAt),
    endedAt: r.lesson.endedAt ? toIso(r.lesson.endedAt) : null,
    host: r.host,
    presentCount: Number(r.presentCount),
  }));
}

/** Live lessons a person may join: of their classes (as student or teacher), their chats, or that called them. */
export async function liveLessonIdsFor(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: lessons.id })
    .from(lessons)
    .where(
      and(
        isNull(lessons.endedAt),
        or(
          eq(lessons.hostId, userId),
          and(
            isNull(lessons.chatId),
            or(
              sql`${lessons.classId} in (select ${memberships.classId} from ${memberships} where ${memberships.userId} = ${userId} and ${memberships.role} = 'student')`,
              sql`${lessons.classId} in (select ${classTeachers.classId} from ${classTeachers} where ${classTeachers.userId} = ${userId})`,
            ),
          ),
          sql`${lessons.chatId} in (select ${chatMembers.chatId} from ${chatMembers} where ${chatMembers.userId} = ${userId})`,
          sql`${lessons.id} in (select ${lessonParticipants.lessonId} from ${lessonParticipants} where ${lessonParticipants.userId} = ${userId} and ${lessonParticipants.removedAt} is null)`,
        ),
      ),
    )
    .orderBy(desc(lessons.startedAt))
    .limit(50);
  return rows.map((r) => r.id);
}

export interface ParticipantRow {
  person: { id: string; firstName: string; lastName: string; middleName: string | null };
  called: boolean;
  removedAt: Date | null;
  handRaisedAt: Date | null;
}

export async function participantsOf(db: DbOrTx, lessonId: string): Promise<ParticipantRow[]> {
  return db
    .select({
      person: personColumns,
      called: lessonParticipants.called,
      removedAt: lessonParticipants.removedAt,
      handRaisedAt: lessonParticipants.handRaisedAt,
    })
    .from(lessonParticipants)
    .innerJoin(users, eq(users.id, lessonParticipants.userId))
    .where(eq(lessonParticipants.lessonId, lessonId))
    .orderBy(asc(users.lastName), asc(users.firstName));
}

export async function presenceOf(db: DbOrTx, lessonId: string) {
  return db
    .select({ userId: lessonPresence.userId, joinedAt: lessonPresence.joinedAt, leftAt: lessonPresence.leftAt })
    .from(lessonPresence)
    .where(eq(lessonPresence.lessonId, lessonId))
    .orderBy(asc(lessonPresence.joinedAt));
}
