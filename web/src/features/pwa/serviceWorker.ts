// The page's side of the service worker (src/sw/sw.ts): registers it, notices a new version waiting, switches to
// it when the person says so, and passes on what the worker asks of the page.
import { API_CACHE, type PageMessage, type WorkerMessage } from '../../sw/protocol';

/**
 * `waiting`: a new build's worker is installed and waits for this page to let it take over.
 * `replaced`: another tab already switched to the new version; this page still runs the old code.
 */
export type UpdateState = 'none' | 'waiting' | 'replaced';

/** How often an open tab asks whether there is a new version (besides on every start and on coming back to it). */
const UPDATE_CHECK_MS = 60 * 60_000;
/** Coming back to a tab asks again only after this long. */
const UPDATE_CHECK_ON_RETURN_MS = 5 * 60_000;

let updateState: UpdateState = 'none';
let waitingWorker: ServiceWorker | null = null;
/** This tab pressed «Обновить»: when the new worker takes over, it reloads itself. */
let reloadWhenReplaced = false;
const listeners = new Set<() => void>();
let navigateTo: ((path: string) => void) | null = null;

export function serviceWorkerSupported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
}

export function getUpdateState(): UpdateState {
  return updateState;
}

export function subscribeUpdate(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function setUpdateState(next: UpdateState) {
  if (next === updateState) return;
  updateState = next;
  for (const fn of listeners) fn();
}

/** Where a clicked notification's address goes: the app's router (set by the component that has it). */
export function onNavigateRequest(fn: ((path: string) => void) | null): void {
  navigateTo = fn;
}

/**
 * Registers /sw.js once the page has loaded (its own files come first on a slow network). Only in a built app: the
 * dev server has no worker, and a worker from an earlier build would serve stale files to it.
 */
export function startServiceWorker(): void {
  if (!serviceWorkerSupported() || !import.meta.env.PROD) return;
  const container = navigator.serviceWorker;
  let controlled = container.controller !== null;
  container.addEventListener('controllerchange', () => {
    // The first worker taking over a page it did not serve is not a new version.
    if (!controlled) {
      controlled = true;
      return;
    }
    if (reloadWhenReplaced) window.location.reload();
    else setUpdateState('replaced');
  });
  container.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
    if (event.data?.type === 'navigate' && typeof event.data.url === 'string') navigateTo?.(event.data.url);
  });
  // Messages a worker sent before the page listened (a click that opened this page) are delivered now.
  container.startMessages();
  const register = () => void registerWorker();
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

async function registerWorker(): Promise<void> {
  let registration: ServiceWorkerRegistration | undefined;
  try {
    // updateViaCache none: the browser asks the server for /sw.js itself on every check, never its HTTP cache.
    registration = await navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' });
  } catch {
    // Private mode in some browsers, or storage refused: the app works, only not offline.
    return;
  }
  // Where workers are blocked (a managed browser's policy, an automation's switch) the promise may bring nothing.
  if (!registration) return;
  const offer = (worker: ServiceWorker) => {
    // Only a page some worker already serves has an old version to replace.
    if (!navigator.serviceWorker.controller) return;
    waitingWorker = worker;
    setUpdateState('waiting');
  };
  if (registration.waiting) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') offer(worker);
    });
  });
  let lastCheck = Date.now();
  const check = () => {
    lastCheck = Date.now();
    registration.update().catch(() => {
      // Offline: the next check will do.
    });
  };
  setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && Date.now() - lastCheck > UPDATE_CHECK_ON_RETURN_MS) check();
  });
}

/** «Обновить»: the waiting worker takes over and the page reloads into the new version. */
export function applyUpdate(): void {
  if (updateState === 'replaced' || !waitingWorker) {
    window.location.reload();
    return;
  }
  reloadWhenReplaced = true;
  const message: PageMessage = { type: 'skip-waiting' };
  waitingWorker.postMessage(message);
}

/**
 * Signing out: the API answers kept for offline use go with the session. The page deletes them itself (they are
 * gone before it shows the landing page) and tells the worker, which drops any it was writing.
 */
export async function forgetSessionData(): Promise<void> {
  if (!serviceWorkerSupported() || typeof caches === 'undefined') return;
  const message: PageMessage = { type: 'forget-session' };
  navigator.serviceWorker.controller?.postMessage(message);
  try {
    await caches.delete(API_CACHE);
  } catch {
    // Storage unavailable: nothing was kept.
  }
}
