import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../deps.js';
import type { Tx } from '../db/client.js';
import { classes, joinRequests, schools, users } from '../db/schema.js';
import { hashPassword } from '../lib/passwords.js';
import { insertInviteLink } from '../modules/invites/inviteLink.js';
import { grantRole } from '../modules/schools/grantRole.js';
import { demoPeople, demoSchools, type DemoPerson } from './demoData.js';
import { seedDemoArticles } from './seedDemoArticles.js';
import { seedDemoNews } from './seedDemoNews.js';
import { seedDemoDocuments } from './seedDemoDocuments.js';
import { createStorage } from '../platform/storage/index.js';
import { lockSetup } from '../modules/setup/queries.js';

export const DEMO_PASSWORD = 'parta-demo';
/** The demo's invitation link has a fixed token so the README can print it. */
export const DEMO_INVITE_TOKEN = 'demo-teacher-7a';
/** The accounts the README, the log and the first-run screen name for trying the demo (all with DEMO_PASSWORD). */
export const DEMO_ACCOUNTS = [
  { phone: '+79000000000', role: 'operator' },
  { phone: '+79000000001', role: 'admin' },
  { phone: '+79000000002', role: 'teacher' },
  { phone: '+79000000003', role: 'student' },
] as const;

/**
 * Loads «Гимназия №1», two more schools for the registry search and the demo accounts — only into
 * a database without users, so it never touches a real installation and a restart changes
 * nothing. One transaction: a half-loaded demo never stays behind.
 */
export async function seedDemoIfEmpty(deps: Pick<AppDeps, 'db' | 'clock' | 'secret' | 'config'>, log: Pick<FastifyBaseLogger, 'info'>): Promise<boolean> {
  const [row] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(users);
  if ((row?.n ?? 0) > 0) return false;
  // One hash for every demo account: the password is public anyway, and argon2 is slow on purpose.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seeded = await deps.db.transaction(async (tx) => {
    // Re-checked inside the transaction under the first-run lock, in case two nodes start on the same empty
    // database, or the first-run screen creates an operator meanwhile.
    await lockSetup(tx);
    const [again] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
    if ((again?.n ?? 0) > 0) return false;
    await seed(tx, deps, passwordHash);
    await seedDemoDocuments(tx, createStorage(deps.config));
    return true;
  });
  if (seeded) logHowToSignIn(deps, log);
  return seeded;
}

async function seed(tx: Tx, deps: Pick<AppDeps, 'clock' | 'secret'>, passwordHash: string): Promise<void> {
  const schoolIds = new Map<string, string>();
  const classIds = new Map<string, string>();
  for (const s of demoSchools) {
    const [school] = await tx.insert(schools).values(s.info).returning({ id: schools.id });
    if (!school) throw new Error('demo: school not inserted');
    schoolIds.set(s.key, school.id);
    for (const c of s.classes) {
      const [cls] = await tx
        .insert(classes)
        .values({ schoolId: school.id, grade: c.grade, letter: c.letter, profile: c.profile ?? null })
        .returning({ id: classes.id });
      if (!cls) throw new Error('demo: class not inserted');
      classIds.set(`${s.key}:${c.grade}${c.letter}`, cls.id);
    }
  }
  const idOf = (map: Map<string, string>, key: string) => {
    const v = map.get(key);
    if (!v) throw new Error(`demo: unknown ${key}`);
    return v;
  };

  const userIds = new Map<string, string>();
  for (const p of demoPeople) {
    const [u] = await tx.insert(users).values(userValues(p, passwordHash, deps.clock.now())).returning({ id: users.id });
    if (!u) throw new Error('demo: user not inserted');
    userIds.set(p.phone, u.id);
    for (const r of p.roles ?? []) {
      const schoolId = idOf(schoolIds, r.school);
      const classes = (r.classes ?? []).map((c) => idOf(classIds, `${r.school}:${c}`));
      await grantRole(tx, {
        schoolId,
        userId: u.id,
        role: r.role,
        classId: r.role === 'student' ? (classes[0] ?? null) : null,
        classIds: classes,
        subjects: r.subjects ?? [],
        title: r.title ?? null,
      });
    }
    if (p.requests) {
      const r = p.requests;
      await tx.insert(joinRequests).values({
        schoolId: idOf(schoolIds, r.school),
        userId: u.id,
        role: r.role,
        classIds: r.classes.map((c) => idOf(classIds, `${r.school}:${c}`)),
        subjects: r.subjects,
        comment: r.comment,
      });
    }
  }

  const gym = idOf(schoolIds, 'gym1');
  await insertInviteLink(tx, deps.secret, deps.clock.now(), {
    schoolId: gym,
    role: 'teacher',
    classId: idOf(classIds, 'gym1:7А'),
    expiresInDays: null,
    maxUses: null,
    createdBy: idOf(userIds, '+79000000001'),
    token: DEMO_INVITE_TOKEN,
    // Its token is public: whoever opens it only asks to join, and the administrator (+7 900 000-00-01) approves.
    needsApproval: true,
  });
  await seedDemoNews(tx, deps.clock.now(), {
    schoolId: gym,
    adminId: idOf(userIds, '+79000000001'),
    directorId: idOf(userIds, '+79000000004'),
    teacherId: idOf(userIds, '+79000000002'),
    studentId: idOf(userIds, '+79000000003'),
  });
  await seedDemoArticles(tx, deps.clock.now(), { schoolId: gym, directorId: idOf(userIds, '+79000000004') });
}

function userValues(p: DemoPerson, passwordHash: string, now: Date): typeof users.$inferInsert {
  return {
    phone: p.phone,
    passwordHash,
    firstName: p.firstName,
    lastName: p.lastName,
    middleName: p.middleName,
    gender: p.gender,
    birthDate: p.birthDate,
    isOperator: p.isOperator ?? false,
    termsAcceptedAt: now,
  };
}

function logHowToSignIn(deps: Pick<AppDeps, 'config'>, log: Pick<FastifyBaseLogger, 'info'>): void {
  const base = deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;
  // One line per entry: JSON log lines would show a multi-line message as escaped \n.
  for (const line of [
    'demo: loaded «Гимназия №1» (Россия, Москва). Accounts, password «parta-demo»:',
    '  +7 900 000-00-00  platform operator',
    '  +7 900 000-00-01  school administrator',
    '  +7 900 000-00-02  teacher of mathematics in 7А',
    '  +7 900 000-00-03  student of 7А',
    'A new device asks for an SMS code: it is printed in this log as «SMS to +7900…».',
    `Invitation link «учитель в 7А» (a join request the administrator approves): ${base}/invite/${DEMO_INVITE_TOKEN}`,
  ]) {
    log.info(line);
  }
}
