import type { ServerFrame } from '@parta/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClass, createUser, freshSchool, signedInCookie } from '../test/factories.js';
import type { TestContext } from '../test/testApp.js';
import { type SocketClient, sleep } from './testing/socketClient.js';
import { type SocketTestApp, socketTestApp } from './testing/socketTestApp.js';

let app: SocketTestApp;
let ctx: TestContext;

async function connect(cookie: string): Promise<SocketClient> {
  const c = await app.connect(cookie);
  c.send({ t: 'resume', chats: {} });
  await c.next('resumed');
  return c;
}

async function post(cookie: string, url: string, payload?: object) {
  const res = await ctx.app.inject({ method: 'POST', url: `/api${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json().data;
}

const schoolFrames = (c: SocketClient, type: string) =>
  c.frames.filter((f): f is Extract<ServerFrame, { t: 'school' }> => f.t === 'school' && f.event.type === type);
const userFrames = (c: SocketClient, type: string) =>
  c.frames.filter((f): f is Extract<ServerFrame, { t: 'user' }> => f.t === 'user' && f.event.type === type);

beforeAll(async () => {
  app = await socketTestApp();
  ({ ctx } = app);
});
afterAll(() => app.close());

describe('join requests over the socket', () => {
  it('a new request reaches the administration of that school only: not its students or teachers, not another school’s administration', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const applicant = await createUser(ctx);
    const [admin, teacher, student, otherAdmin] = await Promise.all([
      connect(f.cookies.admin), connect(f.cookies.teacher), connect(f.cookies.student), connect(other.cookies.admin),
    ]);
    const req = await post(await signedInCookie(ctx, applicant), '/join-requests', { schoolId: f.school.id, role: 'student', classIds: [f.classA.id] });
    expect(await admin.waitFor((x) => x.t === 'school' && x.event.type === 'joinRequest.created')).toEqual({
      t: 'school', schoolId: f.school.id, event: { type: 'joinRequest.created', schoolId: f.school.id, requestId: req.id },
    });
    await sleep(150);
    for (const c of [teacher, student, otherAdmin]) expect(schoolFrames(c, 'joinRequest.created')).toEqual([]);
  });

  it('the decision reaches the applicant live, and not another applicant of the same school', async () => {
    const f = await freshSchool(ctx);
    const [ann, bob] = await Promise.all([createUser(ctx), createUser(ctx)]);
    const [annCookie, bobCookie] = await Promise.all([signedInCookie(ctx, ann), signedInCookie(ctx, bob)]);
    const annReq = await post(annCookie, '/join-requests', { schoolId: f.school.id, role: 'student', classIds: [f.classA.id] });
    await post(bobCookie, '/join-requests', { schoolId: f.school.id, role: 'parent', classIds: [] });
    const [annSocket, bobSocket, admin] = await Promise.all([connect(annCookie), connect(bobCookie), connect(f.cookies.admin)]);

    await post(f.cookies.admin, `/join-requests/${annReq.id}/reject`);
    expect((await annSocket.waitFor((x) => x.t === 'user' && x.event.type === 'joinRequest.decided'))).toEqual({
      t: 'user', event: { type: 'joinRequest.decided', schoolId: f.school.id, requestId: annReq.id, status: 'rejected' },
    });
    // The administration's badge hears it too (one fewer pending).
    await admin.waitFor((x) => x.t === 'school' && x.event.type === 'joinRequest.decided');
    await sleep(150);
    expect(userFrames(bobSocket, 'joinRequest.decided')).toEqual([]);
    expect(bobSocket.frames.filter((x) => x.t === 'school')).toEqual([]);
  });
});

describe('rooms follow memberships without a reconnect', () => {
  it('an applicant’s open socket is in the school’s and the class’s rooms once approved, and hears their events', async () => {
    const f = await freshSchool(ctx);
    const kid = await createUser(ctx);
    const cookie = await signedInCookie(ctx, kid);
    const req = await post(cookie, '/join-requests', { schoolId: f.school.id, role: 'student', classIds: [f.classA.id] });
    const socket = await connect(cookie);

    // Before: not a member, so the school's news does not reach them.
    await ctx.deps.events.publish(`school:${f.school.id}`, { type: 'news.posted', postId: 'before' });
    await ctx.deps.events.publish(`class:${f.classA.id}`, { type: 'class.changed', note: 'before' });
    await sleep(150);
    expect(socket.frames.filter((x) => x.t === 'school' || x.t === 'class')).toEqual([]);

    await post(f.cookies.admin, `/join-requests/${req.id}/approve`);
    // The event that tells the client it joined arrives after its socket was moved.
    await socket.waitFor((x) => x.t === 'user' && x.event.type === 'member.joined');
    await ctx.deps.events.publish(`school:${f.school.id}`, { type: 'news.posted', postId: 'after' });
    await ctx.deps.events.publish(`class:${f.classA.id}`, { type: 'class.changed', note: 'after' });
    expect(await socket.waitFor((x) => x.t === 'school' && x.event.type === 'news.posted')).toEqual({
      t: 'school', schoolId: f.school.id, event: { type: 'news.posted', postId: 'after' },
    });
    expect(await socket.waitFor((x) => x.t === 'class')).toEqual({ t: 'class', classId: f.classA.id, event: { type: 'class.changed', note: 'after' } });
  });

  it('a member appointed administrator starts hearing the «Заявки» events at once', async () => {
    const f = await freshSchool(ctx);
    const teacher = await connect(f.cookies.teacher);
    const applicant = await createUser(ctx);
    // A teacher does not hear requests; made an administrator (as the operator's appointment does: the role, then
    // `member.joined` in their room), their open socket does.
    await post(await signedInCookie(ctx, applicant), '/join-requests', { schoolId: f.school.id, role: 'parent', classIds: [] });
    await sleep(150);
    expect(schoolFrames(teacher, 'joinRequest.created')).toEqual([]);
    const { grantRole } = await import('../modules/schools/grantRole.js');
    await grantRole(ctx.deps.db, { schoolId: f.school.id, userId: f.teacher.id, role: 'admin' });
    await ctx.deps.events.publish(`user:${f.teacher.id}`, { type: 'member.joined', schoolId: f.school.id, userId: f.teacher.id, role: 'admin' });
    await teacher.waitFor((x) => x.t === 'user' && x.event.type === 'member.joined');
    const second = await createUser(ctx);
    await post(await signedInCookie(ctx, second), '/join-requests', { schoolId: f.school.id, role: 'parent', classIds: [] });
    await teacher.waitFor((x) => x.t === 'school' && x.event.type === 'joinRequest.created');
  });

  it('a teacher who joins another class is in its room at once; a socket of another school hears nothing of it', async () => {
    const f = await freshSchool(ctx);
    const classB = await createClass(ctx, f.school, { grade: 8, letter: 'Б' });
    const other = await freshSchool(ctx);
    const [teacher, outsider] = await Promise.all([connect(f.cookies.teacher), connect(other.cookies.teacher)]);
    await post(f.cookies.teacher, `/classes/${classB.id}/teachers`, { subjects: ['Физика'] });
    await teacher.waitFor((x) => x.t === 'user' && x.event.type === 'class.teacherJoined');
    await ctx.deps.events.publish(`class:${classB.id}`, { type: 'class.changed' });
    expect(await teacher.waitFor((x) => x.t === 'class')).toEqual({ t: 'class', classId: classB.id, event: { type: 'class.changed' } });
    await sleep(100);
    expect(outsider.frames.filter((x) => x.t === 'class' || x.t === 'school')).toEqual([]);
  });
});
