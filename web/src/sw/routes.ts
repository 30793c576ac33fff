// Which requests the service worker answers, and how. Pure: tested in routes.test.ts.

/** API paths never answered from the worker's cache. */
export const API_PASS_THROUGH = [
  '/api/files/', // files: large, ranged (video), with their own caching headers
  '/api/uploads', // resumable uploads
  '/api/socket', // the web socket (a worker never sees it, named for clarity)
  '/api/docs', // Swagger UI
  '/api/health', // the page's «is the server there?» probe must reach the server or fail
  '/api/csp-report',
];

export type Route =
  /** A page of the app: the network first (a fresh index.html, a fresh CSP nonce), the cached shell offline. */
  | 'navigation'
  /** A JSON answer the app shows: the network first, the last copy offline. */
  | 'api'
  /** A file of this build: from the cache, which was filled when the worker was installed. */
  | 'precached'
  /** Anything else: the worker stays out of the way. */
  | null;

export interface RequestInfo {
  method: string;
  url: string;
  mode: string;
}

export function routeOf(request: RequestInfo, origin: string, precached: ReadonlySet<string>): Route {
  const url = new URL(request.url);
  if (url.origin !== origin || request.method !== 'GET') return null;
  const api = url.pathname === '/api' || url.pathname.startsWith('/api/');
  if (request.mode === 'navigate') return api ? null : 'navigation';
  if (api) return API_PASS_THROUGH.some((p) => url.pathname.startsWith(p)) ? null : 'api';
  return precached.has(url.pathname) && url.search === '' ? 'precached' : null;
}

/**
 * Whether an API answer may be kept for offline use: a 200 of JSON that does not say `no-store`. Other answers
 * (errors, files) would show the wrong thing offline, and `no-store` is the server saying «never keep this».
 */
export function keepable(status: number, headers: { get(name: string): string | null }): boolean {
  if (status !== 200) return false;
  if (/\bno-store\b/i.test(headers.get('cache-control') ?? '')) return false;
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(headers.get('content-type') ?? '');
}

/** A gateway in front of Parta answering for a server that is down: as good as no answer. */
export function unreachable(status: number): boolean {
  return status === 502 || status === 504;
}
