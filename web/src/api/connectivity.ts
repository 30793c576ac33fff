// Whether Parta can reach its server, for the «Нет связи» bar. Two sources: the browser's own online flag, and what
// the API calls see (a network failure, or an answer the service worker took from its cache because the server
// could not be reached). While the server is out of reach, /api/health is asked now and then; the first answer
// clears the bar.
import { OFFLINE_HEADER } from '../sw/protocol';

export interface Connectivity {
  /** The browser says it has a network (navigator.onLine). */
  browserOnline: boolean;
  /** The last API call reached the server (true until one fails). */
  serverReachable: boolean;
  /** Since the server was last reached, some answer on screen came from the service worker's cache. */
  showingKept: boolean;
}

/** First wait before asking the server again, doubling to the longest. */
const PROBE_FIRST_MS = 3_000;
const PROBE_LONGEST_MS = 30_000;

let state: Connectivity = {
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  serverReachable: true,
  showingKept: false,
};
const listeners = new Set<() => void>();
let probeTimer: ReturnType<typeof setTimeout> | null = null;
let probeWait = PROBE_FIRST_MS;
let watching = false;

export function connectivity(): Connectivity {
  return state;
}

/** True while the bar should say «Нет связи». */
export function isOffline(s: Connectivity = state): boolean {
  return !s.browserOnline || !s.serverReachable;
}

export function subscribeConnectivity(fn: () => void): () => void {
  watchBrowser();
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function set(next: Partial<Connectivity>) {
  const merged = { ...state, ...next };
  if (
    merged.browserOnline === state.browserOnline &&
    merged.serverReachable === state.serverReachable &&
    merged.showingKept === state.showingKept
  ) {
    return;
  }
  state = merged;
  for (const fn of listeners) fn();
}

/** What an API call learnt: its answer came from the server, or it did not (null: the network failed). */
export function noteApiAnswer(response: Pick<Response, 'headers' | 'status'> | null): void {
  const kept = response !== null && response.headers.get(OFFLINE_HEADER) !== null;
  const reached = response !== null && !kept && response.status !== 502 && response.status !== 504;
  if (reached) {
    stopProbing();
    set({ serverReachable: true, showingKept: false });
  } else {
    set({ serverReachable: false, ...(kept ? { showingKept: true } : {}) });
    scheduleProbe();
  }
}

function watchBrowser() {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  window.addEventListener('online', () => {
    set({ browserOnline: true });
    // Back on a network: ask at once rather than at the next probe.
    if (!state.serverReachable) {
      probeWait = PROBE_FIRST_MS;
      void probe();
    }
  });
  window.addEventListener('offline', () => set({ browserOnline: false }));
}

function scheduleProbe() {
  if (probeTimer) return;
  probeTimer = setTimeout(() => {
    probeTimer = null;
    void probe();
  }, probeWait);
  probeWait = Math.min(probeWait * 2, PROBE_LONGEST_MS);
}

function stopProbing() {
  if (probeTimer) clearTimeout(probeTimer);
  probeTimer = null;
  probeWait = PROBE_FIRST_MS;
}

async function probe(): Promise<void> {
  let response: Response | null = null;
  try {
    // The worker never answers /api/health from its cache: this reaches the server or fails.
    response = await fetch('/api/health', { cache: 'no-store', credentials: 'omit' });
  } catch {
    response = null;
  }
  noteApiAnswer(response);
}
