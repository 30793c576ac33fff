import type { PushPreferences, PushSubscribeRequest } from '@parta/contracts';
import { and, desc, eq, notInArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { pushPreferences, pushSubscriptions } from '../../db/pushSchema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { getPushPreferences } from './preferences.js';
import { MAX_SUBSCRIPTIONS_PER_PERSON } from './queries.js';
import { canonicalTimeZone } from './quietHours.js';
import { checkEndpoint, checkKeys } from './subscriptionRules.js';

/**
 * «Уведомления на этом устройстве»: keeps this browser's push subscription for the signed-in person, bound to this
 * session (signing out ends it). The same endpoint again replaces its keys, and moves it to whoever is signed in now:
 * one browser, one person's notifications. Past MAX_SUBSCRIPTIONS_PER_PERSON the person's oldest device goes. The
 * device's time zone becomes the person's zone for quiet hours. Everything is checked before anything is written.
 */
export async function subscribePush(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  actor: Actor | null,
  input: PushSubscribeRequest,
): Promise<PushPreferences> {
  requireActor(actor);
  // Tests' and jobs' actors have no session; a subscription must end with one.
  const sessionId = actor.sessionId;
  if (!sessionId) throw new AppError('unauthenticated');
  const endpoint = checkEndpoint(input.endpoint, deps.config.push.testOrigins);
  const keys = checkKeys(input.keys);
  const timeZone = input.timeZone ? canonicalTimeZone(input.timeZone) : null;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(pushSubscriptions)
      .values({ userId: actor.userId, sessionId, endpoint, p256dh: keys.p256dh, auth: keys.auth, createdAt: now })
      .onConflictDoUpdate({
        target: pushSubscriptions.endpoint,
        set: { userId: actor.userId, sessionId, p256dh: keys.p256dh, auth: keys.auth, createdAt: now },
      });
    const keep = tx
      .select({ id: pushSubscriptions.id })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, actor.userId))
      .orderBy(desc(pushSubscriptions.createdAt), desc(pushSubscriptions.id))
      .limit(MAX_SUBSCRIPTIONS_PER_PERSON);
    await tx.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, actor.userId), notInArray(pushSubscriptions.id, keep)));
    if (timeZone) {
      await tx
        .insert(pushPreferences)
        .values({ userId: actor.userId, timeZone, updatedAt: now })
        .onConflictDoUpdate({ target: pushPreferences.userId, set: { timeZone, updatedAt: sql`excluded.updated_at` } });
    }
  });
  return getPushPreferences(deps, actor);
}

/** «Выключить» on this device: forgets this browser's subscription if it is mine (nothing to forget is no error). */
export async function unsubscribePush(deps: Pick<AppDeps, 'db'>, actor: Actor | null, endpoint: string): Promise<void> {
  requireActor(actor);
  await deps.db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, actor.userId)));
}
