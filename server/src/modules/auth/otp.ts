import type { EventBus } from '../../platform/events/bus.js';
import { randomInt } from 'node:crypto';
import type { OtpPurpose } from '@parta/contracts';
import { and, desc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { otpCodes, verificationTickets } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { keyedHash, safeEqual } from '../../lib/secrets.js';
import type { SmsProvider } from '../../platform/sms/provider.js';
import { issueTicket } from './tickets.js';

/*
 * SMS codes after NIST SP 800-63B §5.1.3 and OWASP's authentication cheat sheet. Every limit is
 * counted from the otp_codes table (not from process memory), so it holds across server nodes.
 */

/** A code is valid for 5 minutes: valid while now < sent + 5:00. */
export const OTP_TTL_MS = 5 * 60_000;
/** Wrong tries allowed per code; the next try is refused even with the right code. */
export const OTP_MAX_TRIES = 5;
/** «Запросите ещё один» only after this. */
export const OTP_RESEND_MS = 120_000;
/** Failed attempts (wrong codes and wrong passwords together) per phone per rolling hour. */
export const PHONE_FAILURES_PER_HOUR = 100;
const HOUR_MS = 3600_000;

/**
 * A ledger row that records a wrong password rather than a sent code. The failure limit sums
 * both; a keyed hash is 43 base64url characters, so this mark never matches a code.
 */
export const PASSWORD_FAILURE_MARK = 'password-failure';

/** The text of the SMS: the code first (phones show it in the notification), and a warning. */
export function smsText(code: string): string {
  return `Код Parta: ${code}. Никому не сообщайте его.`;
}

export interface OtpDeps {
  db: Db;
  clock: Clock;
  secret: string;
  sms: SmsProvider;
  /** SMS sends allowed from one IP address per hour (config.smsPerIpPerHour). */
  smsPerIpPerHour: number;
  /** Where ended sessions are announced, so their open sockets close. */
  events?: EventBus;
  /** Where a gateway failure is reported for the operator; the person only sees sms_failed. */
  log?: { warn(obj: object, msg: string): void };
}

function codeHash(secret: string, phone: string, purpose: OtpPurpose, code: string): string {
  // Bound to the phone and purpose, so a code for one never verifies another.
  return keyedHash(secret, `otp:${phone}:${purpose}:${code}`);
}

/** Rows that stand for an SMS actually sent (not password-failure marks). */
const isSentCode = ne(otpCodes.codeHash, PASSWORD_FAILURE_MARK);

/** Failed attempts for this phone in the hour before now, counted by the time of each ledger row. */
export async function failuresInLastHour(db: DbOrTx, clock: Clock, phone: string): Promise<number> {
  const since = new Date(clock.now().getTime() - HOUR_MS);
  const [row] = await db
    .select({ n: sql<string | number | null>`coalesce(sum(${otpCodes.failedAttempts}), 0)` })
    .from(otpCodes)
    .where(and(eq(otpCodes.phone, phone), gt(otpCodes.createdAt, since)));
  return Number(row?.n ?? 0);
}

/** Refuses with rate_limited while the phone has used up its failed attempts for the hour. */
export async function assertPhoneNotLocked(db: DbOrTx, clock: Clock, phone: string): Promise<void> {
  if ((await failuresInLastHour(db, clock, phone)) >= PHONE_FAILURES_PER_HOUR) throw new AppError('rate_limited');
}

/**
 * Seconds until another code for (phone, purpose) may be sent; 0 when one may be sent now.
 * A code already used does not hold the next one back: whoever used it has the phone.
 */
export async function resendWaitSeconds(db: DbOrTx, clock: Clock, phone: string, purpose: OtpPurpose): Promise<number> {
  const now = clock.now().getTime();
  const [last] = await db
    .select({ createdAt: otpCodes.createdAt })
    .from(otpCodes)
    .where(and(
      eq(otpCodes.phone, phone),
      eq(otpCodes.purpose, purpose),
      isSentCode,
      isNull(otpCodes.consumedAt),
      gt(otpCodes.createdAt, new Date(now - OTP_RESEND_MS)),
    ))
    .orderBy(desc(otpCodes.createdAt))
    .limit(1);
  if (!last) return 0;
  return Math.max(0, Math.ceil((last.createdAt.getTime() + OTP_RESEND_MS - now) / 1000));
}

async function sentFromIpInLastHour(db: DbOrTx, clock: Clock, ip: string): Promise<number> {
  const since = new Date(clock.now().getTime() - HOUR_MS);
  const [row] = await db
    .select({ n: sql<string | number>`count(*)` })
    .from(otpCodes)
    .where(and(eq(otpCodes.ip, ip), isSentCode, gt(otpCodes.createdAt, since)));
  return Number(row?.n ?? 0);
}

/**
 * Sends a new code for (phone, purpose) by SMS. Refuses with otp_resend_too_soon (details
 * {retryInSeconds}) within 120 s of the last unused code, rate_limited when the phone is locked
 * by failures or the IP address has sent its hourly share, sms_failed when the gateway refused —
 * in which case the row is removed, so the failed send counts for nothing and a retry may follow
 * at once. Returns the seconds until the next resend.
 */
export async function sendOtp(
  deps: OtpDeps,
  input: { phone: string; purpose: OtpPurpose; ip: string },
): Promise<{ resendInSeconds: number }> {
  const { phone, purpose, ip } = input;
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  const rowId = await deps.db.transaction(async (tx) => {
    // Serialise checks and insert per phone and per IP across nodes; phone first, then IP, always
    // in that order, so two sends never wait on each other in a cycle.
    await tx.execute(sql`select pg_advisory_xact_lock(7301, hashtext(${phone}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(7302, hashtext(${ip}))`);
    await assertPhoneNotLocked(tx, deps.clock, phone);
    const wait = await resendWaitSeconds(tx, deps.clock, phone, purpose);
    if (wait > 0) throw new AppError('otp_resend_too_soon', { retryInSeconds: wait });
    if ((await sentFromIpInLastHour(tx, deps.clock, ip)) >= deps.smsPerIpPerHour) throw new AppError('rate_limited');
    const now = deps.clock.now();
    const [row] = await tx
      .insert(otpCodes)
      .values({
        phone,
        purpose,
        codeHash: codeHash(deps.secret, phone, purpose, code),
        ip,
        expiresAt: new Date(now.getTime() + OTP_TTL_MS),
        createdAt: now,
      })
      .returning({ id: otpCodes.id });
    if (!row) throw new Error('otp row not inserted');
    return row.id;
  });
  // The SMS goes out after commit: a gateway that takes seconds must not hold the lock.
  try {
    await deps.sms.send(phone, smsText(code));
  } catch (err) {
    await deps.db.delete(otpCodes).where(eq(otpCodes.id, rowId));
    deps.log?.warn({ err, purpose }, 'SMS could not be sent');
    throw new AppError('sms_failed');
  }
  await pruneLedger(deps.db, deps.clock);
  return { resendInSeconds: OTP_RESEND_MS / 1000 };
}

/** Rows older than this are past every limit's window and every ticket's life. */
export const LEDGER_KEEP_MS = 24 * HOUR_MS;

/**
 * Drops codes and tickets older than a day, so the tables hold about one day of traffic.
 * Done on each send: the limits look back one hour at most, so nothing they count is lost.
 */
export async function pruneLedger(db: DbOrTx, clock: Clock): Promise<void> {
  const cutoff = new Date(clock.now().getTime() - LEDGER_KEEP_MS);
  await db.delete(otpCodes).where(lt(otpCodes.createdAt, cutoff));
  await db.delete(verificationTickets).where(lt(verificationTickets.expiresAt, cutoff));
}

/**
 * Checks a code against the newest one sent for (phone, purpose). On success the code is spent
 * and a verification ticket is issued (its raw token returned). Refusals: rate_limited (phone
 * locked), otp_expired (none sent, already used, or 5:00 passed), otp_attempts_exceeded (five wrong
 * tries already), otp_invalid with details {attemptsLeft} (wrong code; counted).
 */
export async function verifyOtp(
  deps: Pick<OtpDeps, 'db' | 'clock' | 'secret'>,
  input: { phone: string; purpose: OtpPurpose; code: string },
): Promise<string> {
  const { phone, purpose, code } = input;
  await assertPhoneNotLocked(deps.db, deps.clock, phone);
  const now = deps.clock.now();
  const [row] = await deps.db
    .select()
    .from(otpCodes)
    .where(and(eq(otpCodes.phone, phone), eq(otpCodes.purpose, purpose), isSentCode))
    // A code sent in the same instant as one just used (a used code does not hold back the next)
    // is the newer of the two: unused first on a tie.
    .orderBy(desc(otpCodes.createdAt), sql`${otpCodes.consumedAt} is null desc`)
    .limit(1);
  if (!row || row.consumedAt || row.expiresAt.getTime() <= now.getTime()) throw new AppError('otp_expired');
  if (row.failedAttempts >= OTP_MAX_TRIES) throw new AppError('otp_attempts_exceeded');

  if (!safeEqual(codeHash(deps.secret, phone, purpose, code), row.codeHash)) {
    // Counted in the database with a guard, so parallel guesses cannot exceed the five tries.
    const [counted] = await deps.db
      .update(otpCodes)
      .set({ failedAttempts: sql`${otpCodes.failedAttempts} + 1` })
      .where(and(eq(otpCodes.id, row.id), lt(otpCodes.failedAttempts, OTP_MAX_TRIES)))
      .returning({ failedAttempts: otpCodes.failedAttempts });
    if (!counted) throw new AppError('otp_attempts_exceeded');
    throw new AppError('otp_invalid', { attemptsLeft: OTP_MAX_TRIES - counted.failedAttempts });
  }

  return deps.db.transaction(async (tx) => {
    // Spent in one guarded update: two requests with the same code cannot both pass.
    const [spent] = await tx
      .update(otpCodes)
      .set({ consumedAt: now })
      .where(and(
        eq(otpCodes.id, row.id),
        isNull(otpCodes.consumedAt),
        lt(otpCodes.failedAttempts, OTP_MAX_TRIES),
        gt(otpCodes.expiresAt, now),
      ))
      .returning({ id: otpCodes.id });
    if (!spent) throw new AppError('otp_expired');
    return issueTicket(tx, deps, { phone, purpose });
  });
}

/**
 * A wrong password counts toward the same hourly limit as wrong codes (one budget of 100 per
 * phone), written as a ledger row that never counts as a sent SMS.
 */
export async function recordPasswordFailure(
  deps: Pick<OtpDeps, 'db' | 'clock'>,
  input: { phone: string; ip: string },
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.insert(otpCodes).values({
    phone: input.phone,
    purpose: 'login',
    codeHash: PASSWORD_FAILURE_MARK,
    ip: input.ip,
    failedAttempts: 1,
    expiresAt: now,
    consumedAt: now,
    createdAt: now,
  });
}

/** What the auth use-cases need: the OTP service's deps (the database, clock, key and SMS). */
export type AuthDeps = OtpDeps;
