import { createDecipheriv, createECDH, createHmac, createPublicKey, type ECDH, randomBytes, randomUUID, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A browser vendor's push service, on this machine, for tests: it speaks the real protocols, so what passes here
 * would pass at FCM or Mozilla's autopush.
 * - RFC 8030 delivery: POST to the subscription's endpoint, a TTL header required, answered 201 with a Location.
 * - RFC 8292 VAPID: `Authorization: vapid t=<JWT>, k=<key>`; the JWT must be ES256 signed by k, `aud` this service's
 *   origin, `exp` in the future and at most 24 h away, `sub` a mailto: or https: contact; k must be the
 *   applicationServerKey the subscription was made with. Else 401 (or 403 for another key), as push services answer.
 * - RFC 8291 message encryption: the aes128gcm body is decrypted with the subscription's own P-256 private key and
 *   auth secret (each fake subscription has a real key pair), and the plaintext recorded.
 * An endpoint can be told to answer 404, 410, 429 or 500 instead, to test what the server does then.
 */

/** What a browser's `PushSubscription.toJSON()` gives the page. */
export interface SubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface ReceivedPush {
  endpoint: string;
  /** The decrypted body, parsed as JSON (null when it was not JSON). */
  payload: unknown;
  text: string;
  ttl: number;
  urgency: string | null;
  topic: string | null;
  claims: { aud: string; exp: number; sub: string };
  at: number;
}

export interface RefusedPush {
  endpoint: string;
  status: number;
  reason: string;
}

interface FakeSubscription {
  id: string;
  ecdh: ECDH;
  auth: Buffer;
  /** The VAPID key the page subscribed with (base64url); null accepts any valid one. */
  applicationServerKey: string | null;
}

interface Failure {
  status: number;
  /** How many requests still get it (Infinity: until cleared). */
  times: number;
  retryAfter: number | null;
}

const MAX_JWT_LIFETIME_S = 24 * 3600;

export class LocalPushService {
  readonly received: ReceivedPush[] = [];
  readonly refused: RefusedPush[] = [];
  /** Every request that reached a known endpoint, answered anything. */
  attempts = 0;
  /** Each answer waits this long (ms): a slow push service. */
  delayMs = 0;
  private subscriptions = new Map<string, FakeSubscription>();
  private failures = new Map<string, Failure>();
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<LocalPushService> {
    let service: LocalPushService | null = null;
    const server = createServer((req, res) => {
      void service?.handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    service = new LocalPushService(server, `http://127.0.0.1:${port}`);
    return service;
  }

  /** A new browser subscription: a fresh P-256 key pair and auth secret, as `pushManager.subscribe()` makes. */
  subscribe(applicationServerKey: string | null = null): SubscriptionJson {
    const id = randomUUID();
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    this.subscriptions.set(id, { id, ecdh, auth, applicationServerKey });
    return { endpoint: `${this.origin}/push/${id}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
  }

  /** The browser unsubscribed: its endpoint answers 410 Gone from now on (as push services do). */
  forget(endpoint: string): void {
    this.subscriptions.delete(this.idOf(endpoint));
  }

  /** The next `times` requests to this endpoint (all, by default) get `status` instead of a delivery. */
  fail(endpoint: string, status: 404 | 410 | 429 | 500 | 503, opts: { times?: number; retryAfter?: number } = {}): void {
    this.failures.set(this.idOf(endpoint), { status, times: opts.times ?? Number.POSITIVE_INFINITY, retryAfter: opts.retryAfter ?? null });
  }

  to(endpoint: string): ReceivedPush[] {
    return this.received.filter((r) => r.endpoint === endpoint);
  }

  /** Waits until `predicate` holds over what was received (checked after each request). */
  async waitFor(predicate: (received: ReceivedPush[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`push service: not received in ${timeoutMs} ms (got ${this.received.length})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private idOf(endpoint: string): string {
    return new URL(endpoint).pathname.replace(/^\/push\//, '');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const endpoint = `${this.origin}${req.url ?? ''}`;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const answer = (status: number, reason: string, headers: Record<string, string> = {}) => {
      if (status >= 300) this.refused.push({ endpoint, status, reason });
      res.writeHead(status, headers);
      res.end(status >= 300 ? reason : '');
      for (const w of this.waiters.splice(0)) w();
    };
    const match = /^\/push\/([0-9a-f-]{36})$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return answer(404, 'no such endpoint');
    const sub = this.subscriptions.get(match[1] as string);
    if (!sub) return answer(410, 'subscription gone');
    this.attempts += 1;

    const failure = this.failures.get(sub.id);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return answer(failure.status, 'told to fail', failure.retryAfter !== null ? { 'retry-after': String(failure.retryAfter) } : {});
    }

    const ttlHeader = req.headers.ttl;
    if (typeof ttlHeader !== 'string' || !/^\d+$/.test(ttlHeader)) return answer(400, 'TTL header missing (RFC 8030 §5.2)');
    const vapid = checkVapid(String(req.headers.authorization ?? ''), this.origin, sub.applicationServerKey);
    if ('error' in vapid) return answer(vapid.status, vapid.error);
    if (req.headers['content-encoding'] !== 'aes128gcm') return answer(415, 'Content-Encoding must be aes128gcm (RFC 8291)');
    let text: string;
    try {
      text = decryptAes128gcm(body, sub.ecdh, sub.auth).toString('utf8');
    } catch (err) {
      return answer(400, `cannot decrypt: ${(err as Error).message}`);
    }
    let payload: unknown = null;
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
    this.received.push({
      endpoint,
      payload,
      text,
      ttl: Number(ttlHeader),
      urgency: typeof req.headers.urgency === 'string' ? req.headers.urgency : null,
      topic: typeof req.headers.topic === 'string' ? req.headers.topic : null,
      claims: vapid.claims,
      at: Date.now(),
    });
    answer(201, '', { location: `${this.origin}/message/${randomUUID()}` });
  }
}

type VapidCheck = { claims: ReceivedPush['claims'] } | { status: number; error: string };

/** RFC 8292 §3: the `vapid` scheme's token and key, and the JWT's signature and claims. */
export function checkVapid(authorization: string, origin: string, expectedKey: string | null, nowS = Math.floor(Date.now() / 1000)): VapidCheck {
  const m = /^vapid\s+(.+)$/i.exec(authorization.trim());
  if (!m) return { status: 401, error: 'Authorization must use the vapid scheme (RFC 8292 §3)' };
  const params = new Map<string, string>();
  for (const part of (m[1] as string).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const token = params.get('t');
  const key = params.get('k');
  if (!token || !key) return { status: 401, error: 'vapid needs t and k' };
  const point = Buffer.from(key, 'base64url');
  if (point.length !== 65 || point[0] !== 4) return { status: 401, error: 'k is not an uncompressed P-256 point' };
  if (expectedKey !== null && Buffer.from(expectedKey, 'base64url').compare(point) !== 0) {
    return { status: 403, error: 'k is not the applicationServerKey of this subscription' };
  }
  const pieces = token.split('.');
  if (pieces.length !== 3) return { status: 401, error: 'the token is not a JWS' };
  const [head, body, signature] = pieces as [string, string, string];
  let header: { alg?: string; typ?: string };
  let claims: { aud?: unknown; exp?: unknown; sub?: unknown };
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { status: 401, error: 'the token is not JSON' };
  }
  if (header.alg !== 'ES256') return { status: 401, error: 'the token must be ES256' };
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  const signed = verify('sha256', Buffer.from(`${head}.${body}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!signed) return { status: 401, error: 'the signature does not match k' };
  if (claims.aud !== origin) return { status: 401, error: `aud must be ${origin}` };
  if (typeof claims.exp !== 'number' || claims.exp <= nowS) return { status: 401, error: 'the token has expired' };
  if (claims.exp > nowS + MAX_JWT_LIFETIME_S) return { status: 401, error: 'exp is more than 24 hours away' };
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) return { status: 401, error: 'sub must be a mailto: or https: contact' };
  return { claims: { aud: claims.aud, exp: claims.exp, sub: claims.sub } };
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/**
 * RFC 8291 §3.4 / RFC 8188: the aes128gcm content coding, as the user agent decrypts it. Header: salt (16), record
 * size (4), key id length (1), key id (the sender's ephemeral public key, 65). One record: ciphertext with its 16-byte
 * tag; the plaintext ends with the delimiter 0x02 and zero padding.
 */
export function decryptAes128gcm(body: Buffer, ua: ECDH, authSecret: Buffer): Buffer {
  if (body.length < 21 + 65 + 17) throw new Error('too short');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20] as number;
  if (idlen !== 65) throw new Error('the key id must be the 65-byte sender key');
  const asPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (record.length > rs) throw new Error('more than one record (the push must fit one)');
  const uaPublic = ua.getPublicKey();
  const ecdhSecret = ua.computeSecret(asPublic);
  const prkKey = hmac(authSecret, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end);
}
