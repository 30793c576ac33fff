import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus series (docs/OPERATIONS.md «Metrics»). One registry per process: what it measures (the
 * event loop, sockets, the group-commit writer, the pg pool) belongs to the process, not to one app instance, so
 * modules increment these directly and never need them passed in.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'parta_' });

export const httpDuration = new Histogram({
  name: 'parta_http_request_duration_seconds',
  help: 'HTTP request latency by route pattern (never the raw URL: ids would make a series per chat)',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const openSockets = new Gauge({
  name: 'parta_websockets_open',
  help: 'WebSockets (/api/socket) open on this node',
  registers: [registry],
});

export const groupCommitBatch = new Histogram({
  name: 'parta_group_commit_batch_size',
  help: 'Messages written by one group-commit transaction',
  buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
  registers: [registry],
});

export const groupCommitWait = new Histogram({
  name: 'parta_group_commit_wait_seconds',
  help: 'From a send entering the group-commit queue until its transaction committed',
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const pushesTotal = new Counter({
  name: 'parta_push_total',
  help: 'Web pushes by outcome: sent, gone (the browser unsubscribed), failed (after retries), dropped (queue full)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const smsTotal = new Counter({
  name: 'parta_sms_total',
  help: 'SMS codes handed to the provider, by outcome: sent or failed',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/** The event loop's delay (ms, sampled every 20 ms), reset at each scrape so a scrape sees the interval since the last. */
const loopDelay = monitorEventLoopDelay({ resolution: 20 });
loopDelay.enable();
const loopQuantiles = [0.5, 0.99, 1] as const;
new Gauge({
  name: 'parta_event_loop_delay_seconds',
  help: 'Event-loop delay since the previous scrape, by quantile (1 = the maximum)',
  labelNames: ['quantile'] as const,
  registers: [registry],
  collect() {
    for (const q of loopQuantiles) {
      const ns = q === 1 ? loopDelay.max : loopDelay.percentile(q * 100);
      this.set({ quantile: String(q) }, Number.isFinite(ns) ? ns / 1e9 : 0);
    }
    loopDelay.reset();
  },
});

/** What a pg.Pool tells of itself (PGlite has no pool: one connection in the process). */
export interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const pools = new Set<PoolLike>();
new Gauge({
  name: 'parta_db_pool_connections',
  help: 'PostgreSQL pool connections by state: total, idle, waiting (clients queued for a connection)',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    let total = 0;
    let idle = 0;
    let waiting = 0;
    for (const p of pools) {
      total += p.totalCount;
      idle += p.idleCount;
      waiting += p.waitingCount;
    }
    this.set({ state: 'total' }, total);
    this.set({ state: 'idle' }, idle);
    this.set({ state: 'waiting' }, waiting);
  },
});

/** Counts a pool in `parta_db_pool_connections` until the returned function is called (when it is ended). */
export function watchPool(pool: PoolLike): () => void {
  pools.add(pool);
  return () => void pools.delete(pool);
}
