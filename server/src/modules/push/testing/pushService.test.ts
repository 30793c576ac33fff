import { createPrivateKey, sign } from 'node:crypto';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalPushService, type SubscriptionJson } from './pushService.js';

/**
 * The local push service is what the push tests trust, so it must refuse what a real one refuses: a payload it cannot
 * decrypt with the subscription's keys, a VAPID token not signed by the key, for another audience, expired or too
 * long-lived, or made with another key than the subscription's.
 */
let service: LocalPushService;
const keys = webpush.generateVAPIDKeys();
const subject = 'mailto:it@school.ru';

beforeAll(async () => {
  service = await LocalPushService.start();
});
afterAll(async () => service.close());

/** A push as web-push builds it, optionally with a VAPID header of our own making, sent with fetch. */
async function send(sub: SubscriptionJson, body: string, vapid?: { aud?: string; exp?: number; pair?: typeof keys; k?: string }, extra: Record<string, string> = {}) {
  const details = webpush.generateRequestDetails(sub, body, { vapidDetails: { subject, ...keys }, TTL: 60 });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(details.headers)) if (k !== 'Content-Length') headers[k] = String(v);
  if (vapid) {
    const pair = vapid.pair ?? keys;
    const made = webpush.getVapidHeaders(vapid.aud ?? service.origin, subject, pair.publicKey, pair.privateKey, 'aes128gcm', vapid.exp);
    headers.Authorization = vapid.k ? made.Authorization.replace(/k=.*$/, `k=${vapid.k}`) : made.Authorization;
  }
  Object.assign(headers, extra);
  const res = await fetch(sub.endpoint, { method: 'POST', headers, body: details.body ? new Uint8Array(details.body) : null });
  return { status: res.status, text: await res.text() };
}

const now = () => Math.floor(Date.now() / 1000);

describe('the local push service', () => {
  it('takes a push made as the spec says: 201, decrypted with the subscription’s own keys', async () => {
    const sub = service.subscribe(keys.publicKey);
    const res = await send(sub, JSON.stringify({ title: 'Привет', body: 'мир 👋', url: '/home' }));
    expect(res.status).toBe(201);
    expect(service.to(sub.endpoint)).toMatchObject([{ payload: { title: 'Привет', body: 'мир 👋', url: '/home' }, ttl: 60, claims: { aud: service.origin, sub: subject } }]);
  });

  it('refuses a token signed by another key, for another audience, expired or valid for more than 24 hours (401)', async () => {
    const sub = service.subscribe(null);
    const other = webpush.generateVAPIDKeys();
    const cases = [
      [{ k: other.publicKey }, 'the signature does not match k'],
      [{ aud: 'https://fcm.googleapis.com' }, 'aud must be'],
    ] as const;
    for (const [vapid, why] of cases) {
      const res = await send(sub, '{}', vapid);
      expect(res.status, why).toBe(401);
      expect(res.text).toContain(why);
    }
    // web-push will not make these two: made by hand, correctly signed.
    const expired = await send(sub, '{}', undefined, { Authorization: tokenWith({ aud: service.origin, exp: now() - 60, sub: subject }) });
    expect(expired.status).toBe(401);
    expect(expired.text).toContain('expired');
    const tooLong = await send(sub, '{}', undefined, { Authorization: tokenWith({ aud: service.origin, exp: now() + 25 * 3600, sub: subject }) });
    expect(tooLong.status).toBe(401);
    expect(tooLong.text).toContain('more than 24 hours');
    const noSub = await send(sub, '{}', undefined, { Authorization: tokenWith({ aud: service.origin, exp: now() + 3600 }) });
    expect(noSub.status).toBe(401);
    expect(noSub.text).toContain('sub must be');
    expect((await send(sub, '{}', undefined, { Authorization: tokenWith({ aud: service.origin, exp: now() + 3600, sub: subject }) })).status).toBe(201);
    // Only the control, a hand-made token with good claims, got through.
    expect(service.to(sub.endpoint)).toHaveLength(1);
  });

  it('refuses a key other than the subscription’s applicationServerKey (403), a missing TTL (400), a payload for other keys (400)', async () => {
    const sub = service.subscribe(keys.publicKey);
    const other = webpush.generateVAPIDKeys();
    expect((await send(sub, '{}', { pair: other })).status).toBe(403);
    const noTtl = webpush.generateRequestDetails(sub, '{}', { vapidDetails: { subject, ...keys } });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(noTtl.headers)) if (k !== 'Content-Length' && k !== 'TTL') headers[k] = String(v);
    expect((await fetch(sub.endpoint, { method: 'POST', headers, body: new Uint8Array(noTtl.body as Buffer) })).status).toBe(400);
    // Encrypted to another browser's keys: the auth tag fails.
    const elsewhere = service.subscribe(keys.publicKey);
    const wrong = await send({ endpoint: sub.endpoint, keys: elsewhere.keys }, '{}');
    expect(wrong.status).toBe(400);
    expect(service.to(sub.endpoint)).toEqual([]);
  });

  it('answers what it is told to for an endpoint, and 410 once the browser unsubscribed', async () => {
    const sub = service.subscribe(keys.publicKey);
    service.fail(sub.endpoint, 429, { times: 1, retryAfter: 3 });
    const busy = await fetch(sub.endpoint, { method: 'POST' });
    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBe('3');
    expect((await send(sub, '{}')).status).toBe(201);
    service.forget(sub.endpoint);
    expect((await send(sub, '{}')).status).toBe(410);
  });
});

/** A VAPID Authorization with these claims, correctly signed by our key. */
function tokenWith(claims: object): string {
  const head = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'ES256' })).toString('base64url');
  const d = Buffer.from(keys.privateKey, 'base64url');
  const pub = Buffer.from(keys.publicKey, 'base64url');
  const key = createPrivateKey({
    key: { kty: 'EC', crv: 'P-256', d: d.toString('base64url'), x: pub.subarray(1, 33).toString('base64url'), y: pub.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return `vapid t=${head}.${body}.${signature}, k=${keys.publicKey}`;
}
