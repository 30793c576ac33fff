import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import type { Db } from '../db/client.js';

/** A check longer than this counts as a failure: a load balancer asks every few seconds and must not queue up. */
const CHECK_TIMEOUT_MS = 2_000;

export interface ReadinessReport {
  ok: boolean;
  /** Each dependency: 'ok', or why not. Redis only when REDIS_URL is set. */
  checks: Record<string, string>;
}

/**
 * Readiness (`GET /api/ready`): can this node serve? It asks the database for `select 1` and, with REDIS_URL, Redis for
 * PING on a connection of its own (the event bus's connections queue commands while Redis is away, which would hang
 * the check instead of failing it).
 */
export class Readiness {
  private redis: Redis | null = null;

  constructor(private readonly db: Db, private readonly redisUrl: string | undefined) {}

  async check(): Promise<ReadinessReport> {
    const checks: Record<string, string> = {};
    const probes: [string, () => Promise<unknown>][] = [['database', () => this.db.execute(sql`select 1`)]];
    if (this.redisUrl) probes.push(['redis', () => this.pingRedis()]);
    await Promise.all(
      probes.map(async ([name, probe]) => {
        checks[name] = await withTimeout(probe()).then(() => 'ok', (err: unknown) => describe(err));
      }),
    );
    return { ok: Object.values(checks).every((c) => c === 'ok'), checks };
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
    this.redis = null;
  }

  private async pingRedis(): Promise<void> {
    const redis = this.redisClient();
    if (redis.status !== 'ready') {
      // The first check, or one after Redis came back: wait for the connection (or its failure), bounded by the timeout.
      await new Promise<void>((resolve, reject) => {
        const done = (err?: Error) => {
          redis.off('ready', done);
          redis.off('error', done);
          if (err) reject(err);
          else resolve();
        };
        redis.on('ready', done);
        redis.on('error', done);
      });
    }
    await redis.ping();
  }

  private redisClient(): Redis {
    // No offline queue and no retries per command: an unreachable Redis fails the PING at once; it reconnects itself.
    if (!this.redis) {
      this.redis = new Redis(this.redisUrl as string, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: CHECK_TIMEOUT_MS,
        retryStrategy: () => 1_000,
      });
      this.redis.on('error', () => undefined);
      this.redis.connect().catch(() => undefined);
    }
    return this.redis;
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const describe = (err: unknown): string => (err instanceof Error ? err.message || err.name : String(err)).slice(0, 200);
