import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, classChat } from './modules/chats/testHelpers.js';
import { createJoinRequestRow, freshSchool, type SchoolFixture } from './test/factories.js';
import { createTestContext, type TestContext } from './test/testApp.js';

/**
 * Whatever a person can type or paste into a text field — NUL, an unpaired surrogate, 100 kB, emoji,
 * right-to-left marks — is answered with a success or a 4xx with an error code, never a 5xx.
 * Every new text field gets a case here.
 */

/** Text a person can produce: ordinary words, the awkward characters, and the very long. */
const typedText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\u202e', '👩‍👩‍👧‍👦', '   ', '', '<script>alert(1)</script>'),
  fc.constantFrom('я'.repeat(100_000), '😀'.repeat(30_000)),
);

type Call = { status: number; body: unknown };
/** One text field: sends `text` where a person would type it and returns the answer. */
interface TextFieldCase {
  name: string;
  send(world: World, text: string): Promise<Call>;
}
interface World {
  ctx: TestContext;
  school: SchoolFixture;
  /** 7А's class chat, with the student in it. */
  chatId: string;
  /** A community post by the student, and the student's comment under it. */
  newsPostId: string;
  newsCommentId: string;
}

const cases: TextFieldCase[] = [
  // PAR-1: whatever is pasted as a parent's invitation link.
  // Every byte percent-encoded, as an address bar sends it (encodeURIComponent throws on a lone surrogate).
  {
    name: 'GET /invites/:token/students token',
    send: (w, text) => {
      const token = Array.from(Buffer.from(text, 'utf8'), (b) => `%${b.toString(16).padStart(2, '0')}`).join('');
      return as(w.ctx, w.school.cookies.student).get(`/invites/${token}/students`);
    },
  },
  { name: 'PATCH /me firstName', send: (w, text) => as(w.ctx, w.school.cookies.student).patch('/me', { firstName: text }) },
  {
    // The first-run screen's names, from the server's machine; a bogus ticket, so nothing is ever created.
    name: 'POST /setup/operator firstName, lastName, middleName',
    send: (w, text) =>
      as(w.ctx, '').post('/setup/operator', {
        verificationToken: 'not-a-ticket', password: 'nadezhnyi-parol-42', firstName: text, lastName: text, middleName: text, gender: 'male', birthDate: '1980-01-01',
      }),
  },
  { name: 'PATCH /chats/:id name', send: (w, text) => as(w.ctx, w.school.cookies.teacher).patch(`/chats/${w.chatId}`, { name: text }) },
  {
    name: 'POST /chats/:id/messages text',
    send: (w, text) => as(w.ctx, w.school.cookies.student).post(`/chats/${w.chatId}/messages`, { text, clientId: crypto.randomUUID() }),
  },
  {
    // tus-js-client sends the file's name base64-encoded in Upload-Metadata; a created upload is terminated again.
    name: 'POST /uploads Upload-Metadata filename',
    send: async (w, text) => {
      const cookie = w.school.cookies.teacher;
      const res = await w.ctx.app.inject({
        method: 'POST',
        url: '/api/uploads',
        headers: { cookie, 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': `filename ${Buffer.from(text).toString('base64')}` },
      });
      if (res.statusCode === 201) {
        await w.ctx.app.inject({ method: 'DELETE', url: String(res.headers.location), headers: { cookie, 'tus-resumable': '1.0.0' } });
      }
      return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
    },
  },
  {
    name: 'POST /schools/:id/news text',
    send: (w, text) => as(w.ctx, w.school.cookies.student).post(`/schools/${w.school.school.id}/news`, { feed: 'community', text }),
  },
  { name: 'PATCH /news/:id text', send: (w, text) => as(w.ctx, w.school.cookies.student).patch(`/news/${w.newsPostId}`, { text }) },
  { name: 'POST /news/:id/comments text', send: (w, text) => as(w.ctx, w.school.cookies.teacher).post(`/news/${w.newsPostId}/comments`, { text }) },
  {
    name: 'PATCH /news/comments/:id text',
    send: (w, text) => as(w.ctx, w.school.cookies.student).patch(`/news/comments/${w.newsCommentId}`, { text }),
  },
  {
    // Each try rejects a new pending request: a decided one would answer request_already_decided before the reason is read.
    name: 'POST /join-requests/:id/reject reason',
    send: async (w, text) => {
      const requestId = await createJoinRequestRow(w.ctx, w.school.school.id, w.school.classA.id);
      return as(w.ctx, w.school.cookies.admin).post(`/join-requests/${requestId}/reject`, { reason: text });
    },
  },
  // Cursors come back from the server, but an address can be edited by hand.
  {
    name: 'GET /search?type&cursor',
    send: (w, text) => as(w.ctx, w.school.cookies.student).get(`/search?${new URLSearchParams({ q: 'урок', type: 'messages', cursor: text })}`),
  },
  {
    name: 'GET /news/:id/comments?before',
    send: (w, text) => as(w.ctx, w.school.cookies.student).get(`/news/${w.newsPostId}/comments?${new URLSearchParams({ before: text })}`),
  },
  // A query is sent as a browser sends it: URLSearchParams turns an unpaired surrogate into U+FFFD.
  { name: 'GET /search?q', send: (w, text) => as(w.ctx, w.school.cookies.student).get(`/search?${new URLSearchParams({ q: text })}`) },
  {
    // The browser sends its own zone, but the address can be edited by hand.
    name: 'GET /lessons/:id/attendance.csv?tz',
    send: async (w, text) => {
      const res = await w.ctx.app.inject({
        method: 'GET',
        url: `/api/lessons/${await lessonOf(w)}/attendance.csv?${new URLSearchParams({ tz: text })}`,
        headers: { cookie: w.school.cookies.teacher },
      });
      return { status: res.statusCode, body: res.statusCode >= 400 ? res.json() : res.body };
    },
  },
  // HW-1: what a teacher and a student type into homework.
  {
    name: 'POST /classes/:id/assignments title, bodyHtml, subject',
    send: (w, text) =>
      as(w.ctx, w.school.cookies.teacher).post(`/classes/${w.school.classA.id}/assignments`, {
        subject: 'Математика', title: text, bodyHtml: text, dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
  },
  {
    name: 'POST /classes/:id/assignments subject',
    send: (w, text) =>
      as(w.ctx, w.school.cookies.teacher).post(`/classes/${w.school.classA.id}/assignments`, {
        subject: text, title: 'Задание', dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
  },
  {
    name: 'PUT /assignments/:id/submission text',
    send: async (w, text) => as(w.ctx, w.school.cookies.student).put(`/assignments/${await assignmentOf(w)}/submission`, { text }),
  },
  {
    name: 'PUT /assignments/:id/marks/:studentId comment',
    send: async (w, text) =>
      as(w.ctx, w.school.cookies.teacher).put(`/assignments/${await assignmentOf(w, 'marks')}/marks/${w.school.student.id}`, { value: '5', comment: text }),
  },
  {
    name: 'GET /classes/:id/journal.csv?subject&tz',
    send: async (w, text) => {
      const res = await w.ctx.app.inject({
        method: 'GET',
        url: `/api/classes/${w.school.classA.id}/journal.csv?${new URLSearchParams({ subject: text, tz: text })}`,
        headers: { cookie: w.school.cookies.teacher },
      });
      return { status: res.statusCode, body: res.statusCode >= 400 ? res.json() : res.body };
    },
  },
  // SUP-1, SUP-2: a question to support, its conversation, feedback; ORG-9: an appeal to the school and its answers.
  {
    name: 'POST /support/questions section, text, screen, appVersion',
    send: (w, text) => as(w.ctx, w.school.cookies.student).post('/support/questions', { section: text, text, screen: text, appVersion: text }),
  },
  {
    name: 'POST /support/questions text',
    send: (w, text) => as(w.ctx, w.school.cookies.student).post('/support/questions', { section: 'chats', text }),
  },
  {
    name: 'POST /support/questions/:id/messages text',
    send: async (w, text) => as(w.ctx, w.school.cookies.student).post(`/support/questions/${await questionOf(w)}/messages`, { text }),
  },
  { name: 'POST /support/feedback text', send: (w, text) => as(w.ctx, w.school.cookies.teacher).post('/support/feedback', { text }) },
  {
    name: 'POST /schools/:id/appeals text',
    send: (w, text) => as(w.ctx, w.school.cookies.student).post(`/schools/${w.school.school.id}/appeals`, { topic: 'other', text, anonymous: true }),
  },
  {
    name: 'POST /appeals/:id/messages text',
    send: async (w, text) => as(w.ctx, w.school.cookies.admin).post(`/appeals/${await appealOf(w)}/messages`, { text }),
  },
  // SAFE-1: a report's own words, and the audit log's CSV time zone and cursor.
  {
    name: 'POST /reports comment',
    send: (w, text) => as(w.ctx, w.school.cookies.student).post('/reports', { targetType: 'person', targetId: w.school.teacher.id, reason: 'other', comment: text }),
  },
  {
    name: 'GET /schools/:id/audit.csv?tz',
    send: async (w, text) => {
      const res = await w.ctx.app.inject({
        method: 'GET',
        url: `/api/schools/${w.school.school.id}/audit.csv?${new URLSearchParams({ tz: text })}`,
        headers: { cookie: w.school.cookies.admin },
      });
      return { status: res.statusCode, body: res.statusCode >= 400 ? res.json() : res.body };
    },
  },
  {
    name: 'GET /schools/:id/audit?before',
    send: (w, text) => as(w.ctx, w.school.cookies.admin).get(`/schools/${w.school.school.id}/audit?${new URLSearchParams({ before: text })}`),
  },
];

let questionId: string | null = null;
/** The student's question to support, asked once. */
async function questionOf(w: World): Promise<string> {
  if (!questionId) {
    const res = await as(w.ctx, w.school.cookies.student).post('/support/questions', { section: 'chats', text: 'Вопрос' });
    questionId = (res.body as { data: { id: string } }).data.id;
  }
  return questionId;
}

let appealId: string | null = null;
/** The student's appeal to the school, written once. */
async function appealOf(w: World): Promise<string> {
  if (!appealId) {
    const res = await as(w.ctx, w.school.cookies.student).post(`/schools/${w.school.school.id}/appeals`, { topic: 'food', text: 'Суп' });
    appealId = (res.body as { data: { id: string } }).data.id;
  }
  return appealId;
}

const assignments = new Map<string, string>();
/** 7А's assignments, made once per use: one to hand in to, one to mark (a marked work can no longer be handed in). */
async function assignmentOf(w: World, use = 'submit'): Promise<string> {
  if (!assignments.has(use)) {
    const res = await as(w.ctx, w.school.cookies.teacher).post(`/classes/${w.school.classA.id}/assignments`, {
      subject: 'Математика', title: `Задание (${use})`, dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    assignments.set(use, (res.body as { data: { id: string } }).data.id);
  }
  return assignments.get(use) as string;
}

let lessonId: string | null = null;
/** 7А's lesson, started once for the cases that need one. */
async function lessonOf(w: World): Promise<string> {
  if (!lessonId) {
    const res = await as(w.ctx, w.school.cookies.teacher).post('/lessons', { kind: 'class', classId: w.school.classA.id });
    lessonId = (res.body as { data: { id: string } }).data.id;
  }
  return lessonId;
}

let world: World;
beforeAll(async () => {
  const ctx = await createTestContext();
  const school = await freshSchool(ctx);
  const post = await as(ctx, school.cookies.student).post(`/schools/${school.school.id}/news`, { feed: 'community', text: 'Кто идёт на каток?' });
  const comment = await as(ctx, school.cookies.student).post(`/news/${post.body.data.id}/comments`, { text: 'Я иду' });
  world = { ctx, school, chatId: await classChat(ctx, school), newsPostId: post.body.data.id, newsCommentId: comment.body.data.id };
});
afterAll(() => world.ctx.close());

describe('text fields take anything a person can type', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s answers below 500 with an error code on refusal', async (_name, field) => {
    await fc.assert(
      fc.asyncProperty(typedText, async (text) => {
        const answer = await field.send(world, text);
        expect(answer.status, `${JSON.stringify(text.slice(0, 40))} → ${JSON.stringify(answer.body)}`).toBeLessThan(500);
        if (answer.status >= 400) expect((answer.body as { error?: { code?: string } }).error?.code).toEqual(expect.any(String));
      }),
      { numRuns: 40 },
    );
  });
});
