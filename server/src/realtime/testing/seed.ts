import { randomInt } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { chatMembers, chats } from '../../db/chatSchema.js';
import { classes, memberships, schools, sessions, users } from '../../db/schema.js';
import { keyedHash, newToken } from '../../lib/secrets.js';

/** argon2id of the factories' password; nobody signs in with it here, sessions are made directly. */
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$z2YkjsmSyxKeAv07f26GbA$jKZi0rV3rPs1x71Z/17nsdBQp3KRYV46yOHCUtU8iQg';
const CHUNK = 1000;

export interface SeededPeople {
  schoolId: string;
  /** Chat ids; person i is in chat floor(i / chatSize). */
  chatIds: string[];
  userIds: string[];
  /** A Cookie header value per person: a live session. */
  cookies: string[];
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Bulk-makes a school with `people` students, each with a session, in class chats of `chatSize`
 * members — for the crash test and the benchmarks, which need hundreds or tens of thousands of
 * people and cannot afford the factories' one-row-at-a-time inserts.
 */
export async function seedPeople(db: Db, secret: string, opts: { people: number; chatSize: number }): Promise<SeededPeople> {
  // Load tests and benchmarks send at machine speed: the school's flood limit (SAFE-1, 20 a minute per person and chat)
  // is raised out of their way, as an administration may; the socket's own frame limits are the callers' to set.
  const [school] = await db
    .insert(schools)
    .values({ name: `Школа №${randomInt(1, 1_000_000)}`, country: 'Россия', city: 'Москва', messagesPerMinute: 1_000_000 })
    .returning({ id: schools.id });
  if (!school) throw new Error('school not inserted');
  const [cls] = await db.insert(classes).values({ schoolId: school.id, grade: 7, letter: 'А' }).returning({ id: classes.id });
  if (!cls) throw new Error('class not inserted');
  const prefix = String(randomInt(100, 1000));
  const userIds: string[] = [];
  for (const part of chunks(Array.from({ length: opts.people }, (_, i) => i))) {
    const rows = await db
      .insert(users)
      .values(part.map((i) => ({
        phone: `+79${prefix}${String(i).padStart(7, '0')}`,
        passwordHash: PASSWORD_HASH,
        firstName: 'Ученик',
        lastName: `№${i + 1}`,
        gender: 'male' as const,
        birthDate: '2012-03-01',
        termsAcceptedAt: new Date(),
      })))
      .returning({ id: users.id });
    userIds.push(...rows.map((r) => r.id));
  }
  const cookies: string[] = [];
  const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  for (const part of chunks(userIds)) {
    await db.insert(memberships).values(part.map((userId) => ({ schoolId: school.id, userId, role: 'student' as const, classId: cls.id })));
    const tokens = part.map(() => newToken());
    await db.insert(sessions).values(part.map((userId, i) => ({ tokenHash: keyedHash(secret, tokens[i]!), userId, expiresAt, lastSeenAt: new Date() })));
    cookies.push(...tokens.map((t) => `parta_session=${t}`));
  }
  const chatIds: string[] = [];
  for (let start = 0; start < userIds.length; start += opts.chatSize) {
    const [chat] = await db
      .insert(chats)
      .values({ kind: 'class', schoolId: school.id, classId: cls.id, name: `7А — чат ${chatIds.length + 1}`, createdBy: userIds[start] })
      .returning({ id: chats.id });
    if (!chat) throw new Error('chat not inserted');
    chatIds.push(chat.id);
    const members = userIds.slice(start, start + opts.chatSize);
    for (const part of chunks(members)) {
      await db.insert(chatMembers).values(part.map((userId, i) => ({ chatId: chat.id, userId, role: start + i === start ? ('owner' as const) : ('member' as const) })));
    }
  }
  return { schoolId: school.id, chatIds, userIds, cookies };
}
