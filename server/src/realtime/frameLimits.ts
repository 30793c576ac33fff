import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config.js';

/** Both budgets are counted in windows of this many seconds. */
const WINDOW_SECONDS = 10;
export const FRAME_WINDOW_MS = WINDOW_SECONDS * 1000;

/**
 * Per-person budgets for what the browser sends over its sockets (all their tabs and devices together; with REDIS_URL
 * across every node, otherwise per node). `frames` counts every frame and is checked before one is even parsed;
 * `messages` counts chat messages (`send`, `lesson.chat`), which each write to the database and reach a whole chat.
 */
export class FrameLimits {
  private constructor(
    private readonly frames: RateLimiterAbstract,
    private readonly messages: RateLimiterAbstract,
    private readonly redis: Redis | null,
  ) {}

  static create(config: Config): FrameLimits {
    const { framesPer10s, messagesPer10s } = config.socketLimits;
    if (!config.redisUrl) {
      return new FrameLimits(memory('frames', framesPer10s), memory('messages', messagesPer10s), null);
    }
    // Offline queue off: while Redis is away a frame is judged by this node's own count (the insurance) at once,
    // rather than waiting for a reconnect.
    const redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    const shared = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `parta:socket-${name}`,
        points,
        duration: WINDOW_SECONDS,
        // A person past the budget is refused here without asking Redis again until the window ends.
        inMemoryBlockOnConsumed: points,
        inMemoryBlockDuration: WINDOW_SECONDS,
        insuranceLimiter: memory(name, points),
      });
    return new FrameLimits(shared('frames', framesPer10s), shared('messages', messagesPer10s), redis);
  }

  /** True while the person is within their frame budget; takes one frame from it. */
  takeFrame(userId: string): Promise<boolean> {
    return take(this.frames, userId);
  }

  /** True while the person is within their message budget; takes one message from it. */
  takeMessage(userId: string): Promise<boolean> {
    return take(this.messages, userId);
  }

  close(): void {
    this.redis?.disconnect();
  }
}

function memory(name: string, points: number): RateLimiterMemory {
  return new RateLimiterMemory({ keyPrefix: `socket-${name}`, points, duration: WINDOW_SECONDS });
}

async function take(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (err) {
    if (err instanceof RateLimiterRes) return false;
    // The store failed with no insurance left: a limit must not take the chat down.
    return true;
  }
}
