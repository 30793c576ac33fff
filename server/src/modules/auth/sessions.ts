import { and, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { knownDevices, memberships, sessions, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { keyedHash, newToken } from '../../lib/secrets.js';
import type { EventBus } from '../../platform/events/bus.js';
import { cleanText } from '../../lib/storableText.js';
import type { Actor } from '../../policy/actor.js';

/** Sessions last on a device until «Выйти» (ACC-4); the expiry slides forward on use. */
export const SESSION_TTL_MS = 180 * 24 * 3600 * 1000;
/** The last-seen time is refreshed at most this often, so reads stay reads. */
const TOUCH_EVERY_MS = 24 * 3600 * 1000;

export const SESSION_COOKIE = 'parta_session';
export const DEVICE_COOKIE = 'parta_device';

export interface SessionDeps {
  db: DbOrTx;
  clock: Clock;
  secret: string;
}

/** Makes a session; returns the raw token for the cookie (only its hash is stored). */
export async function createSession(deps: SessionDeps, userId: string, userAgent: string | undefined): Promise<string> {
  const token = newToken();
  const now = deps.clock.now();
  await deps.db.insert(sessions).values({
    tokenHash: keyedHash(deps.secret, token),
    userId,
    // A header is data here: cleaned like typed text (and after the cut, which may split a surrogate pair).
    userAgent: userAgent === undefined ? null : cleanText(userAgent.slice(0, 300)),
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    lastSeenAt: now,
  });
  return token;
}

/** A session that ended: its open sockets must close (see announceSessionsEnded). */
export interface EndedSession {
  userId: string;
  /** Absent: every session of the person ended (a password reset). */
  sessionId?: string;
}

/** Ends one session; returns it, or null when the token named none. */
export async function revokeSession(deps: SessionDeps, token: string): Promise<EndedSession | null> {
  const [row] = await deps.db
    .delete(sessions)
    .where(eq(sessions.tokenHash, keyedHash(deps.secret, token)))
    .returning({ sessionId: sessions.id, userId: sessions.userId });
  return row ?? null;
}

export async function revokeAllSessions(deps: SessionDeps, userId: string): Promise<EndedSession> {
  await deps.db.delete(sessions).where(eq(sessions.userId, userId));
  return { userId };
}

/**
 * After commit: tells every node to close the sockets of ended sessions, so a signed-out tab (a school's
 * shared computer) stops receiving the person's messages at once. `session.ended` is handled by the
 * gateway itself and never sent to a browser.
 */
export async function announceSessionsEnded(events: EventBus | undefined, ended: (EndedSession | null)[]): Promise<void> {
  if (!events) return;
  for (const e of ended) {
    if (e) await events.publish(`user:${e.userId}`, { type: 'session.ended', ...(e.sessionId ? { sessionId: e.sessionId } : {}) });
  }
}

/** The actor behind a session token, or null when the token is unknown or expired. Two queries. */
export async function loadActor(deps: SessionDeps, token: string): Promise<Actor | null> {
  const now = deps.clock.now();
  const tokenHash = keyedHash(deps.secret, token);
  const [row] = await deps.db
    .select({ sessionId: sessions.id, userId: users.id, isOperator: users.isOperator, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await deps.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) })
      .where(eq(sessions.id, row.sessionId));
  }
  const ms = await deps.db
    .select({ schoolId: memberships.schoolId, role: memberships.role, classId: memberships.classId })
    .from(memberships)
    .where(eq(memberships.userId, row.userId));
  return { userId: row.userId, sessionId: row.sessionId, isOperator: row.isOperator, memberships: ms };
}

/** Remembers a device so the next sign-in on it needs no SMS code. */
export async function rememberDevice(deps: SessionDeps, userId: string, deviceId: string): Promise<void> {
  await deps.db
    .insert(knownDevices)
    .values({ userId, deviceHash: keyedHash(deps.secret, deviceId) })
    .onConflictDoNothing();
}

/** An id no account has: a look-up for a number without an account costs the same query as one with. */
export const NO_ACCOUNT_ID = '00000000-0000-0000-0000-000000000000';

export async function isKnownDevice(deps: SessionDeps, userId: string, deviceId: string | undefined): Promise<boolean> {
  if (!deviceId) return false;
  const [row] = await deps.db
    .select({ userId: knownDevices.userId })
    .from(knownDevices)
    .where(and(eq(knownDevices.userId, userId), eq(knownDevices.deviceHash, keyedHash(deps.secret, deviceId))))
    .limit(1);
  return !!row;
}
