import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatViewers, pushSubscriptions } from '../../db/pushSchema.js';
import { insertChat } from '../../realtime/testing/fixtures.js';
import { SocketClient } from '../../realtime/testing/socketClient.js';
import { joinRequests } from '../../db/schema.js';
import { addMember, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import type { TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { multipartFile } from '../files/testHelpers.js';
import { notifyByPush } from './notify.js';
import { listen, pushTestApp, setLocalTime, settled, subscribeDevice } from './testing/helpers.js';
import type { LocalPushService, SubscriptionJson } from './testing/pushService.js';

/**
 * Who gets a push for each event, read back from a local push service that checks the VAPID signature and decrypts
 * every payload with the subscription's own keys: what it records is what a phone would show.
 */
let ctx: TestContext;
let service: LocalPushService;
let close: () => Promise<void>;
let dataDir: string;
let baseUrl: string;
const sockets: SocketClient[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'parta-push-'));
  ({ ctx, service, close } = await pushTestApp({ DATA_DIR: dataDir }));
  baseUrl = await listen(ctx);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await close();
  await rm(dataDir, { recursive: true, force: true });
});
// Daytime in Moscow: outside students' default quiet hours (the tests of quiet hours move the clock themselves).
beforeEach(() => setLocalTime(ctx.deps.clock, '12:00'));

const post = (cookie: string, chatId: string, text: string, fileIds: string[] = []) =>
  as(ctx, cookie).post(`/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), text, fileIds });

async function upload(cookie: string, name: string, content: Buffer | string, type: string): Promise<string> {
  const { payload, headers } = multipartFile(name, content, type);
  const res = await ctx.app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, cookie }, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data.id;
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(48, 7)]);

/** A school whose teacher, student and administrator each switched notifications on in one browser. */
async function schoolWithDevices() {
  const f = await freshSchool(ctx);
  const devices = {
    admin: await subscribeDevice(ctx, f.cookies.admin, service),
    teacher: await subscribeDevice(ctx, f.cookies.teacher, service),
    student: await subscribeDevice(ctx, f.cookies.student, service),
  };
  return { ...f, devices };
}

const payloads = (sub: SubscriptionJson) => service.to(sub.endpoint).map((r) => r.payload);

describe('a new message', () => {
  it('is pushed to the chat’s other members, encrypted to each device and signed with our VAPID key — not to its author', async () => {
    const f = await schoolWithDevices();
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id], '7А — Математика');
    expect((await post(f.cookies.teacher, chatId, 'Завтра контрольная по дробям')).status).toBe(201);
    await settled(ctx);

    expect(payloads(f.devices.student)).toEqual([
      { title: '7А — Математика', body: `${f.teacher.firstName}: Завтра контрольная по дробям`, url: `/chats/${chatId}`, tag: `chat:${chatId}` },
    ]);
    expect(payloads(f.devices.teacher)).toEqual([]);
    // Not a member of the chat.
    expect(payloads(f.devices.admin)).toEqual([]);
    const [push] = service.to(f.devices.student.endpoint);
    const key = (await as(ctx, f.cookies.student).get('/push/key')).body.data.publicKey;
    expect(push?.claims).toMatchObject({ aud: service.origin, sub: 'mailto:parta@localhost' });
    expect(push?.claims.exp).toBeLessThanOrEqual(Date.now() / 1000 + 24 * 3600);
    expect(push).toMatchObject({ ttl: 86_400, urgency: 'normal' });
    // The service checked the signature against the subscription's own applicationServerKey.
    expect(service.refused.filter((r) => r.endpoint === f.devices.student.endpoint)).toEqual([]);
    expect(key).toMatch(/^[A-Za-z0-9_-]{87}$/);
  });

  it('in a personal chat is titled by its author; a photo or a file says so; a long text is cut at 100 characters', async () => {
    const f = await schoolWithDevices();
    const chat = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'personal', userId: f.student.id });
    const chatId = chat.body.data.id as string;
    const photo = await upload(f.cookies.teacher, 'доска.png', PNG, 'image/png');
    const doc = await upload(f.cookies.teacher, 'задание.pdf', '%PDF-1.4 задание', 'application/pdf');
    const teacherName = `${f.teacher.firstName} ${f.teacher.lastName}`;

    await post(f.cookies.teacher, chatId, '', [photo]);
    await settled(ctx);
    await post(f.cookies.teacher, chatId, '', [doc]);
    await settled(ctx);
    const long = `${'Очень длинное сообщение о домашнем задании '.repeat(5)}конец`;
    await post(f.cookies.teacher, chatId, long);
    await settled(ctx);

    const got = payloads(f.devices.student) as { title: string; body: string }[];
    expect(got.map((p) => p.title)).toEqual([teacherName, teacherName, teacherName]);
    expect(got.map((p) => p.body).slice(0, 2)).toEqual(['Фото', 'Файл']);
    const body = got[2]?.body ?? '';
    expect(Array.from(body)).toHaveLength(100);
    expect(body.endsWith('…')).toBe(true);
    expect(long.startsWith(body.slice(0, -1).trimEnd())).toBe(true);
  });

  it('sends nothing to a member who muted the chat («Без звука»), and again after «Включить звук»', async () => {
    const f = await schoolWithDevices();
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id, f.admin.id]);
    await as(ctx, f.cookies.student).put(`/chats/${chatId}/mute`, { muted: true });
    await post(f.cookies.teacher, chatId, 'Собрание в пятницу');
    await settled(ctx);
    expect(payloads(f.devices.student)).toEqual([]);
    expect(payloads(f.devices.admin)).toHaveLength(1);

    await as(ctx, f.cookies.student).put(`/chats/${chatId}/mute`, { muted: false });
    await post(f.cookies.teacher, chatId, 'Перенесли на субботу');
    await settled(ctx);
    expect(payloads(f.devices.student)).toMatchObject([{ body: `${f.teacher.firstName}: Перенесли на субботу` }]);
  });

  it('sends nothing for the chat a tab shows right now, on any node’s socket; hidden or closed, it sends again', async () => {
    const f = await schoolWithDevices();
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const tab = await SocketClient.connect(baseUrl, f.cookies.student);
    sockets.push(tab);
    const viewerRows = async () => ctx.deps.db.select().from(chatViewers).where(eq(chatViewers.userId, f.student.id));
    const waitRows = async (n: number) => {
      for (let i = 0; i < 100 && (await viewerRows()).length !== n; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await viewerRows()).toHaveLength(n);
    };

    tab.send({ t: 'viewing', chatId });
    await waitRows(1);
    await post(f.cookies.teacher, chatId, 'Вы видите это в открытом чате');
    await settled(ctx);
    expect(payloads(f.devices.student)).toEqual([]);

    // Another chat of theirs still pushes while this one is open.
    const other = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id], 'Кружок робототехники');
    await post(f.cookies.teacher, other, 'А здесь вас нет');
    await settled(ctx);
    expect(payloads(f.devices.student)).toMatchObject([{ title: 'Кружок робототехники' }]);

    // The tab went to the background.
    tab.send({ t: 'viewing', chatId: null });
    await waitRows(0);
    await post(f.cookies.teacher, chatId, 'Вкладка скрыта');
    await settled(ctx);
    expect(payloads(f.devices.student)).toHaveLength(2);

    // Shown again, then the tab closes: its row goes with the socket.
    tab.send({ t: 'viewing', chatId });
    await waitRows(1);
    await tab.close();
    await waitRows(0);
    await post(f.cookies.teacher, chatId, 'Вкладка закрыта');
    await settled(ctx);
    expect(payloads(f.devices.student)).toHaveLength(3);
  });

  it('ignores a tab that says it shows a chat its person is not in', async () => {
    const f = await schoolWithDevices();
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id]);
    const tab = await SocketClient.connect(baseUrl, f.cookies.student);
    sockets.push(tab);
    tab.send({ t: 'viewing', chatId });
    tab.send({ t: 'ping' });
    await tab.next('pong');
    await new Promise((r) => setTimeout(r, 100));
    expect(await ctx.deps.db.select().from(chatViewers).where(eq(chatViewers.userId, f.student.id))).toEqual([]);
  });

  it('a viewer row a crashed node left stops holding pushes back once stale', async () => {
    const f = await schoolWithDevices();
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    await ctx.deps.db.insert(chatViewers).values({ socketId: 'crashed-node:1', userId: f.student.id, chatId, seenAt: ctx.deps.clock.now() });
    await post(f.cookies.teacher, chatId, 'Пока узел жив');
    await settled(ctx);
    expect(payloads(f.devices.student)).toEqual([]);
    ctx.deps.clock.advance(2 * 60_000);
    await post(f.cookies.teacher, chatId, 'Узел молчит две минуты');
    await settled(ctx);
    expect(payloads(f.devices.student)).toHaveLength(1);
  });
});

describe('quiet hours', () => {
  it('hold a student’s pushes back from 22:00 to 07:00 Moscow time by default; a teacher’s are not held', async () => {
    const f = await schoolWithDevices();
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.admin.id, f.teacher.id, f.student.id]);
    setLocalTime(ctx.deps.clock, '23:15');
    await post(f.cookies.admin, chatId, 'Поздно вечером');
    await settled(ctx);
    expect(payloads(f.devices.student)).toEqual([]);
    expect(payloads(f.devices.teacher)).toHaveLength(1);
    setLocalTime(ctx.deps.clock, '06:59');
    await post(f.cookies.admin, chatId, 'Рано утром');
    await settled(ctx);
    expect(payloads(f.devices.student)).toEqual([]);
    setLocalTime(ctx.deps.clock, '07:00');
    await post(f.cookies.admin, chatId, 'Доброе утро');
    await settled(ctx);
    expect(payloads(f.devices.student)).toMatchObject([{ body: `${f.admin.firstName}: Доброе утро` }]);
  });

  it('follow what the person chose, in their device’s time zone', async () => {
    const f = await schoolWithDevices();
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.admin.id, f.teacher.id, f.student.id]);
    // The teacher wants quiet 13:00–14:00 in Vladivostok (UTC+10); the student turned quiet hours off.
    await as(ctx, f.cookies.teacher).put('/push/preferences', { quietHours: { enabled: true, from: '13:00', to: '14:00' }, timeZone: 'Asia/Vladivostok' });
    await as(ctx, f.cookies.student).put('/push/preferences', { quietHours: { enabled: false, from: '22:00', to: '07:00' } });
    setLocalTime(ctx.deps.clock, '13:30', 'Asia/Vladivostok');
    await post(f.cookies.admin, chatId, 'Обед');
    await settled(ctx);
    expect(payloads(f.devices.teacher)).toEqual([]);
    setLocalTime(ctx.deps.clock, '23:30');
    await post(f.cookies.admin, chatId, 'Ночь в Москве');
    await settled(ctx);
    expect(payloads(f.devices.student)).toHaveLength(2);
    // 23:30 in Moscow is 06:30 in Vladivostok: outside 13:00–14:00.
    expect(payloads(f.devices.teacher)).toHaveLength(1);
  });
});

describe('other events', () => {
  it('an incoming lesson call rings the called with «Присоединиться» and the lesson’s address', async () => {
    const f = await schoolWithDevices();
    const started = await as(ctx, f.cookies.teacher).post('/lessons', { kind: 'class', classId: f.classA.id });
    expect(started.status).toBe(201);
    const lessonId = started.body.data.id;
    await settled(ctx);
    const teacherName = `${f.teacher.firstName} ${f.teacher.lastName}`;
    expect(payloads(f.devices.student)).toEqual([
      { title: 'Звонок: 7А', body: `${teacherName} зовёт вас на урок. Присоединиться`, url: `/lessons/${lessonId}`, tag: `lesson:${lessonId}` },
    ]);
    expect(service.to(f.devices.student.endpoint)[0]).toMatchObject({ urgency: 'high', ttl: 120 });
    expect(payloads(f.devices.teacher)).toEqual([]);
    expect(payloads(f.devices.admin)).toEqual([]);
  });

  it('a join request decided tells the one who asked — approved or rejected, with the reason', async () => {
    const f = await schoolWithDevices();
    const applicantWithRequest = async () => {
      const applicant = await createUser(ctx);
      const [row] = await ctx.deps.db
        .insert(joinRequests)
        .values({ schoolId: f.school.id, userId: applicant.id, role: 'student', classIds: [f.classA.id] })
        .returning({ id: joinRequests.id });
      return { requestId: row?.id ?? '', device: await subscribeDevice(ctx, await signedInCookie(ctx, applicant), service) };
    };
    const approved = await applicantWithRequest();
    expect((await as(ctx, f.cookies.admin).post(`/join-requests/${approved.requestId}/approve`)).status).toBe(200);
    await settled(ctx);
    expect(payloads(approved.device)).toEqual([
      { title: 'Заявка одобрена', body: `Вы приняты: ${f.school.name}`, url: `/schools/${f.school.id}`, tag: `request:${approved.requestId}` },
    ]);
    expect(payloads(f.devices.admin)).toEqual([]);

    const rejected = await applicantWithRequest();
    expect((await as(ctx, f.cookies.admin).post(`/join-requests/${rejected.requestId}/reject`, { reason: 'Такого ученика нет в 7А' })).status).toBe(200);
    await settled(ctx);
    expect(payloads(rejected.device)).toEqual([
      { title: 'Заявка отклонена', body: `${f.school.name}. Причина: Такого ученика нет в 7А`, url: '/home', tag: `request:${rejected.requestId}` },
    ]);
  });

  it('a post in the school’s channel reaches its members but the author; the community feed sends none', async () => {
    const f = await schoolWithDevices();
    const parent = await createUser(ctx);
    await addMember(ctx, f.school, parent, 'parent');
    const parentDevice = await subscribeDevice(ctx, await signedInCookie(ctx, parent), service);
    const outsider = await freshSchool(ctx);
    const outsiderDevice = await subscribeDevice(ctx, outsider.cookies.student, service);

    const created = await as(ctx, f.cookies.admin).post(`/schools/${f.school.id}/news`, { feed: 'channel', text: 'Школа закрыта на карантин до понедельника' });
    expect(created.status).toBe(201);
    await settled(ctx);
    const expected = { title: `Новость: ${f.school.name}`, body: 'Школа закрыта на карантин до понедельника', url: `/news/${created.body.data.id}`, tag: `news:${created.body.data.id}` };
    expect(payloads(f.devices.teacher)).toEqual([expected]);
    expect(payloads(f.devices.student)).toEqual([expected]);
    expect(payloads(parentDevice)).toEqual([expected]);
    expect(payloads(f.devices.admin)).toEqual([]);
    expect(payloads(outsiderDevice)).toEqual([]);

    await as(ctx, f.cookies.teacher).post(`/schools/${f.school.id}/news`, { feed: 'community', text: 'Кто идёт на каток?' });
    await settled(ctx);
    expect(payloads(f.devices.student)).toHaveLength(1);
  });

  it('notifyByPush (the homework and marks work’s entry) reaches the people named, outside quiet hours', async () => {
    const f = await schoolWithDevices();
    await notifyByPush(ctx.deps.events, [f.student.id, f.teacher.id], { title: 'Новое задание', body: 'Алгебра: № 245', url: '/home', tag: 'homework:1' });
    await settled(ctx);
    expect(payloads(f.devices.student)).toEqual([{ title: 'Новое задание', body: 'Алгебра: № 245', url: '/home', tag: 'homework:1' }]);
    expect(payloads(f.devices.teacher)).toHaveLength(1);
    expect(payloads(f.devices.admin)).toEqual([]);
  });
});

describe('what the push service answers', () => {
  const stored = async (endpoint: string) => ctx.deps.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));

  it.each([410, 404] as const)('%i removes the subscription, and nothing is sent to it again', async (status) => {
    const f = await schoolWithDevices();
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    service.fail(f.devices.student.endpoint, status);
    await post(f.cookies.teacher, chatId, 'Первое');
    await settled(ctx);
    expect(await stored(f.devices.student.endpoint)).toEqual([]);
    const attempts = service.attempts;
    await post(f.cookies.teacher, chatId, 'Второе');
    await settled(ctx);
    expect(service.attempts).toBe(attempts);
    expect((await as(ctx, f.cookies.student).get('/push/preferences')).body.data).toMatchObject({ thisDevice: false, devices: 0 });
  });

  it('a browser that unsubscribed at its push service (410 Gone) is forgotten', async () => {
    const f = await schoolWithDevices();
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    service.forget(f.devices.student.endpoint);
    await post(f.cookies.teacher, chatId, 'Вы здесь?');
    await settled(ctx);
    expect(await stored(f.devices.student.endpoint)).toEqual([]);
  });

  it('429 and 500 are tried again a little (Retry-After honoured), then given up and logged; the subscription stays', async () => {
    const f = await schoolWithDevices();
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id, f.admin.id]);
    service.fail(f.devices.student.endpoint, 429, { times: 1, retryAfter: 0 });
    service.fail(f.devices.admin.endpoint, 500, { retryAfter: 0 });
    const before = service.attempts;
    await post(f.cookies.teacher, chatId, 'Повторите позже');
    await settled(ctx);
    expect(payloads(f.devices.student)).toHaveLength(1);
    expect(payloads(f.devices.admin)).toEqual([]);
    // The student's: one 429 and one delivery; the administrator's: three 500s, then given up.
    expect(service.attempts - before).toBe(2 + 3);
    expect(await stored(f.devices.admin.endpoint)).toHaveLength(1);
  });
});

describe('a message to a class of 30', () => {
  it('answers its sender before the pushes go, and sends them side by side, not one after another', async () => {
    const f = await freshSchool(ctx);
    const students = await Promise.all(Array.from({ length: 30 }, () => createUser(ctx)));
    const devices: SubscriptionJson[] = [];
    for (const s of students) {
      await addMember(ctx, f.school, s, 'student', { classId: f.classA.id });
      devices.push(await subscribeDevice(ctx, await signedInCookie(ctx, s), service));
    }
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, ...students.map((s) => s.id)], '7А');
    const DELAY = 300;
    service.delayMs = DELAY;
    try {
      const t0 = Date.now();
      const sent = await post(f.cookies.teacher, chatId, 'Всем: завтра экскурсия');
      const answered = Date.now() - t0;
      expect(sent.status).toBe(201);
      const receivedAtAnswer = devices.filter((d) => service.to(d.endpoint).length > 0).length;
      await settled(ctx);
      const total = Date.now() - t0;
      expect(devices.every((d) => service.to(d.endpoint).length === 1)).toBe(true);
      console.info(`class of 30: the send answered in ${answered} ms, all 30 pushes delivered in ${total} ms (push service ${DELAY} ms per request)`);
      expect(receivedAtAnswer).toBe(0);
      expect(answered).toBeLessThan(DELAY);
      // One after another would take 30 × 300 ms = 9 s; eight at a time take 4 rounds.
      expect(total).toBeLessThan((30 * DELAY) / 2);
    } finally {
      service.delayMs = 0;
    }
  });
});
