import { randomInt } from 'node:crypto';
import type { Db } from '../../server/src/db/client.js';
import { chatMembers, chats } from '../../server/src/db/chatSchema.js';
import { classes, memberships, schools, sessions, users } from '../../server/src/db/schema.js';
import { keyedHash, newToken } from '../../server/src/lib/secrets.js';

/** argon2id of the factories' password; nobody signs in with it: sessions are made directly. */
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$z2YkjsmSyxKeAv07f26GbA$jKZi0rV3rPs1x71Z/17nsdBQp3KRYV46yOHCUtU8iQg';

/** A class of the simulated school: 30 students, 2 teachers, 18 parents. */
export const CLASS = { students: 30, teachers: 2, parents: 18 } as const;
export const CLASS_SIZE = CLASS.students + CLASS.teachers + CLASS.parents;

export type Role = 'student' | 'teacher' | 'parent';

export interface Person {
  userId: string;
  cookie: string;
  role: Role;
  /** Index of the class, across the whole run (classes are split between load generators by it). */
  classIndex: number;
  /** The chats this person is in: students the class chat, parents the parents' chat, teachers both. */
  chatIds: string[];
}

export interface SeededClass {
  index: number;
  people: Person[];
  /** chatId → its members' userIds. */
  chats: Record<string, string[]>;
}

/**
 * Adds classes `from`..`to`-1 to the benchmark's school (made on the first call): each a class chat (students and
 * teachers) and a parents' chat (parents and teachers), every person with a live session. Bulk inserts, no argon2 and
 * no SMS: a step of thousands of people is seeded in seconds.
 */
export async function seedClasses(db: Db, secret: string, schoolId: string | null, from: number, to: number): Promise<{ schoolId: string; classes: SeededClass[] }> {
  let school = schoolId;
  if (!school) {
    const [row] = await db.insert(schools).values({ name: `Школа №${randomInt(1, 1_000_000)}`, country: 'Россия', city: 'Москва' }).returning({ id: schools.id });
    if (!row) throw new Error('school not inserted');
    school = row.id;
  }
  const out: SeededClass[] = [];
  const prefix = String(randomInt(100, 1000));
  const expiresAt = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  for (let index = from; index < to; index++) {
    const [cls] = await db
      .insert(classes)
      .values({ schoolId: school, grade: 1 + (index % 11), letter: 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ'[Math.floor(index / 11) % 27] as string })
      .returning({ id: classes.id });
    if (!cls) throw new Error('class not inserted');
    const roles: Role[] = [
      ...Array<Role>(CLASS.students).fill('student'),
      ...Array<Role>(CLASS.teachers).fill('teacher'),
      ...Array<Role>(CLASS.parents).fill('parent'),
    ];
    const names: Record<Role, string> = { student: 'Ученик', teacher: 'Учитель', parent: 'Родитель' };
    const rows = await db
      .insert(users)
      .values(roles.map((role, i) => ({
        phone: `+79${prefix}${String(index * CLASS_SIZE + i).padStart(7, '0')}`,
        passwordHash: PASSWORD_HASH,
        firstName: names[role],
        lastName: `№${index * CLASS_SIZE + i + 1}`,
        gender: i % 2 ? ('male' as const) : ('female' as const),
        birthDate: role === 'student' ? '2012-03-01' : '1985-03-01',
        termsAcceptedAt: new Date(),
      })))
      .returning({ id: users.id });
    const ids = rows.map((r) => r.id);
    await db.insert(memberships).values(ids.map((userId, i) => ({
      schoolId: school as string, userId, role: roles[i] as Role, classId: roles[i] === 'student' ? cls.id : null,
    })));
    const tokens = ids.map(() => newToken());
    await db.insert(sessions).values(ids.map((userId, i) => ({ tokenHash: keyedHash(secret, tokens[i] as string), userId, expiresAt, lastSeenAt: new Date() })));
    const byRole = (role: Role) => ids.filter((_, i) => roles[i] === role);
    const made: Record<string, string[]> = {};
    for (const [name, members] of [
      [`Класс ${index + 1}`, [...byRole('teacher'), ...byRole('student')]],
      [`Родители класса ${index + 1}`, [...byRole('teacher'), ...byRole('parent')]],
    ] as const) {
      const [chat] = await db
        .insert(chats)
        .values({ kind: 'class', schoolId: school, classId: cls.id, name, createdBy: members[0] })
        .returning({ id: chats.id });
      if (!chat) throw new Error('chat not inserted');
      await db.insert(chatMembers).values(members.map((userId, i) => ({ chatId: chat.id, userId, role: i === 0 ? ('owner' as const) : ('member' as const) })));
      made[chat.id] = [...members];
    }
    const people = ids.map((userId, i) => ({
      userId,
      cookie: `parta_session=${tokens[i]}`,
      role: roles[i] as Role,
      classIndex: index,
      chatIds: Object.entries(made).filter(([, m]) => m.includes(userId)).map(([id]) => id),
    }));
    out.push({ index, people, chats: made });
  }
  return { schoolId: school, classes: out };
}
