import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMembers, classParentChats } from '../../db/chatSchema.js';
import { classes, joinRequests, memberships, parentLinks } from '../../db/schema.js';
import {
  addMember, createClass, createInviteToken, createUser, freshSchool, type SchoolFixture, signedInCookie, type UserRow,
} from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';

describe('PAR-1 parents', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie: string | null, payload?: object) =>
    ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

  /** A school whose 7А has a class teacher (another teacher than the fixture's), with a second student. */
  async function schoolWithClassTeacher() {
    const f = await freshSchool(ctx);
    const lead = await createUser(ctx);
    await addMember(ctx, f.school, lead, 'teacher', { classId: f.classA.id, subjects: ['Русский язык'] });
    const second = await createUser(ctx, { firstName: 'Мария', lastName: 'Волкова', gender: 'female' });
    await addMember(ctx, f.school, second, 'student', { classId: f.classA.id });
    const leadCookie = await signedInCookie(ctx, lead);
    const set = await call('PUT', `/api/classes/${f.classA.id}/class-teacher`, f.cookies.admin, { userId: lead.id });
    expect(set.statusCode).toBe(200);
    return { f, lead, leadCookie, second };
  }

  /** A new person asks by a parent's link for `child`; returns their cookie and the request id. */
  async function parentAsks(f: SchoolFixture, token: string, child: UserRow) {
    const parent = await createUser(ctx);
    const cookie = await signedInCookie(ctx, parent);
    const res = await call('POST', `/api/invites/${token}/accept`, cookie, { childIds: [child.id] });
    expect(res.json().data).toEqual({ schoolId: f.school.id, status: 'requested' });
    const [req] = await ctx.deps.db.select().from(joinRequests).where(eq(joinRequests.userId, parent.id));
    return { parent, cookie, requestId: req!.id };
  }

  it('the administration sets and clears the class teacher, a teacher of the school; others may not', async () => {
    const f = await freshSchool(ctx);
    const g = await freshSchool(ctx);
    const url = `/api/classes/${f.classA.id}/class-teacher`;
    expect((await call('PUT', url, f.cookies.teacher, { userId: f.teacher.id })).statusCode).toBe(403);
    expect((await call('PUT', url, f.cookies.student, { userId: f.teacher.id })).statusCode).toBe(403);
    expect((await call('PUT', url, g.cookies.admin, { userId: f.teacher.id })).statusCode).toBe(404);
    expect((await call('PUT', url, null, { userId: f.teacher.id })).statusCode).toBe(401);
    const notTeacher = await call('PUT', url, f.cookies.admin, { userId: f.student.id });
    expect(notTeacher.statusCode).toBe(400);
    expect(notTeacher.json().error.code).toBe('not_a_teacher');
    expect((await call('PUT', url, f.cookies.admin, { userId: g.teacher.id })).json().error.code).toBe('not_a_teacher');
    const [unchanged] = await ctx.deps.db.select().from(classes).where(eq(classes.id, f.classA.id));
    expect(unchanged?.classTeacherId).toBeNull();

    expect((await call('PUT', url, f.cookies.admin, { userId: f.teacher.id })).statusCode).toBe(200);
    const page = await call('GET', `/api/classes/${f.classA.id}`, f.cookies.student);
    expect(page.json().data.classTeacher).toMatchObject({ id: f.teacher.id, lastName: f.teacher.lastName });
    expect(page.json().can).toMatchObject({ setClassTeacher: false, parents: false });
    const asTeacher = await call('GET', `/api/classes/${f.classA.id}`, f.cookies.teacher);
    expect(asTeacher.json().can).toMatchObject({ setClassTeacher: false, parents: true });

    // A leader is of the administration too.
    const leader = await createUser(ctx);
    await addMember(ctx, f.school, leader, 'leader', { title: 'Директор' });
    expect((await call('PUT', url, await signedInCookie(ctx, leader), { userId: null })).statusCode).toBe(200);
    expect((await call('GET', `/api/classes/${f.classA.id}`, f.cookies.student)).json().data.classTeacher).toBeNull();
  });

  it('a parent joins by «родитель в 7А»: sees names only, asks for a child, the class teacher approves with one tap', async () => {
    const { f, leadCookie, second } = await schoolWithClassTeacher();
    // A plain teacher of the class may not invite parents; the class teacher may.
    const bad = await call('POST', `/api/schools/${f.school.id}/invites`, f.cookies.teacher, { role: 'parent', classId: f.classA.id });
    expect(bad.statusCode).toBe(403);
    const noClass = await call('POST', `/api/schools/${f.school.id}/invites`, f.cookies.admin, { role: 'parent' });
    expect(noClass.json().error.code).toBe('class_required');
    const created = await call('POST', `/api/schools/${f.school.id}/invites`, leadCookie, { role: 'parent', classId: f.classA.id });
    expect(created.statusCode).toBe(201);
    const token = created.json().data.token as string;
    expect((await call('GET', `/api/invites/${token}`, null)).json().data).toMatchObject({ role: 'parent', className: '7А' });

    const parent = await createUser(ctx);
    const cookie = await signedInCookie(ctx, parent);
    expect((await call('GET', `/api/invites/${token}/students`, null)).statusCode).toBe(401);
    const students = await call('GET', `/api/invites/${token}/students`, cookie);
    expect(students.statusCode).toBe(200);
    expect(students.json().data.students).toHaveLength(2);
    expect(students.json().data.students).toContainEqual({ id: second.id, firstName: 'Мария', lastName: 'Волкова' });
    expect(students.body).not.toContain(second.phone);
    expect(students.body).not.toContain(f.student.phone);

    expect((await call('POST', `/api/invites/${token}/accept`, cookie, {})).json().error.code).toBe('children_required');
    const stranger = await createUser(ctx);
    expect((await call('POST', `/api/invites/${token}/accept`, cookie, { childIds: [stranger.id] })).statusCode).toBe(404);
    expect(await ctx.deps.db.select().from(joinRequests).where(eq(joinRequests.userId, parent.id))).toEqual([]);
    const asked = await call('POST', `/api/invites/${token}/accept`, cookie, { childIds: [second.id] });
    expect(asked.json().data).toEqual({ schoolId: f.school.id, status: 'requested' });
    expect((await call('POST', `/api/invites/${token}/accept`, cookie, { childIds: [f.student.id] })).json().error.code).toBe('request_pending');

    // Until approval the parent sees nothing of the class or the school.
    expect((await call('GET', `/api/classes/${f.classA.id}`, cookie)).statusCode).toBe(404);
    expect((await call('GET', `/api/schools/${f.school.id}`, cookie)).statusCode).toBe(404);

    // The class teacher sees the request with the child; a plain teacher sees no «Заявки».
    const list = await call('GET', `/api/schools/${f.school.id}/join-requests`, leadCookie);
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toHaveLength(1);
    const req = list.json().data[0];
    expect(req).toMatchObject({ role: 'parent', classes: [{ id: f.classA.id, name: '7А' }] });
    expect(req.children).toEqual([{ id: second.id, firstName: 'Мария', lastName: 'Волкова', gender: 'female' }]);
    expect((await call('GET', `/api/schools/${f.school.id}/join-requests`, f.cookies.teacher)).statusCode).toBe(403);
    expect((await call('GET', `/api/schools/${f.school.id}`, leadCookie)).json().data.pendingRequestCount).toBe(1);
    expect((await call('POST', `/api/join-requests/${req.id}/approve`, f.cookies.teacher)).statusCode).toBe(403);
    expect((await call('POST', `/api/join-requests/${req.id}/approve`, f.cookies.student)).statusCode).toBe(403);

    const approved = await call('POST', `/api/join-requests/${req.id}/approve`, leadCookie);
    expect(approved.statusCode).toBe(200);
    const [link] = await ctx.deps.db.select().from(parentLinks).where(eq(parentLinks.parentId, parent.id));
    expect(link).toMatchObject({ childId: second.id, classId: f.classA.id, schoolId: f.school.id });
    const [m] = await ctx.deps.db.select().from(memberships).where(eq(memberships.userId, parent.id));
    expect(m).toMatchObject({ role: 'parent', schoolId: f.school.id, classId: null });
    expect((await call('GET', `/api/classes/${f.classA.id}`, cookie)).statusCode).toBe(200);
    const mine = await call('GET', '/api/me/children', cookie);
    expect(mine.json().data).toEqual([expect.objectContaining({ id: link!.id, className: '7А', child: expect.objectContaining({ id: second.id }) })]);
    const parents = await call('GET', `/api/classes/${f.classA.id}/parents`, leadCookie);
    expect(parents.json().data).toHaveLength(1);
    expect((await call('GET', `/api/classes/${f.classA.id}/parents`, f.cookies.student)).statusCode).toBe(403);
    expect((await call('GET', `/api/classes/${f.classA.id}/parents`, cookie)).statusCode).toBe(403);
  });

  it('«Родители 7А» holds the linked parents and the teachers, follows links, and parents never enter class chats', async () => {
    const { f, lead, leadCookie } = await schoolWithClassTeacher();
    // A students' class chat that follows the class.
    const classChat = await call('POST', '/api/chats', f.cookies.teacher, { kind: 'class', classId: f.classA.id, name: 'Чат 7А', allStudents: true });
    expect(classChat.statusCode).toBe(201);
    const { token } = await createInviteToken(ctx, f.school.id, f.admin.id, 'parent', f.classA.id);
    const first = await parentAsks(f, token, f.student);
    expect(await ctx.deps.db.select().from(classParentChats).where(eq(classParentChats.classId, f.classA.id))).toEqual([]);
    await call('POST', `/api/join-requests/${first.requestId}/approve`, leadCookie);
    const [pc] = await ctx.deps.db.select().from(classParentChats).where(eq(classParentChats.classId, f.classA.id));
    expect(pc).toBeDefined();
    const membersOf = async () =>
      new Set((await ctx.deps.db.select().from(chatMembers).where(eq(chatMembers.chatId, pc!.chatId))).map((r) => r.userId));
    expect(await membersOf()).toEqual(new Set([first.parent.id, lead.id, f.teacher.id]));
    const chat = await call('GET', `/api/chats/${pc!.chatId}`, first.cookie);
    expect(chat.json().data.name).toBe('Родители 7А');
    expect((await call('GET', `/api/chats/${pc!.chatId}`, f.cookies.student)).statusCode).toBe(404);
    // Not even the administration can put a student into it.
    const addStudent = await call('POST', `/api/chats/${pc!.chatId}/members`, f.cookies.admin, { userIds: [f.student.id] });
    expect(addStudent.statusCode).toBe(400);
    expect((await membersOf()).has(f.student.id)).toBe(false);
    const inClassChat = await ctx.deps.db
      .select()
      .from(chatMembers)
      .where(and(eq(chatMembers.chatId, classChat.json().data.id), eq(chatMembers.userId, first.parent.id)));
    expect(inClassChat).toEqual([]);

    // The administration approves a second parent; a removed link takes them out at once.
    const second = await parentAsks(f, token, f.student);
    await call('POST', `/api/join-requests/${second.requestId}/approve`, f.cookies.admin);
    expect((await membersOf()).has(second.parent.id)).toBe(true);
    const [link] = await ctx.deps.db.select().from(parentLinks).where(eq(parentLinks.parentId, second.parent.id));
    // Another family may not remove it; a plain teacher may not; the class teacher may.
    expect((await call('DELETE', `/api/parent-links/${link!.id}`, first.cookie)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/parent-links/${link!.id}`, f.cookies.teacher)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/parent-links/${link!.id}`, leadCookie)).statusCode).toBe(200);
    expect((await membersOf()).has(second.parent.id)).toBe(false);
    expect(await ctx.deps.db.select().from(memberships).where(eq(memberships.userId, second.parent.id))).toEqual([]);
    expect((await call('GET', `/api/classes/${f.classA.id}`, second.cookie)).statusCode).toBe(404);
    expect((await call('GET', `/api/chats/${pc!.chatId}`, second.cookie)).statusCode).toBe(404);

    // The parent removes their own link.
    const [own] = await ctx.deps.db.select().from(parentLinks).where(eq(parentLinks.parentId, first.parent.id));
    expect((await call('DELETE', `/api/parent-links/${own!.id}`, first.cookie)).statusCode).toBe(200);
    expect((await membersOf()).has(first.parent.id)).toBe(false);
  });

  it('a parent with children in two classes links each; a parent of 7А sees nothing of 7Б', async () => {
    const { f, leadCookie } = await schoolWithClassTeacher();
    const classB = await createClass(ctx, f.school, { grade: 7, letter: 'Б' });
    const kidB = await createUser(ctx);
    await addMember(ctx, f.school, kidB, 'student', { classId: classB.id });
    const a = await createInviteToken(ctx, f.school.id, f.admin.id, 'parent', f.classA.id);
    const b = await createInviteToken(ctx, f.school.id, f.admin.id, 'parent', classB.id);
    const asked = await parentAsks(f, a.token, f.student);
    await call('POST', `/api/join-requests/${asked.requestId}/approve`, leadCookie);
    expect((await call('GET', `/api/classes/${classB.id}`, asked.cookie)).statusCode).toBe(404);
    // The class teacher of 7А does not decide for 7Б.
    const again = await call('POST', `/api/invites/${b.token}/accept`, asked.cookie, { childIds: [kidB.id] });
    expect(again.json().data.status).toBe('requested');
    const [reqB] = await ctx.deps.db
      .select()
      .from(joinRequests)
      .where(and(eq(joinRequests.userId, asked.parent.id), eq(joinRequests.status, 'pending')));
    expect((await call('POST', `/api/join-requests/${reqB!.id}/approve`, leadCookie)).statusCode).toBe(403);
    expect((await call('POST', `/api/join-requests/${reqB!.id}/reject`, f.cookies.admin, { reason: 'Не узнали' })).statusCode).toBe(200);
    expect(await ctx.deps.db.select().from(parentLinks).where(eq(parentLinks.childId, kidB.id))).toEqual([]);
    const third = await call('POST', `/api/invites/${b.token}/accept`, asked.cookie, { childIds: [kidB.id] });
    const [reqB2] = await ctx.deps.db
      .select()
      .from(joinRequests)
      .where(and(eq(joinRequests.userId, asked.parent.id), eq(joinRequests.status, 'pending')));
    expect(third.statusCode).toBe(200);
    await call('POST', `/api/join-requests/${reqB2!.id}/approve`, f.cookies.admin);
    expect((await call('GET', `/api/classes/${classB.id}`, asked.cookie)).statusCode).toBe(200);
    expect((await call('GET', '/api/me/children', asked.cookie)).json().data).toHaveLength(2);
    // Already linked to that child: refused, nothing written.
    const dup = await call('POST', `/api/invites/${a.token}/accept`, asked.cookie, { childIds: [f.student.id] });
    expect(dup.json().error.code).toBe('already_linked');
  });
});
