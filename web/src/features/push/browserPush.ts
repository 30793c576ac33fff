/**
 * The browser's side of Web Push: permission, the service worker's push manager, the subscription. The service worker
 * itself (/sw.js, which shows the notifications) is registered by the app shell; here it is only waited for, and its
 * absence is an error the settings explain rather than a promise that never settles.
 */

/** Why pushes cannot be switched on here, as the settings explain it. */
export type PushProblem =
  /** No Push API (an old browser, or iOS Safari outside an installed app). */
  | 'unsupported'
  /** The person (or the browser's settings) refused notifications for this site. */
  | 'denied'
  /** The permission prompt was closed without an answer. */
  | 'dismissed'
  /** No service worker is running for the page (not registered yet, or blocked). */
  | 'noWorker'
  /** The browser could not reach its push service (offline, or a browser without one). */
  | 'subscribeFailed'
  /** The server refused or did not answer. */
  | 'server';

export class PushError extends Error {
  constructor(
    readonly problem: PushProblem,
    cause?: unknown,
  ) {
    super(problem, { cause });
  }
}

export function pushSupported(): boolean {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** 'granted' | 'denied' | 'default', or 'unsupported'. */
export function permissionState(): NotificationPermission | 'unsupported' {
  return pushSupported() ? Notification.permission : 'unsupported';
}

/** How long to wait for the service worker to be ready before saying it is not there. */
const WORKER_WAIT_MS = 10_000;

/** The active service worker's registration, or a PushError('noWorker'). */
export async function workerRegistration(waitMs = WORKER_WAIT_MS): Promise<ServiceWorkerRegistration> {
  if (!pushSupported()) throw new PushError('unsupported');
  // `ready` never settles when nothing is registered: ask first, then wait a bounded time for activation.
  const registered = await navigator.serviceWorker.getRegistration().catch(() => undefined);
  if (!registered) throw new PushError('noWorker');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PushError('noWorker')), waitMs);
  });
  try {
    return await Promise.race([navigator.serviceWorker.ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The subscription this browser holds now, if any (without asking anything). */
export async function existingSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const registered = await navigator.serviceWorker.getRegistration().catch(() => undefined);
  return registered ? registered.pushManager.getSubscription().catch(() => null) : null;
}

export function base64urlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function sameKey(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  const view = new Uint8Array(a);
  return view.every((byte, i) => byte === b[i]);
}

/**
 * Asks for permission (from a click: browsers show the prompt only then), waits for the service worker and
 * subscribes with the installation's key — reusing this browser's subscription when it was made with the same key.
 */
export async function subscribeThisBrowser(publicKey: string): Promise<PushSubscription> {
  if (!pushSupported()) throw new PushError('unsupported');
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission === 'denied') throw new PushError('denied');
  if (permission !== 'granted') throw new PushError('dismissed');
  const registration = await workerRegistration();
  const key = base64urlToBytes(publicKey);
  const existing = await registration.pushManager.getSubscription().catch(() => null);
  if (existing && sameKey(existing.options.applicationServerKey, key)) return existing;
  if (existing) await existing.unsubscribe().catch(() => false);
  try {
    return await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'NotAllowedError') throw new PushError('denied', e);
    throw new PushError('subscribeFailed', e);
  }
}
