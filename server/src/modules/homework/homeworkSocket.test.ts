import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SocketClient, sleep } from '../../realtime/testing/socketClient.js';
import { type SocketTestApp, socketTestApp } from '../../realtime/testing/socketTestApp.js';
import { freshSchool } from '../../test/factories.js';
import type { TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { linkedParent } from '../parents/testHelpers.js';
import { giveAssignment, homeworkWorld } from './testHelpers.js';

let app: SocketTestApp;
let ctx: TestContext;
beforeAll(async () => {
  app = await socketTestApp();
  ({ ctx } = app);
});
afterAll(() => app.close());

async function connected(cookie: string): Promise<SocketClient> {
  const c = await app.connect(cookie);
  c.send({ t: 'resume', chats: {} });
  await c.next('resumed');
  return c;
}

describe('homework live over the socket', () => {
  it('the student’s socket hears of a new assignment and of the mark at once, with ids only; a classmate hears the assignment, not the mark; 7Б nothing', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const [student, classmate, studentB, teacher] = await Promise.all([
      connected(f.cookies.student), connected(w.student2.cookie), connected(w.studentB.cookie), connected(f.cookies.teacher),
    ]);
    const { assignment } = await giveAssignment(ctx, f);
    const changed = { t: 'user', event: { type: 'homework.changed', assignmentId: assignment.id } };
    expect(await student.waitFor((x) => x.t === 'user' && x.event.type === 'homework.changed')).toEqual(changed);
    expect(await classmate.waitFor((x) => x.t === 'user' && x.event.type === 'homework.changed')).toEqual(changed);

    await as(ctx, f.cookies.student).put(`/assignments/${assignment.id}/submission`, { text: 'Готово' });
    expect(await teacher.waitFor((x) => x.t === 'user' && x.event.type === 'homework.changed')).toEqual(changed);

    const before = student.frames.length;
    const classmateBefore = classmate.frames.length;
    await as(ctx, f.cookies.teacher).put(`/assignments/${assignment.id}/marks/${f.student.id}`, { value: '5', comment: 'Отлично' });
    await student.waitFor((x) => x.t === 'user' && x.event.type === 'homework.changed' && student.frames.indexOf(x) >= before);
    await sleep(150);
    expect(classmate.frames.slice(classmateBefore).filter((x) => x.t === 'user')).toEqual([]);
    expect(studentB.frames.filter((x) => x.t === 'user' && x.event.type === 'homework.changed')).toEqual([]);
    expect(JSON.stringify(student.frames)).not.toContain('Отлично');
  });

  it('PAR-1: a mark reaches the linked parent’s open socket at once; after the link is removed, nothing more', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const parent = await linkedParent(ctx, f, f.classA.id, [f.student]);
    const otherFamily = await linkedParent(ctx, f, f.classA.id, [w.student2.user]);
    const [socket, otherSocket] = await Promise.all([connected(parent.cookie), connected(otherFamily.cookie)]);
    const { assignment } = await giveAssignment(ctx, f);
    const changed = { t: 'user', event: { type: 'homework.changed', assignmentId: assignment.id } };
    expect(await socket.waitFor((x) => x.t === 'user' && x.event.type === 'homework.changed')).toEqual(changed);
    await otherSocket.waitFor((x) => x.t === 'user' && x.event.type === 'homework.changed');

    const before = socket.frames.length;
    const otherBefore = otherSocket.frames.length;
    await as(ctx, f.cookies.teacher).put(`/assignments/${assignment.id}/marks/${f.student.id}`, { value: '5', comment: 'Молодец' });
    expect(await socket.waitFor((x) => x.t === 'user' && x.event.type === 'homework.changed' && socket.frames.indexOf(x) >= before)).toEqual(changed);
    await sleep(150);
    // Another family hears nothing of this child's mark; nobody's frame carries the mark itself.
    expect(otherSocket.frames.slice(otherBefore).filter((x) => x.t === 'user')).toEqual([]);
    expect(JSON.stringify(socket.frames)).not.toContain('Молодец');

    expect((await as(ctx, f.cookies.admin).del(`/parent-links/${parent.linkIds[0]}`)).status).toBe(200);
    await socket.waitFor((x) => x.t === 'user' && x.event.type === 'memberships.changed');
    await sleep(100);
    const after = socket.frames.length;
    await as(ctx, f.cookies.teacher).put(`/assignments/${assignment.id}/marks/${f.student.id}`, { value: '4', comment: 'Исправлено' });
    await giveAssignment(ctx, f);
    await sleep(200);
    expect(socket.frames.slice(after).filter((x) => x.t === 'user' && x.event.type === 'homework.changed')).toEqual([]);
    expect((await as(ctx, parent.cookie).get(`/assignments/${assignment.id}`)).status).toBe(404);
  });
});
