import { z } from 'zod';

/**
 * Web Push (issue 12): notifications on the devices a person allows, through each browser's own push service
 * (RFC 8030), encrypted to the browser's keys (RFC 8291) and signed with the installation's VAPID key (RFC 8292).
 */

/**
 * What every push carries, as the service worker reads it (after the browser decrypts it): shown as a system
 * notification; a click opens `url` (a path of this site). Notifications with the same `tag` replace each other:
 * `chat:<chatId>` for messages (the page's own notifications use the same tag), `lesson:<id>`, `request:<id>`,
 * `news:<postId>`.
 */
export const pushPayload = z.object({
  title: z.string(),
  body: z.string(),
  url: z.string(),
  tag: z.string().optional(),
});
export type PushPayload = z.infer<typeof pushPayload>;

/** GET /push/key: the installation's VAPID public key, the browser's `applicationServerKey` (base64url, 65 bytes). */
export const pushKeyResponse = z.object({ data: z.object({ publicKey: z.string() }) });

/** base64url as browsers write PushSubscription keys (padding tolerated). */
const base64url = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9_-]+={0,2}$/);

/**
 * POST /push/subscriptions: this browser's `PushSubscription.toJSON()` (endpoint and keys), to be told of new
 * messages, calls, decided requests and school news. One per device: the same endpoint again is an update (and,
 * signed in as someone else now, moves to them). The endpoint must be https (the push services of Chrome, Firefox,
 * Safari, Edge); the keys must be a P-256 public key (65 bytes) and a 16-byte secret. A person keeps at most 20
 * devices: a 21st replaces the oldest. Bound to this session: signing out ends it.
 */
export const pushSubscribeRequest = z.object({
  endpoint: z.string().max(2048),
  keys: z.object({ p256dh: base64url(100), auth: base64url(32) }),
  /** The device's IANA time zone (Europe/Moscow): the quiet hours are kept in it. */
  timeZone: z.string().max(64).optional(),
});
export type PushSubscribeRequest = z.infer<typeof pushSubscribeRequest>;

/** DELETE /push/subscriptions: this browser no longer wants pushes (answers ok whether or not it was known). */
export const pushUnsubscribeRequest = z.object({ endpoint: z.string().max(2048) });

/** A time of day, «22:00». */
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/**
 * Quiet hours: no pushes from `from` to `to` (local time of the person's device; `from` after `to` spans midnight).
 * On by default, 22:00–07:00, for a person who is a student in any school — a school expects children not to be
 * woken by a chat; off by default for everyone else. What arrives meanwhile is still in the app, unread.
 */
export const quietHours = z.object({ enabled: z.boolean(), from: timeOfDay, to: timeOfDay });
export type QuietHours = z.infer<typeof quietHours>;

export const pushPreferences = z.object({
  quietHours,
  /** The zone the quiet hours are kept in: the device's when pushes were turned on or settings saved; else Moscow's. */
  timeZone: z.string(),
  /** Whether this session (this browser) has a subscription the server will send to. */
  thisDevice: z.boolean(),
  /** How many devices of mine get pushes. */
  devices: z.number().int(),
});
export type PushPreferences = z.infer<typeof pushPreferences>;
export const pushPreferencesResponse = z.object({ data: pushPreferences });

/** PUT /push/preferences. */
export const updatePushPreferencesRequest = z.object({
  quietHours,
  /** The device's IANA zone; unknown zones are refused (time_zone_invalid). */
  timeZone: z.string().max(64).optional(),
});
export type UpdatePushPreferencesRequest = z.infer<typeof updatePushPreferencesRequest>;

/** PUT /chats/:chatId/mute: «Без звука» (true) or «Включить звук» (false) for me in a chat I am in. */
export const chatMuteRequest = z.object({ muted: z.boolean() });
export const chatMuteResponse = z.object({ data: z.object({ muted: z.boolean() }) });
