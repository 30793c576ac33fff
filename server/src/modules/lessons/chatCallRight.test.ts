import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMembers } from '../../db/chatSchema.js';
import { addMember, createUser, freshSchool, type SchoolFixture, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { api } from './testHelpers.js';

/**
 * CHT-4: the chat screen shows the camera by `can.call`, and POST /lessons allows or refuses by the same rule
 * (`canCallFromChat`). For every kind of chat and everyone who might look at it, the ability the chat answers with
 * must be what starting a call from it actually does, so the icon never offers a call the server refuses (or hides
 * one it allows).
 */
describe('chat call right (CHT-4): can.call says what POST /lessons does', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  type Who = 'admin' | 'teacher' | 'student' | 'otherTeacher' | 'otherStudent' | 'stranger';
  /** true / false: the chat is shown with can.call so; hidden: the chat is not theirs (404 for both). */
  type Expect = boolean | 'hidden';

  interface World {
    f: SchoolFixture;
    cookies: Record<Who, string>;
    chats: { class: string; group: string; public: string; personal: string };
  }

  /**
   * One school: its administrator; the teacher and a pupil of 7А (from freshSchool); another teacher of 7А and
   * another pupil of 7А; and a teacher of another school (stranger).
   */
  async function world(): Promise<World> {
    const f = await freshSchool(ctx);
    const [otherTeacher, otherStudent] = await Promise.all([createUser(ctx), createUser(ctx)]);
    await addMember(ctx, f.school, otherTeacher, 'teacher', { classId: f.classA.id, subjects: ['Физика'] });
    await addMember(ctx, f.school, otherStudent, 'student', { classId: f.classA.id });
    const elsewhere = await freshSchool(ctx);
    const cookies: Record<Who, string> = {
      ...f.cookies,
      otherTeacher: await signedInCookie(ctx, otherTeacher),
      otherStudent: await signedInCookie(ctx, otherStudent),
      stranger: elsewhere.cookies.teacher,
    };
    const made = async (cookie: string, body: object, join: string[] = []) => {
      const res = await api(ctx, cookie).post('/chats', body);
      expect(res.status).toBe(201);
      const id = res.body.data.id as string;
      for (const c of join) expect((await api(ctx, c).post(`/chats/${id}/join`)).status).toBe(200);
      return id;
    };
    return {
      f,
      cookies,
      chats: {
        // The class teacher owns it; the other teacher of the class is a moderator; both pupils are members.
        class: await made(f.cookies.teacher, {
          kind: 'class', classId: f.classA.id, name: '7А — Математика', allStudents: true, teacherIds: [otherTeacher.id],
        }),
        // The class teacher owns it; the other teacher and one pupil are plain members.
        group: await made(f.cookies.teacher, {
          kind: 'group', schoolId: f.school.id, name: 'Экскурсия в музей', memberIds: [otherTeacher.id, f.student.id],
        }),
        // The administrator owns it; the teacher and one pupil joined; the other pupil only looks.
        public: await made(f.cookies.admin, { kind: 'public', schoolId: f.school.id, name: 'Школьный совет' }, [
          f.cookies.teacher,
          f.cookies.student,
        ]),
        // A pupil and the class teacher.
        personal: await made(f.cookies.student, { kind: 'personal', userId: f.teacher.id }),
      },
    };
  }

  const expected: Record<keyof World['chats'], Record<Who, Expect>> = {
    class: { teacher: true, otherTeacher: true, admin: true, student: false, otherStudent: false, stranger: 'hidden' },
    group: { teacher: true, otherTeacher: true, admin: true, student: false, otherStudent: 'hidden', stranger: 'hidden' },
    public: { admin: true, teacher: true, student: false, otherStudent: false, otherTeacher: false, stranger: 'hidden' },
    personal: { student: true, teacher: true, admin: 'hidden', otherTeacher: 'hidden', otherStudent: 'hidden', stranger: 'hidden' },
  };

  it('for each chat kind and each person, the chat shows the camera exactly when starting a call from it is allowed', async () => {
    const w = await world();
    const seen: Record<string, Record<string, Expect>> = {};
    for (const [kind, chatId] of Object.entries(w.chats) as [keyof World['chats'], string][]) {
      seen[kind] = {};
      for (const who of Object.keys(expected[kind]) as Who[]) {
        const person = api(ctx, w.cookies[who]);
        const details = await person.get(`/chats/${chatId}`);
        const start = await person.post('/lessons', { kind: 'chat', chatId, userIds: [] });
        const where = `${kind} chat, ${who}`;
        if (details.status === 404) {
          seen[kind][who] = 'hidden';
          expect(start.status, where).toBe(404);
          continue;
        }
        expect(details.status, where).toBe(200);
        const canCall = details.body.can.call as boolean;
        seen[kind][who] = canCall;
        if (canCall) {
          expect(start.status, where).toBe(201);
          expect(start.body.data, where).toMatchObject({ chatId, host: { id: expect.any(String) } });
          // Ended at once, so the next person's call is a new one (201), not the same lesson coming back (200).
          expect((await person.post(`/lessons/${start.body.data.id}/end`)).status, where).toBe(200);
        } else {
          expect(start.status, where).toBe(403);
          expect(start.body.error.code, where).toBe('forbidden');
        }
      }
    }
    // And the rule itself: pupils never ring a class, group or public chat; either side of a personal chat may.
    expect(seen).toEqual(expected);
  });

  it('the ability follows the role in the chat: a pupil made moderator may call; after leaving, the chat is not theirs', async () => {
    const w = await world();
    const chatId = w.chats.group;
    const pupil = api(ctx, w.cookies.student);
    const startCall = () => pupil.post('/lessons', { kind: 'chat', chatId, userIds: [] });
    expect((await pupil.get(`/chats/${chatId}`)).body.can.call).toBe(false);
    expect((await startCall()).status).toBe(403);
    // No screen makes a pupil a moderator yet; the rule already lets those who run a chat call from it.
    await ctx.deps.db
      .update(chatMembers)
      .set({ role: 'moderator' })
      .where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.userId, w.f.student.id)));
    expect((await pupil.get(`/chats/${chatId}`)).body.can.call).toBe(true);
    const started = await startCall();
    expect(started.status).toBe(201);
    expect(started.body.data.host.id).toBe(w.f.student.id);
    expect((await pupil.post(`/lessons/${started.body.data.id}/end`)).status).toBe(200);

    expect((await pupil.post(`/chats/${chatId}/leave`)).status).toBe(200);
    expect((await pupil.get(`/chats/${chatId}`)).status).toBe(404);
    expect((await startCall()).status).toBe(404);
  });
});
