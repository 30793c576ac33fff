import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';

const WINDOW_SECONDS = 60;
/** The counter counts past a school's limit up to this (refused sends count too: a flood stays refused). */
const CEILING = 100_000;

/**
 * SAFE-1 flood control: messages per person per chat per minute, the school's «messagesPerMinute» (20 by default).
 * The same store as the request budgets (http/rateLimit.ts, realtime/frameLimits.ts): memory on one node, Redis with
 * REDIS_URL so that every node shares the count. One counter per person and chat in fixed one-minute windows; the
 * limit is the school's, read with the send's other checks, so changing it takes effect at once.
 */
export class FloodLimits {
  private constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly redis: Redis | null,
    /** RATE_LIMIT_SCALE: tests seeding at machine speed raise it; 0 turns every limit off. */
    private readonly scale: number,
  ) {}

  static create(config: Config): FloodLimits {
    const scale = config.rateLimits.scale;
    if (!config.redisUrl) return new FloodLimits(memory(), null, scale);
    const redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    const limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'parta:chat-flood',
      points: CEILING,
      duration: WINDOW_SECONDS,
      // Redis away: this node's own count, rather than no limit or a refused chat.
      insuranceLimiter: memory(),
    });
    return new FloodLimits(limiter, redis, scale);
  }

  /** Resolves once Redis answers (or at once without it): the app waits for it at start, so no send counts apart. */
  async ready(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      redis.once('ready', done);
      // Redis away at start: the node starts anyway, counting alone until it is back.
      setTimeout(done, 3000).unref();
    });
  }

  /** Counts one message; null when allowed, else the seconds to wait. */
  async take(userId: string, chatId: string, perMinute: number): Promise<number | null> {
    if (this.scale === 0) return null;
    const limit = Math.max(1, Math.round(perMinute * this.scale));
    try {
      const res = await this.limiter.consume(`${userId}:${chatId}`);
      return res.consumedPoints > limit ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : null;
    } catch (err) {
      // Past the ceiling (a script): still a wait, not an error.
      if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      return null;
    }
  }

  close(): void {
    this.redis?.disconnect();
  }
}

function memory(): RateLimiterMemory {
  return new RateLimiterMemory({ keyPrefix: 'chat-flood', points: CEILING, duration: WINDOW_SECONDS });
}

const registry = new WeakMap<Config, FloodLimits>();

/** One limiter per app configuration in this process (tests build several apps, each with its own config). */
export function floodLimitsFor(config: Config): FloodLimits {
  let f = registry.get(config);
  if (!f) {
    f = FloodLimits.create(config);
    registry.set(config, f);
  }
  return f;
}

/** On app close: the Redis connection goes with it. */
export function closeFloodLimits(config: Config): void {
  registry.get(config)?.close();
  registry.delete(config);
}
