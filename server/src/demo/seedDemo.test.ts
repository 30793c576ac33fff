import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinRequests, memberships, schools, users } from '../db/schema.js';
import { verifyPassword } from '../lib/passwords.js';
import { createUser, signedInCookie } from '../test/factories.js';
import { createTestContext, type TestContext } from '../test/testApp.js';
import { DEMO_PASSWORD, seedDemoIfEmpty } from './seedDemo.js';

describe('demo school', () => {
  let ctx: TestContext;
  const lines: string[] = [];
  const log = { info: (msg: unknown) => void lines.push(String(msg)) };
  beforeAll(async () => {
    // This file's database is its own and starts empty.
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const userByPhone = async (phone: string) => {
    const [u] = await ctx.deps.db.select().from(users).where(eq(users.phone, phone));
    if (!u) throw new Error(`no ${phone}`);
    return u;
  };

  it('loads on an empty database, prints how to sign in, and does nothing the second time', async () => {
    expect(await seedDemoIfEmpty(ctx.deps, log)).toBe(true);
    expect(lines.join('\n')).toContain('+7 900 000-00-01');
    expect(lines.join('\n')).toContain('http://parta.test/invite/demo-teacher-7a');
    const count = async () => (await ctx.deps.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]?.n;
    const before = await count();
    expect(await seedDemoIfEmpty(ctx.deps, log)).toBe(false);
    expect(await count()).toBe(before);
    expect(await ctx.deps.db.select().from(schools).where(eq(schools.name, 'Гимназия №1'))).toHaveLength(1);
  });

  it('has the four accounts with the right roles and the demo password', async () => {
    const operator = await userByPhone('+79000000000');
    expect(operator.isOperator).toBe(true);
    expect(await verifyPassword(operator.passwordHash, DEMO_PASSWORD)).toBe(true);

    const admin = await userByPhone('+79000000001');
    const cookie = await signedInCookie(ctx, admin);
    const [gym] = await ctx.deps.db.select().from(schools).where(eq(schools.name, 'Гимназия №1'));
    const page = (await ctx.app.inject({ url: `/api/schools/${gym!.id}`, headers: { cookie } })).json();
    expect(page.data).toMatchObject({ country: 'Россия', city: 'Москва', myRoles: ['admin'], pendingRequestCount: 1 });
    expect(page.data.address && page.data.phone && page.data.site && page.data.email && page.data.description).toBeTruthy();

    const classes = (await ctx.app.inject({ url: `/api/schools/${gym!.id}/classes`, headers: { cookie } })).json().data;
    expect(classes.map((c: { name: string; profile: string | null }) => [c.name, c.profile])).toEqual([
      ['7А', null],
      ['11А', 'социально-гуманитарный'],
    ]);
    const c7 = classes[0].id as string;
    const page7 = (await ctx.app.inject({ url: `/api/classes/${c7}`, headers: { cookie } })).json().data;
    const teacher = await userByPhone('+79000000002');
    const student = await userByPhone('+79000000003');
    expect(page7.teachers).toContainEqual(expect.objectContaining({ id: teacher.id, subjects: ['Математика'] }));
    expect(page7.students.map((s: { id: string }) => s.id)).toContain(student.id);

    // «Главная» of the teacher: her school's classes, then the classes she teaches with her subjects.
    const asTeacher = await signedInCookie(ctx, teacher);
    const theirs = (await ctx.app.inject({ url: `/api/schools/${gym!.id}/classes`, headers: { cookie: asTeacher } })).json().data;
    expect(theirs.find((c: { name: string }) => c.name === '7А')).toMatchObject({ teacherCount: 3, studentCount: 4 });
    const own = (await ctx.app.inject({ url: `/api/classes/${c7}`, headers: { cookie: asTeacher } })).json();
    expect(own.data.teachers.find((t: { id: string }) => t.id === teacher.id)?.subjects).toEqual(['Математика']);
    expect(own.can.joinAsTeacher).toBe(true);

    const leaders = (await ctx.app.inject({ url: `/api/schools/${gym!.id}/leaders`, headers: { cookie } })).json().data;
    expect(leaders.map((l: { title: string }) => l.title)).toContain('Директор');

    expect(await ctx.deps.db.select({ role: memberships.role }).from(memberships).where(eq(memberships.userId, operator.id))).toEqual([]);
    const [pending] = await ctx.deps.db.select().from(joinRequests).where(eq(joinRequests.status, 'pending'));
    expect(pending).toMatchObject({ role: 'teacher', subjects: ['Физика'] });
  });

  it('has the invitation link «учитель в 7А» and other schools to find in the registry', async () => {
    const preview = (await ctx.app.inject({ url: '/api/invites/demo-teacher-7a' })).json().data;
    expect(preview).toMatchObject({ schoolName: 'Гимназия №1', role: 'teacher', className: '7А', active: true, needsApproval: true });
    const cookie = await signedInCookie(ctx, await userByPhone('+79000000003'));
    const moscow = (await ctx.app.inject({ url: `/api/registry/schools?country=Россия&city=${encodeURIComponent('Москва')}`, headers: { cookie } })).json().data;
    expect(moscow.map((s: { name: string }) => s.name)).toEqual(['Гимназия №1', 'Школа №57']);
    const cities = (await ctx.app.inject({ url: '/api/registry/cities?country=Россия', headers: { cookie } })).json().data;
    expect(cities).toEqual(['Москва', 'Санкт-Петербург']);
  });

  it('the public invitation «учитель в 7А» makes nobody a teacher: it files a join request the administrator approves', async () => {
    const stranger = await createUser(ctx);
    const cookie = await signedInCookie(ctx, stranger);
    const accept = () =>
      ctx.app.inject({ method: 'POST', url: '/api/invites/demo-teacher-7a/accept', headers: { cookie }, payload: { subjects: ['Химия'] } });
    const first = await accept();
    expect(first.statusCode).toBe(200);
    expect(first.json().data.status).toBe('requested');
    // Not a member: no role in the school, not among 7А's teachers.
    expect(await ctx.deps.db.select().from(memberships).where(eq(memberships.userId, stranger.id))).toEqual([]);
    const [gym] = await ctx.deps.db.select().from(schools).where(eq(schools.name, 'Гимназия №1'));
    const page = await ctx.app.inject({ url: `/api/schools/${gym!.id}/classes`, headers: { cookie } });
    expect(page.statusCode).toBe(404);
    // A second click while the request waits is refused and spends nothing.
    expect((await accept()).json().error.code).toBe('request_pending');

    // The administrator sees it with the class and subject, approves, and only then is the stranger a teacher of 7А.
    const admin = await signedInCookie(ctx, await userByPhone('+79000000001'));
    const pending = (await ctx.app.inject({ url: `/api/schools/${gym!.id}/join-requests?status=pending`, headers: { cookie: admin } })).json().data;
    const mine = pending.find((r: { applicant: { id: string } }) => r.applicant.id === stranger.id);
    expect(mine).toMatchObject({ role: 'teacher', subjects: ['Химия'], classes: [{ name: '7А' }] });
    const approved = await ctx.app.inject({ method: 'POST', url: `/api/join-requests/${mine.id}/approve`, headers: { cookie: admin } });
    expect(approved.statusCode).toBe(200);
    expect(await ctx.deps.db.select({ role: memberships.role }).from(memberships).where(eq(memberships.userId, stranger.id))).toEqual([{ role: 'teacher' }]);
  });
});
