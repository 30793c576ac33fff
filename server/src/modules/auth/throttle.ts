import { and, count, desc, eq, gt, lt, max } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { authAttempts } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { keyedHash } from '../../lib/secrets.js';

/*
 * Sign-in throttling after NIST SP 800-63B §5.2.2 and OWASP ASVS 2.2: every limit is keyed by what the one trying
 * controls — the client's address, the device cookie, or the phone together with that device — never by the phone
 * alone in a way a stranger could spend for its owner. Past a limit the answer is rate_limited with the seconds to
 * wait (and a Retry-After header); nothing locks for an hour.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Wrong codes and wrong passwords from one client address per 15 minutes, whichever accounts they were for (a second
 * account gets no fresh budget). A school behind one address: a class of 30 signing in with a typo or two each stays
 * well inside; a stranger guessing codes gets 100 tries in 15 minutes, each worth one in a million.
 */
export const IP_FAILURES = { limit: 100, windowMs: 15 * MINUTE_MS };

/**
 * Wrong passwords allowed on one sign-in ticket (a device the account has not used, confirmed by an SMS code), like
 * the five wrong tries of a code; then a new code is needed. With at most 20 SMS a day to a number, that is NIST's
 * 100 guesses a day at most — and nothing is counted per phone, so nobody can use the phone's budget up for its
 * owner: the owner's own new code brings its own five tries.
 */
export const TICKET_PASSWORD_TRIES = 5;

/**
 * On a device the account has used: wrong passwords there cost nothing for the first 5 in an hour, then each further
 * try waits 30 s, 1 min, 2 min… up to 15 min after the last. Only that device (a shared school computer) slows down;
 * the owner's own devices never do.
 */
export const DEVICE_BACKOFF = { free: 5, baseMs: 30_000, maxMs: 15 * MINUTE_MS, lookbackMs: HOUR_MS };

/** SMS asked for from one browser (device cookie) at one address per hour: a person's sign-in and a reset or two. */
export const SMS_PER_DEVICE_PER_HOUR = 10;

/** Bucket names. The device cookie is kept only as a keyed hash, like everywhere else. */
export const buckets = {
  ipFailures: (ip: string) => `fail:ip:${ip}`,
  ticketPasswordFailures: (secret: string, ticket: string) => `fail:ticket:${keyedHash(secret, `ticket:${ticket}`)}`,
  devicePasswordFailures: (secret: string, phone: string, deviceId: string) =>
    `fail:device:${phone}:${keyedHash(secret, `device:${deviceId}`)}`,
  smsFromDevice: (secret: string, ip: string, deviceId: string) => `sms:device:${ip}:${keyedHash(secret, `device:${deviceId}`)}`,
};

/** Writes one event into each bucket, at the clock's now. */
export async function recordAttempt(db: DbOrTx, clock: Clock, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const createdAt = clock.now();
  await db.insert(authAttempts).values(names.map((bucket) => ({ bucket, createdAt })));
}

/** Forgets a bucket: a right password on a device ends that device's backoff. */
export async function clearBucket(db: DbOrTx, bucket: string): Promise<void> {
  await db.delete(authAttempts).where(eq(authAttempts.bucket, bucket));
}

/**
 * Seconds until one more event fits in a sliding window of `limit` per `windowMs`; 0 when it fits now. The wait ends
 * when the `limit`-th newest event leaves the window.
 */
export async function windowWaitSeconds(
  db: DbOrTx,
  clock: Clock,
  bucket: string,
  window: { limit: number; windowMs: number },
): Promise<number> {
  const now = clock.now().getTime();
  const [nth] = await db
    .select({ createdAt: authAttempts.createdAt })
    .from(authAttempts)
    .where(and(eq(authAttempts.bucket, bucket), gt(authAttempts.createdAt, new Date(now - window.windowMs))))
    .orderBy(desc(authAttempts.createdAt))
    .offset(window.limit - 1)
    .limit(1);
  if (!nth) return 0;
  return Math.max(1, Math.ceil((nth.createdAt.getTime() + window.windowMs - now) / 1000));
}

/** Events in a bucket within the last `windowMs`. */
export async function countSince(db: DbOrTx, clock: Clock, bucket: string, windowMs: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(authAttempts)
    .where(and(eq(authAttempts.bucket, bucket), gt(authAttempts.createdAt, new Date(clock.now().getTime() - windowMs))));
  return Number(row?.n ?? 0);
}

/** Seconds a device must wait before its next password try (DEVICE_BACKOFF); 0 when it may try now. */
export async function backoffWaitSeconds(db: DbOrTx, clock: Clock, bucket: string): Promise<number> {
  const now = clock.now().getTime();
  const [row] = await db
    .select({ n: count(), last: max(authAttempts.createdAt) })
    .from(authAttempts)
    .where(and(eq(authAttempts.bucket, bucket), gt(authAttempts.createdAt, new Date(now - DEVICE_BACKOFF.lookbackMs))));
  const n = Number(row?.n ?? 0);
  if (n < DEVICE_BACKOFF.free || !row?.last) return 0;
  const waitMs = Math.min(DEVICE_BACKOFF.baseMs * 2 ** (n - DEVICE_BACKOFF.free), DEVICE_BACKOFF.maxMs);
  const last = new Date(row.last).getTime();
  return Math.max(0, Math.ceil((last + waitMs - now) / 1000));
}

/** rate_limited with the wait, said in the body (retryInSeconds, for the UI) and the Retry-After header. */
export function assertNoWait(seconds: number): void {
  if (seconds > 0) throw new AppError('rate_limited', { retryInSeconds: seconds });
}

/** Drops events older than a day: no window looks back further. */
export async function pruneAttempts(db: DbOrTx, clock: Clock): Promise<void> {
  await db.delete(authAttempts).where(lt(authAttempts.createdAt, new Date(clock.now().getTime() - DAY_MS)));
}
