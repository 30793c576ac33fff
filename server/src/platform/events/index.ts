import type { Config } from '../../config.js';
import { type EventBus, InProcessBus } from './bus.js';

/** In-process on one node; the Redis bus for many nodes arrives with real-time chats. */
export async function createEventBus(_config: Config): Promise<EventBus> {
  return new InProcessBus();
}
