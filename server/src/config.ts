import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/** Every environment variable Parta reads, parsed and validated here and nowhere else. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * The address to listen on. Loopback by default: a school puts a reverse proxy (nginx) in front, and a server
   * that is not yet set up is not reachable from the network. '0.0.0.0' listens on every interface.
   */
  HOST: z.string().default('127.0.0.1'),
  /** Where embedded data lives: the PGlite database and uploaded files. */
  DATA_DIR: z.string().default('./data'),
  /** A PostgreSQL server; when set, PGlite is not used. */
  DATABASE_URL: z.string().optional(),
  /** Redis for sharing events between server nodes. */
  REDIS_URL: z.string().optional(),
  /**
   * '1' loads the demo school (published passwords) into an empty database at start; `npm run demo` sets it. Off by
   * default: a real school's first start asks for its operator account instead.
   */
  PARTA_DEMO: z.enum(['0', '1']).default('0'),
  /** The address people open, e.g. https://parta.school.ru; used for invitation links and the Origin check. */
  PUBLIC_URL: z.string().url().optional(),
  /** Secret for hashing SMS codes and tokens; generated and kept in DATA_DIR when not set. */
  SECRET_KEY: z.string().min(32).optional(),
  /** 'dev' writes SMS to the log; 'http' posts to an SMS gateway. */
  SMS_PROVIDER: z.enum(['dev', 'http']).default('dev'),
  SMS_HTTP_URL: z.string().url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  SMS_HTTP_SENDER: z.string().default('Parta'),
  /**
   * SMS sends allowed from one IP address per hour. A whole school may sit behind one address (ten classes signing
   * in on new phones in one hour); one browser there may ask for 10 an hour, one number 5 from one address.
   */
  SMS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(300),
  /**
   * SMS codes one phone number may get per hour and per day, whoever asks (half of each may be asked for from one
   * address, so a stranger at one address cannot use up the owner's). Caps what a stranger can make the gateway send.
   */
  SMS_PER_PHONE_PER_HOUR: z.coerce.number().int().min(2).default(10),
  SMS_PER_PHONE_PER_DAY: z.coerce.number().int().min(2).default(20),
  /**
   * Multiplies every request budget of the API (see server/src/http/rateLimit.ts): 2 doubles them all, 0.5 halves
   * them; 0 turns the limits off (for benchmarks, or when a proxy in front already limits).
   */
  RATE_LIMIT_SCALE: z.coerce.number().min(0).max(1000).default(1),
  /**
   * Multiplies, on top, the budgets of requests without a session, counted per client address: raise it where many
   * schools share one address (a district's NAT); people signed in are counted per person, never per address.
   */
  RATE_LIMIT_ANON_SCALE: z.coerce.number().min(0.01).max(1000).default(1),
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* and mark cookies Secure. */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * 'auto': readable lines when standard output is a terminal, JSON lines (one object per line, for journald, Loki or
   * any log collector) when it is not; 'pretty' or 'json' force one.
   */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  /** The built web app; served when present. */
  WEB_DIST: z.string().optional(),
  /**
   * A request's headers must arrive whole within this (ms). They are a few kilobytes: seconds even on a poor link; a
   * client that trickles them (slowloris) is cut here.
   */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  /**
   * An ordinary request's body (JSON, at most 1 MB: 30 s is 1 MB at 0.3 Mbit/s) must arrive within this (ms); a body
   * that stops arriving holds its connection no longer. Uploads by a signed-in person get HTTP_UPLOAD_TIMEOUT_MS.
   */
  HTTP_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /**
   * An upload (a file of up to FILE_MAX_BYTES, a 64 MB piece of a video) must arrive within this (ms). 15 minutes is
   * 50 MB at 0.5 Mbit/s and a 64 MB piece at 0.6 Mbit/s: raise it with FILE_MAX_BYTES or on a slower link.
   */
  HTTP_UPLOAD_TIMEOUT_MS: z.coerce.number().int().min(100).default(15 * 60_000),
  /**
   * Frames one person's sockets may send in 10 s (all kinds: chat, typing, read marks, lesson signalling). A join to a
   * 100-person lesson sends far fewer; past it frames are dropped unread.
   */
  SOCKET_FRAMES_PER_10S: z.coerce.number().int().min(1).default(300),
  /** Chat messages one person may send over sockets in 10 s; past it a message is refused with rate_limited. */
  SOCKET_MESSAGES_PER_10S: z.coerce.number().int().min(1).default(30),
  /** The largest upload accepted, in bytes (50 MB by default). */
  FILE_MAX_BYTES: z.coerce.number().int().min(1).default(50 * 1024 * 1024),
  /**
   * How often each node removes uploads never attached anywhere (a message not sent, a draft not saved) once they are a
   * day old; 0 turns it off (ms). Attached files are never removed by it.
   */
  FILE_SWEEP_MS: z.coerce.number().int().min(0).default(60 * 60 * 1000),
  /** An S3-compatible object store for uploads (all four set, or none: then DATA_DIR/files). Path-style URLs. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** Video lessons' SFU: 'werift' (embedded, in a child process; small lessons) or 'janus' (JANUS_URL; not built yet). */
  MEDIA_SFU: z.enum(['werift', 'janus']).default('werift'),
  /** The IPv4 address the embedded SFU binds and advertises to browsers; the first non-loopback one when unset. */
  MEDIA_IP: z.ipv4().optional(),
  /** The embedded SFU's UDP ports, e.g. 40000-40999 (open them in the firewall). */
  MEDIA_PORTS: z.string().regex(/^\d+-\d+$/).default('40000-40999'),
  /** Reserved for the Janus SFU: its WebSocket API, several comma-separated for several hosts. */
  JANUS_URL: z.string().optional(),
  /** STUN servers for browsers, comma-separated (none by default: nothing is contacted outside the school's server). */
  STUN_URL: z.string().optional(),
  /** A TURN server for students behind strict NATs (coturn with use-auth-secret), comma-separated URLs. */
  TURN_URL: z.string().optional(),
  TURN_SECRET: z.string().min(16).optional(),
  /**
   * With Janus, cameras publish up to three sizes and each viewer gets the size its tile needs (a 100-person grid of
   * thumbnails fits a pupil's connection). '0' sends one size to everyone. The embedded SFU always sends one size.
   */
  MEDIA_SIMULCAST: z.enum(['0', '1']).default('1'),
  /** How often a node vouches for the lesson participants whose sockets it holds (ms). */
  LESSON_HEARTBEAT_MS: z.coerce.number().int().min(100).default(10_000),
  /** A stay no node has vouched for this long (a crashed node's) is closed at its last heartbeat (ms). */
  LESSON_STALE_MS: z.coerce.number().int().min(300).default(60_000),
  /** How often each node sweeps for such stays and empty lessons; 0 turns the sweep off (ms). */
  LESSON_SWEEP_MS: z.coerce.number().int().min(0).default(30_000),
  /**
   * Polls whose deadline passed are announced (`poll.closed`) at the nearest deadline and at least this often, to catch
   * polls made on other nodes; 0 turns it off (ms).
   */
  POLL_SWEEP_MS: z.coerce.number().int().min(0).default(15_000),
  /** How often each node sends «Срок сдачи завтра» reminders of homework (each once, whichever node); 0: off (ms). */
  HOMEWORK_SWEEP_MS: z.coerce.number().int().min(0).default(60_000),
  /** How long TURN credentials handed to a browser stay valid, in seconds. */
  TURN_TTL: z.coerce.number().int().min(60).default(8 * 3600),
  /**
   * The Web Push (VAPID, RFC 8292) key pair, base64url as `npx web-push generate-vapid-keys` prints it: the public key
   * 65 bytes, the private 32. Both or neither; when unset, a pair is generated on first start and kept in the
   * database (every node shares it). Changing it makes every browser subscribe again.
   */
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  /** Who push services may contact about our pushes: `mailto:` an address, or an https URL (PUBLIC_URL when it is https). */
  VAPID_SUBJECT: z.string().regex(/^(mailto:.+|https:\/\/.+)$/).optional(),
  /**
   * Origins of push services that may be plain http or on this machine (comma-separated, e.g. http://127.0.0.1:4567):
   * only for a local test push service. Real browsers' push services are https on public names, and nothing else is
   * accepted as a subscription's endpoint.
   */
  PUSH_TEST_ORIGINS: z.string().optional(),
  /** The time zone of quiet hours for a person whose device never told theirs (IANA name). */
  PUSH_TIME_ZONE: z.string().default('Europe/Moscow'),
  /**
   * Prometheus metrics are never public (docs/OPERATIONS.md «Metrics»). They are served at GET /metrics by an internal
   * listener on METRICS_HOST:METRICS_PORT (loopback by default: scrape it from the same machine, or set the address of
   * a private network); METRICS_PORT=0 turns that listener off. Each node on one machine needs its own port.
   */
  METRICS_HOST: z.string().default('127.0.0.1'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /**
   * Also serve GET /metrics on the main port to requests with `Authorization: Bearer <token>` (for a scraper that can
   * only reach the app's address). Unset: the main port answers /metrics with 404.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  demo: boolean;
  publicUrl: string | undefined;
  secretKey: string | undefined;
  sms:
    | { provider: 'dev' }
    | { provider: 'http'; url: string; token: string | undefined; sender: string };
  smsPerIpPerHour: number;
  /** SMS to one number per hour and per day (half of each from one address). */
  smsPerPhone: { hour: number; day: number };
  /** Request budgets: `scale` multiplies all (0: off), `anonScale` also the per-address ones of requests without a session. */
  rateLimits: { scale: number; anonScale: number };
  trustProxy: boolean;
  /** How long a request may take to arrive (ms): its headers, an ordinary body, an upload's body. */
  http: { headersTimeoutMs: number; bodyTimeoutMs: number; uploadTimeoutMs: number };
  /** Per-person budgets of socket frames and of chat messages sent over sockets, per 10 s. */
  socketLimits: { framesPer10s: number; messagesPer10s: number };
  logLevel: string;
  logFormat: 'auto' | 'pretty' | 'json';
  webDist: string;
  files: {
    maxBytes: number;
    /** How often unattached uploads a day old are removed (0: never). */
    sweepMs: number;
    /** Null: files live in `dataDir/files`. */
    s3: { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string; region: string } | null;
  };
  media: {
    sfu: 'werift' | 'janus';
    /** Publish several sizes of each camera (Janus only). */
    simulcast: boolean;
    /** Null: pick the machine's first non-loopback IPv4 address when the SFU starts. */
    ip: string | null;
    ports: [number, number];
    janusUrls: string[];
    stunUrls: string[];
    turn: { urls: string[]; secret: string; ttlSeconds: number } | null;
  };
  /** Lessons a crashed node left open: the heartbeat of live stays, when one counts as abandoned, the sweep. */
  lessons: { heartbeatMs: number; staleMs: number; sweepMs: number };
  /** Announcing passed poll deadlines: the longest wait between two sweeps (0: never). */
  polls: { sweepMs: number };
  homework: { sweepMs: number };
  push: {
    /** Null: generated once and kept in the database (see db/vapid.ts). */
    vapid: { publicKey: string; privateKey: string } | null;
    subject: string;
    /** Origins (scheme://host:port) allowed as endpoints although not https on a public name. */
    testOrigins: string[];
    timeZone: string;
  };
  /** Where Prometheus reads /metrics: the internal listener (null: off) and the bearer token for the main port. */
  metrics: { listener: { host: string; port: number } | null; token: string | null };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.SMS_PROVIDER === 'http' && !e.SMS_HTTP_URL) throw new Error('SMS_PROVIDER=http needs SMS_HTTP_URL');
  const s3Vars = [e.S3_ENDPOINT, e.S3_BUCKET, e.S3_ACCESS_KEY_ID, e.S3_SECRET_ACCESS_KEY];
  // Half an S3 setup would silently store files on local disk: refuse to start instead.
  if (Boolean(e.TURN_URL) !== Boolean(e.TURN_SECRET)) throw new Error('TURN needs TURN_URL and TURN_SECRET together');
  if (e.MEDIA_SFU === 'janus' && !e.JANUS_URL) throw new Error('MEDIA_SFU=janus needs JANUS_URL');
  const [portMin, portMax] = e.MEDIA_PORTS.split('-').map(Number) as [number, number];
  if (!(portMin >= 1024 && portMax <= 65535 && portMin < portMax)) throw new Error('MEDIA_PORTS must be a range like 40000-40999');
  if (e.HTTP_UPLOAD_TIMEOUT_MS < Math.max(e.HTTP_HEADERS_TIMEOUT_MS, e.HTTP_BODY_TIMEOUT_MS)) {
    throw new Error('HTTP_UPLOAD_TIMEOUT_MS bounds every request: it cannot be shorter than HTTP_HEADERS_TIMEOUT_MS or HTTP_BODY_TIMEOUT_MS');
  }
  if (Boolean(e.VAPID_PUBLIC_KEY) !== Boolean(e.VAPID_PRIVATE_KEY)) throw new Error('VAPID needs VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY together');
  if (e.VAPID_PUBLIC_KEY && !isVapidPair(e.VAPID_PUBLIC_KEY, e.VAPID_PRIVATE_KEY ?? '')) {
    throw new Error('VAPID_PUBLIC_KEY must be 65 bytes and VAPID_PRIVATE_KEY 32 bytes, base64url (npx web-push generate-vapid-keys)');
  }
  if (!validTimeZone(e.PUSH_TIME_ZONE)) throw new Error(`PUSH_TIME_ZONE: unknown time zone ${e.PUSH_TIME_ZONE}`);
  if (s3Vars.some(Boolean) && !s3Vars.every(Boolean)) {
    throw new Error('S3 storage needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    // `npm start` runs the server inside server/; a relative DATA_DIR means where the person typed it.
    dataDir: path.resolve(env.INIT_CWD ?? process.cwd(), e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    demo: e.PARTA_DEMO === '1',
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    secretKey: e.SECRET_KEY,
    sms:
      e.SMS_PROVIDER === 'http'
        ? { provider: 'http', url: e.SMS_HTTP_URL as string, token: e.SMS_HTTP_TOKEN, sender: e.SMS_HTTP_SENDER }
        : { provider: 'dev' },
    smsPerIpPerHour: e.SMS_PER_IP_PER_HOUR,
    smsPerPhone: { hour: e.SMS_PER_PHONE_PER_HOUR, day: e.SMS_PER_PHONE_PER_DAY },
    rateLimits: { scale: e.RATE_LIMIT_SCALE, anonScale: e.RATE_LIMIT_ANON_SCALE },
    trustProxy: e.TRUST_PROXY === '1',
    http: { headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS, bodyTimeoutMs: e.HTTP_BODY_TIMEOUT_MS, uploadTimeoutMs: e.HTTP_UPLOAD_TIMEOUT_MS },
    socketLimits: { framesPer10s: e.SOCKET_FRAMES_PER_10S, messagesPer10s: e.SOCKET_MESSAGES_PER_10S },
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    webDist: path.resolve(e.WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    files: {
      maxBytes: e.FILE_MAX_BYTES,
      sweepMs: e.FILE_SWEEP_MS,
      s3:
        e.S3_ENDPOINT && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
          ? { endpoint: e.S3_ENDPOINT, bucket: e.S3_BUCKET, accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY, region: e.S3_REGION }
          : null,
    },
    media: {
      sfu: e.MEDIA_SFU,
      simulcast: e.MEDIA_SFU === 'janus' && e.MEDIA_SIMULCAST === '1',
      ip: e.MEDIA_IP ?? null,
      ports: [portMin, portMax],
      janusUrls: list(e.JANUS_URL),
      stunUrls: list(e.STUN_URL),
      turn: e.TURN_URL && e.TURN_SECRET ? { urls: list(e.TURN_URL), secret: e.TURN_SECRET, ttlSeconds: e.TURN_TTL } : null,
    },
    lessons: { heartbeatMs: e.LESSON_HEARTBEAT_MS, staleMs: e.LESSON_STALE_MS, sweepMs: e.LESSON_SWEEP_MS },
    polls: { sweepMs: e.POLL_SWEEP_MS },
    homework: { sweepMs: e.HOMEWORK_SWEEP_MS },
    push: {
      vapid: e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY } : null,
      subject: e.VAPID_SUBJECT ?? (e.PUBLIC_URL?.startsWith('https://') ? e.PUBLIC_URL.replace(/\/$/, '') : 'mailto:parta@localhost'),
      testOrigins: list(e.PUSH_TEST_ORIGINS).map((o) => new URL(o).origin),
      timeZone: e.PUSH_TIME_ZONE,
    },
    metrics: {
      listener: e.METRICS_PORT === 0 ? null : { host: e.METRICS_HOST, port: e.METRICS_PORT },
      token: e.METRICS_TOKEN ?? null,
    },
  };
}

const base64urlBytes = (text: string): number => (/^[A-Za-z0-9_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64url').length : -1);
const isVapidPair = (publicKey: string, privateKey: string): boolean =>
  base64urlBytes(publicKey) === 65 && Buffer.from(publicKey, 'base64url')[0] === 4 && base64urlBytes(privateKey) === 32;

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** A fresh random secret, for tests and first start. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}
