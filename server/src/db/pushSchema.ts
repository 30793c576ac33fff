import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { chats } from './chatSchema.js';
import { sessions, users } from './schema.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * A browser's Web Push subscription (one per person per device): where the browser's push service takes messages
 * for it, and the keys its payloads are encrypted to (RFC 8291). Bound to the session that made it, so signing out
 * (or a session ending) stops pushes to that browser: a shared family computer shows nothing of the last person.
 */
export const pushSubscriptions = pgTable('push_subscriptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  sessionId: uuid('session_id').notNull().references(() => sessions.id, { onDelete: 'cascade' }),
  /** The push service's URL for this browser; one browser has one, whoever is signed in on it now. */
  endpoint: text('endpoint').notNull().unique(),
  /** The browser's P-256 public key (65 bytes, base64url) and its 16-byte auth secret (base64url). */
  p256dh: text('p256dh').notNull(),
  auth: text('auth').notNull(),
  createdAt: createdAt(),
}, (t) => [index('push_subscriptions_user_idx').on(t.userId, t.createdAt)]);

/**
 * A person's choices about pushes, once they changed one. Without a row the defaults hold: quiet hours on, 22:00–07:00,
 * for a person who is a student anywhere; off for everyone else.
 */
export const pushPreferences = pgTable('push_preferences', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  /** Null: not chosen yet (the default by role holds). */
  quietEnabled: boolean('quiet_enabled'),
  /** Minutes after midnight, local time; from > to spans midnight (22:00–07:00). */
  quietFrom: integer('quiet_from').notNull().default(22 * 60),
  quietTo: integer('quiet_to').notNull().default(7 * 60),
  /** The IANA zone of the person's device when they last turned pushes on or saved settings. */
  timeZone: text('time_zone'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Which chat each open tab shows while it is visible (the tab says so over its socket): its person gets no push for
 * that chat. One row per socket; the node holding the socket refreshes `seen_at` on a heartbeat and deletes the row
 * when the socket closes, so a crashed node's rows stop counting once they are stale.
 */
export const chatViewers = pgTable('chat_viewers', {
  /** The socket: its node's id and a number. */
  socketId: text('socket_id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  chatId: uuid('chat_id').notNull().references(() => chats.id, { onDelete: 'cascade' }),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
}, (t) => [index('chat_viewers_chat_idx').on(t.chatId, t.userId)]);
