import type { PushPayload } from '@parta/contracts';
import type { EventBus } from '../../platform/events/bus.js';

/** The bus room of pushes asked for directly (no socket is ever in it). */
export const PUSH_ROOM = 'push';

/**
 * Pushes `payload` to these people's devices (outside their quiet hours): the way for a use-case whose event has no
 * push of its own yet — a new assignment or mark (the parents and homework work) calls this after its commit:
 *
 *   await notifyByPush(deps.events, studentAndParentIds, { title: 'Новое задание', body: glance(task.title),
 *     url: `/homework/${task.id}`, tag: `homework:${task.id}` });
 *
 * It only publishes on the bus; the node it was called on sends (each push once however many nodes run), off the
 * request path. Keep `body` short (payloads.ts `glance`), `url` a path of this site, `tag` `<kind>:<id>`.
 */
export async function notifyByPush(events: EventBus, userIds: string[], payload: PushPayload): Promise<void> {
  if (userIds.length === 0) return;
  await events.publish(PUSH_ROOM, { type: 'push.notify', userIds: [...new Set(userIds)], payload });
}
