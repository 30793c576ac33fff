// Parta's service worker, built to /sw.js by the build (web/serviceWorkerPlugin.ts), which fills in the two
// constants below. It makes the app open without a network (the shell and the build's files are cached when
// it installs; the API answers the app last showed are kept), and shows the pushes the server sends.
import { openFromNotification } from './clicks';
import { API_CACHE, appPath, OFFLINE_HEADER, type PageMessage, type PushPayload, parsePushPayload, SHELL_CACHE_PREFIX } from './protocol';
import { API_PASS_THROUGH, keepable, routeOf, unreachable } from './routes';

declare const self: ServiceWorkerGlobalScope;
/** A hash of this build's files: a new build is a new worker, which the page offers to switch to. */
declare const __PARTA_SW_VERSION__: string;
/** The build's files (`/assets/…` with a hash in the name, the icons, the manifest), the shell (`/`) apart. */
declare const __PARTA_PRECACHE__: string[];
/** A file index.html must name, so a shell of another build (a deploy between two requests) is never kept. */
declare const __PARTA_ENTRY__: string;

const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${__PARTA_SW_VERSION__}`;
const SHELL = '/';
const PRECACHED = new Set(__PARTA_PRECACHE__);
/** The API answers kept at most; the oldest go first (search results and old pages would pile up). */
const API_CACHE_ENTRIES = 300;
const ICON = '/icons/icon-192.png';
const BADGE = '/icons/badge-96.png';

/** The static routing API (Chrome 123+): requests the worker does nothing with are served without waking it. */
type RouterCondition = {
  urlPattern?: { pathname: string };
  requestMethod?: string;
  or?: RouterCondition[];
  not?: RouterCondition;
};
type RouterRule = { condition: RouterCondition; source: 'network' | { cacheName: string } };
type InstallWithRoutes = ExtendableEvent & { addRoutes?: (rules: RouterRule[]) => Promise<void> };

self.addEventListener('install', (event) => {
  event.waitUntil(Promise.all([precache(), addRoutes(event as InstallWithRoutes)]));
});

/**
 * Every request of a controlled page is otherwise handed to the worker first, even one it lets through: on a slow
 * phone that costs a little each time. Sending, files and uploads go straight to the network; this build's hashed
 * files straight to its cache (and to the network when one is missing). Browsers without the API use the fetch
 * handler below for the same result.
 */
async function addRoutes(event: InstallWithRoutes): Promise<void> {
  if (!event.addRoutes) return;
  try {
    await event.addRoutes([
      { condition: { not: { requestMethod: 'GET' } }, source: 'network' },
      { condition: { or: API_PASS_THROUGH.map((p) => ({ urlPattern: { pathname: `${p}*` } })) }, source: 'network' },
      { condition: { urlPattern: { pathname: '/assets/*' } }, source: { cacheName: SHELL_CACHE } },
    ]);
  } catch {
    // A browser with an older version of the API: the fetch handler does the same.
  }
}

async function precache(): Promise<void> {
  const cache = await caches.open(SHELL_CACHE);
  await cache.addAll(__PARTA_PRECACHE__);
  // The shell is index.html as the server sends it, with its own CSP header and the nonce that header names:
  // offline, the page comes back with both, and Mantine's nonce'd styles still match its CSP.
  const shell = await fetch(SHELL, { cache: 'no-store' });
  const text = await shell.clone().text();
  if (!shell.ok || !text.includes(__PARTA_ENTRY__)) throw new Error('the server sent the shell of another build');
  await cache.put(SHELL, shell);
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(SHELL_CACHE_PREFIX) && name !== SHELL_CACHE) await caches.delete(name);
      }
      // The page is fetched while this worker starts, not after: network-first costs no start-up time.
      await self.registration.navigationPreload?.enable();
      // The tab that installed this worker is served by it from now on, so what it shows is kept for offline use.
      await self.clients.claim();
    })(),
  );
});

/** Counts sign-outs: an answer fetched before one is not kept after it. */
let session = 0;

self.addEventListener('message', (event) => {
  const message = event.data as PageMessage | null;
  if (message?.type === 'skip-waiting') void self.skipWaiting();
  if (message?.type === 'forget-session') {
    session += 1;
    event.waitUntil(caches.delete(API_CACHE));
  }
});

self.addEventListener('fetch', (event) => {
  const route = routeOf(event.request, self.location.origin, PRECACHED);
  if (route === 'navigation') event.respondWith(navigation(event));
  else if (route === 'api') event.respondWith(apiNetworkFirst(event));
  else if (route === 'precached') event.respondWith(precached(event.request));
  // A navigation the worker leaves to the browser (a file opened in a tab) was preloaded all the same: let it settle.
  else if (event.request.mode === 'navigate') event.waitUntil(Promise.resolve(event.preloadResponse).catch(() => undefined));
});

/**
 * Online, the page is always the server's (a fresh nonce; after a deploy, the new build at once — never a stale
 * shell). Without a network, or with the server down behind a proxy, the shell of this worker's build.
 */
async function navigation(event: FetchEvent): Promise<Response> {
  try {
    const response = ((await event.preloadResponse) as Response | undefined) ?? (await fetch(event.request));
    if (!unreachable(response.status)) return response;
  } catch {
    // No network: the shell below.
  }
  const shell = await caches.match(SHELL, { cacheName: SHELL_CACHE });
  return shell ?? Response.error();
}

/**
 * The server's answer when it can be reached (and kept, for the next time it cannot); otherwise the last one kept,
 * marked with OFFLINE_HEADER so the page says «Нет связи». A 401 means the session is over: what was kept for it
 * is forgotten, so the next person to sign in on this device never sees it.
 */
async function apiNetworkFirst(event: FetchEvent): Promise<Response> {
  const request = event.request;
  const asked = session;
  let response: Response | null = null;
  try {
    response = await fetch(request);
  } catch {
    // No network: the kept copy below.
  }
  if (response && !unreachable(response.status)) {
    if (response.status === 401) {
      session += 1;
      event.waitUntil(caches.delete(API_CACHE));
    } else if (keepable(response.status, response.headers) && asked === session) {
      event.waitUntil(keep(request, response.clone()));
    }
    return response;
  }
  const cache = await caches.open(API_CACHE);
  const kept = await cache.match(request);
  if (!kept) return response ?? Response.error();
  const headers = new Headers(kept.headers);
  headers.set(OFFLINE_HEADER, '1');
  return new Response(kept.body, { status: kept.status, statusText: kept.statusText, headers });
}

/** Answers kept since the cache was last trimmed; listing it on every write would cost more than the write. */
let keptSinceTrim = 0;

async function keep(request: Request, response: Response): Promise<void> {
  const cache = await caches.open(API_CACHE);
  // Out and in again: the answer moves to the end of the cache's order, so the trim drops what was not asked for longest.
  await cache.delete(request);
  await cache.put(request, response);
  keptSinceTrim += 1;
  if (keptSinceTrim < 25) return;
  keptSinceTrim = 0;
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - API_CACHE_ENTRIES))) await cache.delete(old);
}

/** This build's files never change (hashed names, or checked when the worker installs): the cache, else the network. */
async function precached(request: Request): Promise<Response> {
  return (await caches.match(request, { cacheName: SHELL_CACHE })) ?? fetch(request);
}

self.addEventListener('push', (event) => {
  event.waitUntil(showPush(parsePushPayload(event.data?.text())));
});

async function showPush(payload: PushPayload | null): Promise<void> {
  // A push must show a notification (the browser shows its own otherwise); one that cannot be read opens the app.
  const title = payload?.title ?? 'Parta';
  const body = payload?.body ?? '';
  const tag = payload?.tag;
  // The open tab may have shown this very message already (a hidden tab does, with the same tag): replace it
  // quietly rather than ring twice.
  const same = tag ? (await self.registration.getNotifications({ tag })).some((n) => n.title === title && n.body === body) : false;
  await self.registration.showNotification(title, {
    body,
    icon: ICON,
    badge: BADGE,
    lang: 'ru',
    data: { url: payload?.url ?? '/' },
    ...(tag ? { tag, renotify: !same } : {}),
  } as NotificationOptions);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data as { url?: unknown } | null)?.url;
  event.waitUntil(openFromNotification(self.clients, self.location.origin, appPath(url)));
});
