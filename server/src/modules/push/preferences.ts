import type { PushPreferences, UpdatePushPreferencesRequest } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { pushPreferences } from '../../db/pushSchema.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { deviceCounts, preferenceRowOf, quietRuleOf } from './queries.js';
import { canonicalTimeZone, presentQuietHours, toMinutes } from './quietHours.js';

/** «Уведомления»: my quiet hours (the default by role until I choose), their zone, and my devices. */
export async function getPushPreferences(deps: Pick<AppDeps, 'db' | 'config'>, actor: Actor | null): Promise<PushPreferences> {
  requireActor(actor);
  const [row, counts] = await Promise.all([preferenceRowOf(deps.db, actor.userId), deviceCounts(deps.db, actor.userId, actor.sessionId)]);
  const rule = quietRuleOf(row, deps.config.push.timeZone);
  return { quietHours: presentQuietHours(rule), timeZone: rule.timeZone, ...counts };
}

/** Saves my quiet hours (and my device's zone, when it says one); from = to means never quiet. */
export async function updatePushPreferences(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  actor: Actor | null,
  input: UpdatePushPreferencesRequest,
): Promise<PushPreferences> {
  requireActor(actor);
  const timeZone = input.timeZone ? canonicalTimeZone(input.timeZone) : undefined;
  const values = {
    quietEnabled: input.quietHours.enabled,
    quietFrom: toMinutes(input.quietHours.from),
    quietTo: toMinutes(input.quietHours.to),
    updatedAt: deps.clock.now(),
    ...(timeZone ? { timeZone } : {}),
  };
  await deps.db
    .insert(pushPreferences)
    .values({ userId: actor.userId, ...values })
    .onConflictDoUpdate({ target: pushPreferences.userId, set: values });
  return getPushPreferences(deps, actor);
}
