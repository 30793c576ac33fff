import { type ErrorCode, errorMessages } from '@parta/contracts';
import { noteApiAnswer } from './connectivity';

/** A refusal from the API (or the network), reduced to what the UI shows: a stable code. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: { path: string; message: string }[];
  /** For otp_resend_too_soon and rate_limited: seconds to wait before trying again (the server's count). */
  readonly retryInSeconds: number | null;
  /** For file_too_large: the limit in bytes, said with the refusal («можно не больше 50 МБ»). */
  readonly maxBytes: number | null;
  /** For write_banned: when the ban ends. */
  readonly until: string | null;

  constructor(
    code: ErrorCode,
    status: number,
    fields: { path: string; message: string }[] = [],
    retryInSeconds: number | null = null,
    maxBytes: number | null = null,
    until: string | null = null,
  ) {
    super(code);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.fields = fields;
    this.retryInSeconds = retryInSeconds;
    this.maxBytes = maxBytes;
    this.until = until;
  }
}

/** Narrows whatever the server sent to a known code; anything else is «internal», never shown raw. */
export function toErrorCode(value: unknown): ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorMessages, value) ? (value as ErrorCode) : 'internal';
}

/**
 * Reads the `{error: {code, message, fields}}` body; a body of another shape becomes «internal». The wait comes from
 * `retryInSeconds`, or from the Retry-After header (whole seconds) when the body has none.
 */
export function parseErrorBody(status: number, body: unknown, retryAfter: string | null = null): ApiError {
  const headerWait = retryAfter && /^\d+$/.test(retryAfter) && Number(retryAfter) > 0 ? Number(retryAfter) : null;
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) {
    return new ApiError(status === 404 ? 'not_found' : status === 429 ? 'rate_limited' : 'internal', status, [], headerWait);
  }
  const e = error as { code?: unknown; fields?: unknown; retryInSeconds?: unknown; maxBytes?: unknown; until?: unknown };
  const fields = Array.isArray(e.fields)
    ? e.fields.flatMap((f: unknown) => {
        if (typeof f !== 'object' || f === null) return [];
        const { path, message } = f as { path?: unknown; message?: unknown };
        return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
      })
    : [];
  const wait = typeof e.retryInSeconds === 'number' && e.retryInSeconds > 0 ? Math.ceil(e.retryInSeconds) : headerWait;
  const maxBytes = typeof e.maxBytes === 'number' && e.maxBytes > 0 ? e.maxBytes : null;
  const until = typeof e.until === 'string' ? e.until : null;
  return new ApiError(toErrorCode(e.code), status, fields, wait, maxBytes, until);
}

let currentLanguage = 'ru';
/** The server writes its own messages in this language (the UI still uses its own texts). */
export function setApiLanguage(lang: string) {
  currentLanguage = lang;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * The one way the web app talks to the API: JSON in and out, the session cookie sent on the same
 * origin, and every failure turned into an ApiError with a code.
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLanguage };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    noteApiAnswer(null);
    throw new ApiError('internal', 0);
  }
  noteApiAnswer(res);
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!res.ok) throw parseErrorBody(res.status, parsed, res.headers.get('retry-after'));
  return parsed as T;
}

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
