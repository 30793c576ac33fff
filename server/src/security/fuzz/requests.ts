import type { InjectOptions } from 'fastify';
import type { Field, JsonSchema, Operation } from './operations.js';
import { type FuzzWorld, worldValue } from './world.js';

const NONE = Symbol('none');
type Fuzzed = string | typeof NONE;

/** Each byte of the UTF-8 percent-encoded, as a browser's address bar would send any character. */
export function urlEncode(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'), (b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

/** Where the fuzzed push subscriptions point: loopback's discard port, where nothing listens (no push leaves the machine). */
export const FUZZ_PUSH_ORIGIN = 'http://127.0.0.1:9';

const knownPatterns: Array<[string, string]> = [
  ['^\\d{6}$', '123456'],
  ['^[А-ЯЁ]$', 'Б'],
  ['^#[0-9a-fA-F]{6}$', '#336699'],
  ['^([01]\\d|2[0-3]):[0-5]\\d$', '22:00'],
];
const byKey: Record<string, string> = {
  phone: '+79990001122',
  adminPhone: '+79990001133',
  password: 'parta-fuzz-password',
  email: 'school@example.ru',
  site: 'https://school.example.ru',
  verificationToken: 'not-a-ticket',
  q: 'тест',
  // A push subscription as a browser sends it: the fuzz app lets PUSH_TEST_ORIGINS reach this closed loopback port.
  endpoint: `${FUZZ_PUSH_ORIGIN}/push/fuzz`,
  p256dh: 'BH2R0fgtEswndebtA1S4UPLCV_VGA-ufeHJLX-yMtsFK3kjUvLToBv6jYhm9HeX7tdIoRhesK-tv7lBvYws0IXE',
  auth: '-VBxH4xYJJgWANFodiHvKw',
  timeZone: 'Europe/Moscow',
};

/** A valid string for a schema: the world's id for an id, the first of an enum, a date, or a word of the needed length. */
function sampleString(w: FuzzWorld, op: Operation, s: JsonSchema, key: string, index: number): string {
  if (s.enum) return String(s.enum[0]);
  if (s.format === 'uuid') return worldValue(w, key, op.url);
  if (s.format === 'date') return '2012-05-17';
  if (s.format === 'date-time') return new Date(w.ctx.deps.clock.now().getTime() + 7 * 86_400_000).toISOString();
  const known = knownPatterns.find(([p]) => p === s.pattern);
  if (known) return known[1];
  if (byKey[key]) return byKey[key];
  const word = `Тест ${index + 1}`;
  return word.padEnd(s.minLength ?? 0, '!');
}

/** A value for `s` whose string at `path` is `value` (or a valid one everywhere when NONE); required properties only. */
function build(w: FuzzWorld, op: Operation, s: JsonSchema, path: Array<string | number>, value: Fuzzed, key: string, index = 0, variant = 0): unknown {
  if (path.length === 0 && value !== NONE) return value;
  const variants = s.oneOf ?? s.anyOf;
  if (variants) return build(w, op, variants[variant] ?? (variants[0] as JsonSchema), path, value, key, index);
  if (s.type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, sub] of Object.entries(s.properties ?? {})) {
      if (path[0] === k) out[k] = build(w, op, sub, path.slice(1), value, k);
      else if (s.required?.includes(k)) out[k] = build(w, op, sub, [], NONE, k);
    }
    return out;
  }
  if (s.type === 'array') {
    const n = Math.max(s.minItems ?? 0, path[0] === 0 ? 1 : 0);
    return Array.from({ length: n }, (_, i) =>
      build(w, op, s.items ?? {}, i === 0 && path[0] === 0 ? path.slice(1) : [], i === 0 && path[0] === 0 ? value : NONE, key, i),
    );
  }
  if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
  if (s.type === 'boolean') return s.enum?.[0] ?? false;
  return sampleString(w, op, s, key, index);
}

/** Who calls: anonymous for sign-in and sign-up, the operator for the registry of schools, the school's administrator otherwise. */
function cookieFor(w: FuzzWorld, op: Operation): string | undefined {
  if (op.url.startsWith('/api/auth/')) return undefined;
  if (op.url.startsWith('/api/operator/')) return w.operatorCookie;
  return w.school.cookies.admin;
}

/**
 * The request of `op` with `text` in `field` (already URL-encoded for path and query fields) and
 * valid values from the world everywhere else.
 */
export function requestFor(w: FuzzWorld, op: Operation, field: Field | null, text: string): InjectOptions {
  const at = (place: Field['place'], name: string | number): Fuzzed => (field?.place === place && field.path[0] === name ? text : NONE);
  let url = op.url;
  for (const name of op.pathParams) {
    const fuzzed = at('path', name);
    const value = fuzzed === NONE ? encodeURIComponent(worldValue(w, name, op.url)) : fuzzed;
    url = name === '*' ? url.replace('*', value) : url.replace(`:${name}`, value);
  }
  const query: string[] = [];
  for (const q of op.query) {
    const fuzzed = at('query', q.name);
    if (fuzzed !== NONE) query.push(`${q.name}=${fuzzed}`);
    else if (q.required) query.push(`${q.name}=${encodeURIComponent(String(build(w, op, q.schema, [], NONE, q.name)))}`);
  }
  const headers: Record<string, string> = {};
  const cookie = cookieFor(w, op);
  if (cookie) headers.cookie = cookie;
  const request: InjectOptions = { method: op.method as InjectOptions['method'], url: `${url}${query.length ? `?${query.join('&')}` : ''}`, headers };

  if (field?.place === 'multipart file name') {
    const b = 'partaFuzzBoundary';
    const disposition = `form-data; name="file"; filename*=UTF-8''${urlEncode(text)}`;
    request.payload = `--${b}\r\nContent-Disposition: ${disposition}\r\nContent-Type: application/octet-stream\r\n\r\nhello\r\n--${b}--\r\n`;
    headers['content-type'] = `multipart/form-data; boundary=${b}`;
  } else if (field?.place === 'Upload-Metadata filename') {
    Object.assign(headers, { 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': `filename ${Buffer.from(text).toString('base64')}` });
  } else if (op.body) {
    const inBody = field?.place === 'body';
    request.payload = JSON.stringify(build(w, op, op.body, inBody ? field.path : [], inBody ? text : NONE, '', 0, field?.variant ?? 0));
    headers['content-type'] = 'application/json';
  }
  return request;
}
