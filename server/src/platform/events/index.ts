import type { Config } from '../../config.js';
import { type EventBus, InProcessBus } from './bus.js';
import { RedisBus } from './redisBus.js';

/** In-process on one node; with REDIS_URL every node shares events through Redis pub/sub. */
export async function createEventBus(config: Config, onError: (err: unknown) => void = (err) => console.error('event bus:', err)): Promise<EventBus> {
  if (config.redisUrl) return RedisBus.connect(config.redisUrl, onError);
  return new InProcessBus();
}
