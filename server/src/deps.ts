import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { Clock } from './lib/clock.js';
import type { EventBus } from './platform/events/bus.js';
import type { SmsProvider } from './platform/sms/provider.js';

/**
 * Everything the app needs from outside; tests build their own. Kept apart from `app.ts` so that a
 * use-case importing this type does not import every module through `buildApp`.
 */
export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  sms: SmsProvider;
  events: EventBus;
  /** Key for hashing tokens and codes. */
  secret: string;
}
