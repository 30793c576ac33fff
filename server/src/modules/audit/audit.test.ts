import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/auditSchema.js';
import { addMember, createJoinRequestRow, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, classChat } from '../chats/testHelpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describe('«Журнал действий» (SAFE-1)', () => {
  it('records who did what to whom and from where, in the action itself; filters; CSV; another school sees none of it', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const admin = as(ctx, f.cookies.admin);
    const from = { remoteAddress: '203.0.113.7' };
    const inject = (method: 'POST' | 'DELETE' | 'PATCH' | 'PUT', url: string, payload?: object) =>
      ctx.app.inject({ method, url: `/api${url}`, headers: { cookie: f.cookies.admin }, ...(payload ? { payload } : {}), ...from });

    const invite = await inject('POST', `/schools/${f.school.id}/invites`, { role: 'teacher' });
    expect(invite.statusCode).toBe(201);
    expect((await inject('DELETE', `/schools/${f.school.id}/invites/${invite.json().data.id}`)).statusCode).toBe(200);
    const requestId = await createJoinRequestRow(ctx, f.school.id, f.classA.id);
    expect((await inject('POST', `/join-requests/${requestId}/approve`)).statusCode).toBe(200);
    expect((await inject('PATCH', `/schools/${f.school.id}`, { description: 'Лучшая школа' })).statusCode).toBe(200);
    expect((await inject('POST', `/schools/${f.school.id}/leaders`, { userId: f.teacher.id, title: 'Завуч' })).statusCode).toBe(200);
    const chatId = await classChat(ctx, f);
    const msg = await as(ctx, f.cookies.student).post(`/chats/${chatId}/messages`, { clientId: 'a1', text: 'плохое слово' });
    expect((await inject('DELETE', `/messages/${msg.body.data.id}`)).statusCode).toBe(200);
    expect((await inject('DELETE', `/classes/${f.classA.id}/students/${f.student.id}`)).statusCode).toBe(200);
    // The author deleting their own message is no moderation: no line.
    const own = await as(ctx, f.cookies.teacher).post(`/chats/${chatId}/messages`, { clientId: 'a2', text: 'опечатка' });
    expect((await as(ctx, f.cookies.teacher).del(`/messages/${own.body.data.id}`)).status).toBe(200);

    const log = await admin.get(`/schools/${f.school.id}/audit`);
    expect(log.status).toBe(200);
    const kinds = log.body.data.map((l: { kind: string }) => l.kind);
    expect(kinds).toEqual([
      'member.removed', 'message.removed', 'role.granted', 'school.updated', 'request.approved', 'invite.revoked', 'invite.created',
    ]);
    for (const line of log.body.data) expect(line).toMatchObject({ actor: { id: f.admin.id }, ip: '203.0.113.7', school: { id: f.school.id } });
    expect(log.body.data[0]).toMatchObject({ subject: { id: f.student.id }, details: { role: 'student' } });
    expect(log.body.data[1]).toMatchObject({ subject: { id: f.student.id }, details: { chatName: '7А — Математика' } });
    expect(log.body.actors).toEqual([expect.objectContaining({ id: f.admin.id })]);

    const onlyRemoved = await admin.get(`/schools/${f.school.id}/audit?kind=message.removed&actorId=${f.admin.id}`);
    expect(onlyRemoved.body.data).toHaveLength(1);
    expect((await admin.get(`/schools/${f.school.id}/audit?actorId=${f.teacher.id}`)).body.data).toEqual([]);

    const csv = await ctx.app.inject({ url: `/api/schools/${f.school.id}/audit.csv?tz=Europe/Moscow`, headers: { cookie: f.cookies.admin } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith('\uFEFFКогда;Кто;Действие;Кого касается;Подробности;IP-адрес\r\n')).toBe(true);
    expect(csv.body).toContain(';Сообщение удалено;');
    expect(csv.body.trim().split('\r\n')).toHaveLength(8);

    // Another school's administration, members who are not administrators, strangers: nothing.
    for (const [cookie, status] of [[other.cookies.admin, 404], [f.cookies.teacher, 403], ['', 401]] as const) {
      expect((await as(ctx, cookie).get(`/schools/${f.school.id}/audit`)).status).toBe(status);
      const c = await ctx.app.inject({ url: `/api/schools/${f.school.id}/audit.csv`, headers: cookie ? { cookie } : {} });
      expect(c.statusCode).toBe(status);
    }
    expect((await as(ctx, other.cookies.admin).get(`/schools/${other.school.id}/audit`)).body.data).toEqual([]);
    expect((await as(ctx, f.cookies.admin).get('/operator/audit')).status).toBe(404);

    // The platform operator sees every school's lines.
    const operator = await signedInCookie(ctx, await createUser(ctx, { isOperator: true }));
    const all = await as(ctx, operator).get(`/operator/audit?schoolId=${f.school.id}`);
    expect(all.body.data).toHaveLength(7);
  });

  it('cannot be changed or deleted: no endpoint does it, and the database refuses UPDATE and DELETE', async () => {
    const f = await freshSchool(ctx);
    const teacher2 = await createUser(ctx);
    await addMember(ctx, f.school, teacher2, 'teacher');
    expect((await as(ctx, f.cookies.admin).post(`/schools/${f.school.id}/leaders`, { userId: teacher2.id, title: 'Директор' })).status).toBe(200);
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
      const res = await ctx.app.inject({ method, url: `/api/schools/${f.school.id}/audit`, headers: { cookie: f.cookies.admin }, payload: {} });
      expect(res.statusCode).toBe(404);
    }
    await expect(ctx.deps.db.execute(sql`update ${auditLog} set kind = 'school.updated' where school_id = ${f.school.id}`)).rejects.toThrow();
    await expect(ctx.deps.db.execute(sql`delete from ${auditLog} where school_id = ${f.school.id}`)).rejects.toThrow();
    const log = await as(ctx, f.cookies.admin).get(`/schools/${f.school.id}/audit`);
    expect(log.body.data.map((l: { kind: string }) => l.kind)).toEqual(['role.granted']);
  });
});
