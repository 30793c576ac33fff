import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { resolveVapidKeys, type VapidKeys } from '../../db/vapid.js';
import type { AppDeps } from '../../deps.js';
import { PushDispatch } from './dispatch.js';
import { deleteSubscription } from './queries.js';
import { PushSender, type SenderOptions } from './sender.js';

const keysByDb = new WeakMap<Db, Promise<VapidKeys>>();

/** The installation's VAPID keys, read (or made) once per database handle. */
export function vapidKeysOf(deps: Pick<AppDeps, 'db' | 'config'>): Promise<VapidKeys> {
  if (deps.config.push.vapid) return Promise.resolve(deps.config.push.vapid);
  let keys = keysByDb.get(deps.db);
  if (!keys) {
    keys = resolveVapidKeys(deps.db, null);
    // A failed read is tried again next time, not remembered.
    keys.catch(() => keysByDb.delete(deps.db));
    keysByDb.set(deps.db, keys);
  }
  return keys;
}

const running = new WeakMap<AppDeps, PushDispatch>();

/** Starts this app's push sending: the dispatcher hears the bus, the sender talks to push services. */
export function startPush(deps: AppDeps, log: FastifyBaseLogger, options: Partial<SenderOptions> = {}): PushDispatch {
  const sender = new PushSender(
    () => vapidKeysOf(deps),
    deps.config.push.subject,
    (subscriptionId) => deleteSubscription(deps.db, subscriptionId),
    log,
    options,
  );
  const dispatch = new PushDispatch(deps, sender, log);
  dispatch.start();
  running.set(deps, dispatch);
  return dispatch;
}

/** The push dispatcher of the app built with these deps (tests wait for it to settle). */
export function pushDispatchOf(deps: AppDeps): PushDispatch {
  const dispatch = running.get(deps);
  if (!dispatch) throw new Error('push is not running for these deps');
  return dispatch;
}
