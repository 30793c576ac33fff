import { createECDH, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushSubscriptions } from '../../db/pushSchema.js';
import { createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import type { TestContext } from '../../test/testApp.js';
import { insertChat } from '../../realtime/testing/fixtures.js';
import { as } from '../chats/testHelpers.js';
import { MAX_SUBSCRIPTIONS_PER_PERSON } from './queries.js';
import type { LocalPushService } from './testing/pushService.js';
import { pushTestApp, subscribeDevice } from './testing/helpers.js';

let ctx: TestContext;
let service: LocalPushService;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ ctx, service, close } = await pushTestApp());
});
afterAll(async () => close());

/** A browser's keys that are well formed: a real P-256 point and a 16-byte secret. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

const devicesOf = async (userId: string) => ctx.deps.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));

describe('the VAPID key', () => {
  it('is given to people signed in: a 65-byte P-256 point, the same on every ask', async () => {
    const f = await freshSchool(ctx);
    expect((await as(ctx, '').get('/push/key')).status).toBe(401);
    const first = await as(ctx, f.cookies.student).get('/push/key');
    expect(first.status).toBe(200);
    const key = Buffer.from(first.body.data.publicKey, 'base64url');
    expect(key.length).toBe(65);
    expect(key[0]).toBe(4);
    expect((await as(ctx, f.cookies.teacher).get('/push/key')).body.data.publicKey).toBe(first.body.data.publicKey);
  });
});

describe('subscribing a device', () => {
  it('keeps this browser’s subscription for this session, and the same endpoint again is one device', async () => {
    const f = await freshSchool(ctx);
    const sub = await subscribeDevice(ctx, f.cookies.student, service, 'Asia/Vladivostok');
    const prefs = await as(ctx, f.cookies.student).get('/push/preferences');
    expect(prefs.body.data).toMatchObject({ thisDevice: true, devices: 1, timeZone: 'Asia/Vladivostok' });
    // The page subscribes again on every visit: still one device.
    const again = await as(ctx, f.cookies.student).post('/push/subscriptions', sub);
    expect(again.status).toBe(201);
    expect(again.body.data.devices).toBe(1);
    // Another browser of the same person (another session) sees the device but not as its own.
    const otherTab = await signedInCookie(ctx, f.student);
    expect((await as(ctx, otherTab).get('/push/preferences')).body.data).toMatchObject({ thisDevice: false, devices: 1 });
  });

  it.each([
    ['plain http', { endpoint: 'http://fcm.googleapis.com/fcm/send/abc' }, 'not_https'],
    ['not a URL', { endpoint: 'куда-нибудь' }, 'invalid_url'],
    ['an IP address', { endpoint: 'https://10.0.0.5/push/abc' }, 'ip_address'],
    ['an IPv6 address', { endpoint: 'https://[::1]/push/abc' }, 'ip_address'],
    ['this machine', { endpoint: 'https://localhost/push/abc' }, 'local_host'],
    ['a local name', { endpoint: 'https://printer.local/push/abc' }, 'local_host'],
    ['a single-label name', { endpoint: 'https://intranet/push/abc' }, 'local_host'],
    ['credentials in the URL', { endpoint: 'https://user:pw@fcm.googleapis.com/fcm/send/abc' }, 'credentials'],
    ['another port of the test service', { endpoint: 'http://127.0.0.1:1/push/abc' }, 'not_https'],
  ])('refuses an endpoint that is %s with 400, writing nothing', async (_name, body, message) => {
    const f = await freshSchool(ctx);
    const res = await as(ctx, f.cookies.student).post('/push/subscriptions', { ...body, keys: browserKeys() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.fields).toEqual([{ path: 'endpoint', message }]);
    expect(await devicesOf(f.student.id)).toEqual([]);
  });

  it('refuses keys nothing could be encrypted to, and an unknown time zone, with 400', async () => {
    const f = await freshSchool(ctx);
    const endpoint = 'https://fcm.googleapis.com/fcm/send/abc-def';
    const good = browserKeys();
    const notOnCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url');
    const cases: [object, string][] = [
      [{ endpoint, keys: { ...good, p256dh: notOnCurve } }, 'keys.p256dh'],
      [{ endpoint, keys: { ...good, p256dh: good.p256dh.slice(0, 40) } }, 'keys.p256dh'],
      [{ endpoint, keys: { ...good, auth: randomBytes(8).toString('base64url') } }, 'keys.auth'],
    ];
    for (const [body, path] of cases) {
      const res = await as(ctx, f.cookies.student).post('/push/subscriptions', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields[0].path).toBe(path);
    }
    const schemaRefused = await as(ctx, f.cookies.student).post('/push/subscriptions', { endpoint, keys: { ...good, auth: 'не base64' } });
    expect(schemaRefused.status).toBe(400);
    const zone = await as(ctx, f.cookies.student).post('/push/subscriptions', { endpoint, keys: good, timeZone: 'Марс/Олимп' });
    expect(zone.status).toBe(400);
    expect(zone.body.error.code).toBe('time_zone_invalid');
    expect((await as(ctx, '').post('/push/subscriptions', { endpoint, keys: good })).status).toBe(401);
    expect(await devicesOf(f.student.id)).toEqual([]);
  });

  it('accepts a real push service’s https endpoint', async () => {
    const f = await freshSchool(ctx);
    const res = await as(ctx, f.cookies.teacher).post('/push/subscriptions', {
      endpoint: `https://fcm.googleapis.com/fcm/send/${randomBytes(12).toString('hex')}`,
      keys: browserKeys(),
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ thisDevice: true, devices: 1 });
  });

  it(`keeps at most ${MAX_SUBSCRIPTIONS_PER_PERSON} devices a person: a new one replaces the oldest`, async () => {
    const user = await createUser(ctx);
    const cookie = await signedInCookie(ctx, user);
    const endpoints: string[] = [];
    for (let i = 0; i <= MAX_SUBSCRIPTIONS_PER_PERSON; i++) {
      ctx.deps.clock.advance(1000);
      const endpoint = `https://updates.push.services.mozilla.com/wpush/v2/${i}-${randomBytes(6).toString('hex')}`;
      endpoints.push(endpoint);
      expect((await as(ctx, cookie).post('/push/subscriptions', { endpoint, keys: browserKeys() })).status).toBe(201);
    }
    const kept = (await devicesOf(user.id)).map((d) => d.endpoint);
    expect(kept).toHaveLength(MAX_SUBSCRIPTIONS_PER_PERSON);
    expect(kept).not.toContain(endpoints[0]);
    expect(kept).toContain(endpoints.at(-1));
  });

  it('moves a browser’s endpoint to whoever subscribes it now: one browser, one person’s pushes', async () => {
    const f = await freshSchool(ctx);
    const sub = await subscribeDevice(ctx, f.cookies.student, service);
    expect((await as(ctx, f.cookies.teacher).post('/push/subscriptions', sub)).status).toBe(201);
    expect(await devicesOf(f.student.id)).toEqual([]);
    expect((await devicesOf(f.teacher.id)).map((d) => d.endpoint)).toEqual([sub.endpoint]);
  });

  it('unsubscribes only my own device, and forgets them all when I sign out', async () => {
    const f = await freshSchool(ctx);
    const mine = await subscribeDevice(ctx, f.cookies.student, service);
    const theirs = await subscribeDevice(ctx, f.cookies.teacher, service);
    const del = (cookie: string, endpoint: string) =>
      ctx.app.inject({ method: 'DELETE', url: '/api/push/subscriptions', headers: { cookie }, payload: { endpoint } });
    expect((await del(f.cookies.student, theirs.endpoint)).statusCode).toBe(200);
    expect(await devicesOf(f.teacher.id)).toHaveLength(1);
    expect((await del(f.cookies.student, mine.endpoint)).statusCode).toBe(200);
    expect(await devicesOf(f.student.id)).toEqual([]);

    expect((await as(ctx, f.cookies.teacher).post('/auth/signout', {})).status).toBe(200);
    expect(await devicesOf(f.teacher.id)).toEqual([]);
  });
});

describe('quiet hours', () => {
  it('are on 22:00–07:00 for a student and off for others until they choose', async () => {
    const f = await freshSchool(ctx);
    const student = await as(ctx, f.cookies.student).get('/push/preferences');
    expect(student.body.data).toEqual({
      quietHours: { enabled: true, from: '22:00', to: '07:00' },
      timeZone: 'Europe/Moscow',
      thisDevice: false,
      devices: 0,
    });
    expect((await as(ctx, f.cookies.teacher).get('/push/preferences')).body.data.quietHours).toEqual({ enabled: false, from: '22:00', to: '07:00' });
  });

  it('are saved as chosen, with the device’s zone; bad times and zones are refused', async () => {
    const f = await freshSchool(ctx);
    const put = (body: object) => as(ctx, f.cookies.student).put('/push/preferences', body);
    const saved = await put({ quietHours: { enabled: false, from: '21:30', to: '06:45' }, timeZone: 'asia/yekaterinburg' });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ quietHours: { enabled: false, from: '21:30', to: '06:45' }, timeZone: 'Asia/Yekaterinburg' });
    expect((await put({ quietHours: { enabled: true, from: '25:00', to: '06:00' } })).status).toBe(400);
    expect((await put({ quietHours: { enabled: true, from: '7', to: '06:00' } })).status).toBe(400);
    expect((await put({ quietHours: { enabled: true, from: '22:00', to: '06:00' }, timeZone: 'Nowhere/City' })).body.error.code).toBe('time_zone_invalid');
    expect((await as(ctx, f.cookies.student).get('/push/preferences')).body.data.quietHours).toEqual({ enabled: false, from: '21:30', to: '06:45' });
    expect((await as(ctx, '').put('/push/preferences', { quietHours: { enabled: true, from: '22:00', to: '07:00' } })).status).toBe(401);
  });
});

describe('«Без звука» in a chat', () => {
  it('is a member’s own setting, shown in the chat, the list and its abilities', async () => {
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const details = await as(ctx, f.cookies.student).get(`/chats/${chatId}`);
    expect(details.body.data.muted).toBe(false);
    expect(details.body.can.mute).toBe(true);

    const muted = await as(ctx, f.cookies.student).put(`/chats/${chatId}/mute`, { muted: true });
    expect(muted).toEqual({ status: 200, body: { data: { muted: true } } });
    expect((await as(ctx, f.cookies.student).get(`/chats/${chatId}`)).body.data.muted).toBe(true);
    const list = await as(ctx, f.cookies.student).get('/chats');
    expect(list.body.data.find((c: { id: string }) => c.id === chatId).muted).toBe(true);
    // The teacher's own setting is untouched.
    expect((await as(ctx, f.cookies.teacher).get(`/chats/${chatId}`)).body.data.muted).toBe(false);

    expect((await as(ctx, f.cookies.student).put(`/chats/${chatId}/mute`, { muted: false })).body.data.muted).toBe(false);
  });

  it('is 404 for a chat I am not in, as for one that is not there', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id]);
    const outsider = await as(ctx, other.cookies.student).put(`/chats/${chatId}/mute`, { muted: true });
    expect(outsider.status).toBe(404);
    // The school's administrator may look at the chat, but has no setting in it.
    const admin = await as(ctx, f.cookies.admin).get(`/chats/${chatId}`);
    expect(admin.body.can.mute).toBe(false);
    expect((await as(ctx, f.cookies.admin).put(`/chats/${chatId}/mute`, { muted: true })).status).toBe(404);
    expect((await as(ctx, f.cookies.student).put(`/chats/${crypto.randomUUID()}/mute`, { muted: true })).status).toBe(404);
    expect((await as(ctx, '').put(`/chats/${chatId}/mute`, { muted: true })).status).toBe(401);
  });
});
