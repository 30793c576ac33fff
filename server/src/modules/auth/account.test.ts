import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classes, memberships, schools, sessions, users } from '../../db/schema.js';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { insertUser, isUniqueViolation } from './queries.js';
import { SESSION_COOKIE } from './sessions.js';
import { Browser, lastCode, newPhone, PASSWORD, signUpThroughApi, smsCount, ticketFor } from './testHelpers.js';

const NEW_PASSWORD = 'sinyaya-lodka-42';

describe('«Забыли пароль?»: reset through an SMS code', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('sets the new password, ends every other session, and signs in here', async () => {
    const phone = newPhone();
    const phoneB = new Browser(ctx);
    const { id } = await signUpThroughApi(ctx, phoneB, phone);
    const laptop = new Browser(ctx);
    const t = await ticketFor(ctx, laptop, phone, 'login');
    expect((await laptop.post('/auth/signin', { phone, password: PASSWORD, verificationToken: t })).statusCode).toBe(200);
    expect(await ctx.deps.db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(2);

    const here = new Browser(ctx);
    const code = await here.post('/auth/code', { phone, purpose: 'reset' });
    expect(code.json()).toEqual({ resendInSeconds: 120 });
    const verify = await here.post('/auth/verify', { phone, purpose: 'reset', code: lastCode(ctx.deps.sms, phone) });
    const res = await here.post('/auth/reset', { verificationToken: verify.json().verificationToken, password: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.id).toBe(id);
    expect((await here.call('GET', '/me')).statusCode).toBe(200);

    // The other two browsers are signed out; only this session remains.
    expect((await phoneB.call('GET', '/me')).statusCode).toBe(401);
    expect((await laptop.call('GET', '/me')).statusCode).toBe(401);
    expect(await ctx.deps.db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(1);

    // The old password no longer works; the new one does (the laptop stays a known device).
    expect((await laptop.post('/auth/signin', { phone, password: PASSWORD })).json().error.code).toBe('wrong_password');
    expect((await laptop.post('/auth/signin', { phone, password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('a reset code for an unknown number is sent like any other; verified, it leads to sign-up', async () => {
    const phone = newPhone();
    const b = new Browser(ctx);
    const res = await b.post('/auth/code', { phone, purpose: 'reset' });
    expect(res.json()).toEqual({ resendInSeconds: 120 });
    expect(smsCount(ctx.deps.sms, phone)).toBe(1);
    const verify = await b.post('/auth/verify', { phone, purpose: 'reset', code: lastCode(ctx.deps.sms, phone) });
    expect(verify.json()).toEqual({ verificationToken: expect.any(String), account: 'new' });
    const reset = await b.post('/auth/reset', { verificationToken: verify.json().verificationToken, password: NEW_PASSWORD });
    expect(reset.json().error.code).toBe('verification_invalid');
    const INFO_ = { firstName: 'Ира', lastName: 'Ли', gender: 'female', birthDate: '2011-02-03', acceptTerms: true };
    const signup = await b.post('/auth/signup', { verificationToken: verify.json().verificationToken, password: NEW_PASSWORD, ...INFO_ });
    expect(signup.statusCode).toBe(200);
  });

  it('a weak password or a non-reset ticket is refused and changes nothing', async () => {
    const phone = newPhone();
    const owner = new Browser(ctx);
    const { id } = await signUpThroughApi(ctx, owner, phone);
    const [before] = await ctx.deps.db.select().from(users).where(eq(users.id, id));
    const b = new Browser(ctx);
    const reset = await ticketFor(ctx, b, phone, 'reset');
    const weak = await b.post('/auth/reset', { verificationToken: reset, password: 'qwerty123' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('password_too_weak');
    const login = await ticketFor(ctx, b, phone, 'login');
    const wrongPurpose = await b.post('/auth/reset', { verificationToken: login, password: NEW_PASSWORD });
    expect(wrongPurpose.statusCode).toBe(401);
    expect(wrongPurpose.json().error.code).toBe('verification_invalid');

    const [after] = await ctx.deps.db.select().from(users).where(eq(users.id, id));
    expect(after?.passwordHash).toBe(before?.passwordHash);
    expect((await owner.call('GET', '/me')).statusCode).toBe(200);
    expect(b.cookies).not.toContain(SESSION_COOKIE);

    // The reset ticket survived the weak try, and is single use.
    expect((await b.post('/auth/reset', { verificationToken: reset, password: NEW_PASSWORD })).statusCode).toBe(200);
    const reuse = await new Browser(ctx).post('/auth/reset', { verificationToken: reset, password: 'drugoi-parol-99' });
    expect(reuse.json().error.code).toBe('verification_invalid');
  });
});

describe('ACC-3, ACC-4: the profile and the session', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('without a session, /me, PATCH /me and sign-out answer 401', async () => {
    const b = new Browser(ctx);
    for (const res of [
      await b.call('GET', '/me'),
      await b.call('PATCH', '/me', { firstName: 'Кто-то' }),
      await b.post('/auth/signout'),
    ]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toEqual({ code: 'unauthenticated', message: 'Войдите в аккаунт' });
    }
    const forged = await ctx.app.inject({ url: '/api/me', headers: { cookie: `${SESSION_COOKIE}=forged-token-value` } });
    expect(forged.statusCode).toBe(401);
  });

  it('the session lasts until «Выйти»; sign-out ends it, and the device stays known', async () => {
    const b = new Browser(ctx);
    const { phone, id } = await signUpThroughApi(ctx, b);
    const stolenCookie = b.cookies;
    ctx.deps.clock.advance(30 * 24 * 3600_000);
    expect((await b.call('GET', '/me')).statusCode).toBe(200);

    const out = await b.post('/auth/signout');
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ ok: true });
    expect(b.cookies).not.toContain(SESSION_COOKIE);
    expect(await ctx.deps.db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(0);
    // The old cookie, replayed, opens nothing.
    expect((await ctx.app.inject({ url: '/api/me', headers: { cookie: stolenCookie } })).statusCode).toBe(401);
    expect((await b.post('/auth/identify', { phone })).json()).toMatchObject({ next: 'password', displayName: 'Вадим Ж.' });
  });

  it('PATCH /me changes only the fields sent', async () => {
    const b = new Browser(ctx);
    await signUpThroughApi(ctx, b);
    const res = await b.call('PATCH', '/me', { firstName: 'Яна', lastName: 'Рощина', middleName: '', gender: 'female', locale: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      firstName: 'Яна', lastName: 'Рощина', middleName: null, gender: 'female', birthDate: '1985-03-14', locale: 'en',
    });
    expect((await b.call('GET', '/me')).json().data.firstName).toBe('Яна');
  });

  it('PATCH /me refuses bad data (400) and changes nothing', async () => {
    const b = new Browser(ctx);
    const { id } = await signUpThroughApi(ctx, b);
    const [before] = await ctx.deps.db.select().from(users).where(eq(users.id, id));
    for (const body of [{ firstName: '' }, { gender: 'x' }, { birthDate: '3000-01-01' }, { locale: 'de' }, { firstName: 'Я', birthDate: '1850-01-01' }]) {
      const res = await b.call('PATCH', '/me', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    const [after] = await ctx.deps.db.select().from(users).where(eq(users.id, id));
    expect(after).toEqual(before);
  });

  it('/me lists the schools with role and class name for the left menu', async () => {
    const b = new Browser(ctx);
    const { id } = await signUpThroughApi(ctx, b);
    const [school] = await ctx.deps.db
      .insert(schools)
      .values({ name: 'Гимназия №1', country: 'Россия', city: 'Москва' })
      .returning({ id: schools.id });
    const schoolId = school?.id ?? '';
    const [cls] = await ctx.deps.db.insert(classes).values({ schoolId, grade: 7, letter: 'А' }).returning({ id: classes.id });
    await ctx.deps.db.insert(memberships).values([
      { schoolId, userId: id, role: 'student', classId: cls?.id ?? null },
      { schoolId, userId: id, role: 'admin' },
    ]);
    const me = await b.call('GET', '/me');
    expect(me.json().data.memberships).toEqual([
      { schoolId, schoolName: 'Гимназия №1', role: 'admin', classId: null, className: null },
      { schoolId, schoolName: 'Гимназия №1', role: 'student', classId: cls?.id, className: '7А' },
    ]);
  });

  it('a second account for one number is stopped by the database and recognised as such', async () => {
    const b = new Browser(ctx);
    const { phone } = await signUpThroughApi(ctx, b);
    const now = new Date();
    const dup = insertUser(ctx.deps.db, {
      phone, passwordHash: 'x', firstName: 'А', lastName: 'Б', middleName: null, gender: 'male',
      birthDate: '1990-01-01', termsAcceptedAt: now, createdAt: now,
    });
    const err = await dup.then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
  });
});

describe('/me says what the server lets me do, so screens never guess it from roles', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('«Создать групповой чат» is offered in the schools where POST /chats would make one: teachers and administration, not students', async () => {
    const f = await freshSchool(ctx);
    const canIn = async (cookie: string) =>
      (await ctx.app.inject({ url: '/api/me', headers: { cookie } })).json().data.can.createGroupChatIn;
    expect(await canIn(f.cookies.teacher)).toEqual([f.school.id]);
    expect(await canIn(f.cookies.admin)).toEqual([f.school.id]);
    expect(await canIn(f.cookies.student)).toEqual([]);
    const post = (cookie: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/chats', headers: { cookie }, payload: { kind: 'group', schoolId: f.school.id, name: 'Кружок', memberIds: [] } });
    expect((await post(f.cookies.student)).statusCode).toBe(403);
    expect((await post(f.cookies.teacher)).statusCode).toBe(201);
  });
});
