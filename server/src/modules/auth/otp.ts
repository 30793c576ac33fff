import type { EventBus } from '../../platform/events/bus.js';
import { randomInt } from 'node:crypto';
import type { OtpPurpose } from '@parta/contracts';
import { and, desc, eq, gt, isNull, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { otpCodes, verificationTickets } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { keyedHash, safeEqual } from '../../lib/secrets.js';
import type { SmsProvider } from '../../platform/sms/provider.js';
import { smsTotal } from '../../observability/metrics.js';
import { findAccountByPhone } from './queries.js';
import {
  assertNoWait, buckets, DAY_MS, HOUR_MS, IP_FAILURES, pruneAttempts, recordAttempt, SMS_PER_DEVICE_PER_HOUR,
  windowWaitSeconds,
} from './throttle.js';
import { issueTicket } from './tickets.js';

/*
 * SMS codes after NIST SP 800-63B §5.1.3 and §5.2.2 and OWASP's authentication cheat sheet. Every limit is counted
 * from the otp_codes and auth_attempts tables (not from process memory), so it holds across server nodes. No limit
 * is keyed by the phone alone in a way a stranger could use up for its owner: wrong codes count per code (5) and
 * per client address; sends per phone are capped, but a stranger at one address spends only part of the cap.
 */

/** A code is valid for 5 minutes: valid while now < sent + 5:00. */
export const OTP_TTL_MS = 5 * 60_000;
/** Wrong tries allowed per code; the next try is refused even with the right code. */
export const OTP_MAX_TRIES = 5;
/** «Запросите ещё один» only after this. */
export const OTP_RESEND_MS = 120_000;
/**
 * SMS to one phone, whoever asks, by default (config SMS_PER_PHONE_PER_HOUR / _PER_DAY): at most 10 an hour and 20 a
 * day. A person needs one or two a day (a new device, a reset); 20 × 5 tries is NIST's 100 guesses a day at most for
 * any one number, and the most a stranger can make the gateway send to someone (harassment, the school's SMS bill).
 */
export const SMS_PER_PHONE = { hour: 10, day: 20 };

/**
 * SMS to one phone asked for from one client address: half of the phone's (5 an hour, 10 a day by default). A
 * stranger at one address spends only this share, so the owner elsewhere still gets a code after the 120 s gap.
 */
export function smsPerPhoneFromOneIp(perPhone: { hour: number; day: number }): { hour: number; day: number } {
  return { hour: Math.ceil(perPhone.hour / 2), day: Math.ceil(perPhone.day / 2) };
}

/**
 * A ledger row written before issue 11 for a wrong password (no longer written: wrong passwords are counted in
 * auth_attempts). Kept so such rows, until pruned, never count as sent codes.
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
  /** SMS sends allowed from one IP address per hour (config.smsPerIpPerHour): a whole school may share one. */
  smsPerIpPerHour: number;
  /** SMS to one number per hour and per day (config; SMS_PER_PHONE when not given). */
  smsPerPhone?: { hour: number; day: number };
  /** Where ended sessions are announced, so their open sockets close. */
  events?: EventBus;
  /** Where a gateway failure is reported for the operator; the person only sees sms_failed. */
  log?: { warn(obj: object, msg: string): void };
}

/** The device cookie as the ledger keeps it (a keyed hash), or null for a request without one. */
function deviceHashOf(secret: string, deviceId: string | undefined): string | null {
  return deviceId ? keyedHash(secret, `device:${deviceId}`) : null;
}

function codeHash(secret: string, phone: string, purpose: OtpPurpose, code: string): string {
  // Bound to the phone and purpose, so a code for one never verifies another.
  return keyedHash(secret, `otp:${phone}:${purpose}:${code}`);
}

/** Rows that stand for an SMS actually sent (not password-failure marks). */
const isSentCode = ne(otpCodes.codeHash, PASSWORD_FAILURE_MARK);

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

/**
 * Seconds until one more sent code fits in a window of `limit` per `windowMs` among the codes `where` selects; 0 when
 * it fits now.
 */
async function sentWaitSeconds(db: DbOrTx, clock: Clock, where: SQL | undefined, limit: number, windowMs: number): Promise<number> {
  const now = clock.now().getTime();
  const [nth] = await db
    .select({ createdAt: otpCodes.createdAt })
    .from(otpCodes)
    .where(and(where, isSentCode, gt(otpCodes.createdAt, new Date(now - windowMs))))
    .orderBy(desc(otpCodes.createdAt))
    .offset(limit - 1)
    .limit(1);
  if (!nth) return 0;
  return Math.max(1, Math.ceil((nth.createdAt.getTime() + windowMs - now) / 1000));
}

/**
 * The longest wait any SMS limit asks of this send: per phone (10/h, 20/day), per phone from this address (5/h,
 * 10/day), per address (config, high: a school's building), per browser at this address (10/h). The last two
 * together: one client behind a school's NAT that keeps its cookie spends at most 10 of the building's share; one
 * that throws its cookie away still meets the per-phone caps and the address's cap, sized for a whole school.
 */
async function smsWaitSeconds(deps: OtpDeps, tx: DbOrTx, phone: string, ip: string, deviceBucket: string | null): Promise<number> {
  const { clock } = deps;
  const perPhone = deps.smsPerPhone ?? SMS_PER_PHONE;
  const fromOneIp = smsPerPhoneFromOneIp(perPhone);
  const waits = await Promise.all([
    sentWaitSeconds(tx, clock, eq(otpCodes.phone, phone), perPhone.hour, HOUR_MS),
    sentWaitSeconds(tx, clock, eq(otpCodes.phone, phone), perPhone.day, DAY_MS),
    sentWaitSeconds(tx, clock, and(eq(otpCodes.phone, phone), eq(otpCodes.ip, ip)), fromOneIp.hour, HOUR_MS),
    sentWaitSeconds(tx, clock, and(eq(otpCodes.phone, phone), eq(otpCodes.ip, ip)), fromOneIp.day, DAY_MS),
    sentWaitSeconds(tx, clock, eq(otpCodes.ip, ip), deps.smsPerIpPerHour, HOUR_MS),
    deviceBucket ? windowWaitSeconds(tx, clock, deviceBucket, { limit: SMS_PER_DEVICE_PER_HOUR, windowMs: HOUR_MS }) : 0,
  ]);
  return Math.max(...waits);
}

/**
 * Sends a new code for (phone, purpose) by SMS — for any number, with or without an account, so the answer never
 * tells which. Refuses with otp_resend_too_soon (details {retryInSeconds}) within 120 s of the last unused code,
 * rate_limited with {retryInSeconds} past an SMS limit (smsWaitSeconds), sms_failed when the gateway refused — in
 * which case the row is removed, so the failed send counts for nothing and a retry may follow at once. Returns the
 * seconds until the next resend.
 */
export async function sendOtp(
  deps: OtpDeps,
  input: { phone: string; purpose: OtpPurpose; ip: string; deviceId?: string | undefined },
): Promise<{ resendInSeconds: number }> {
  const { phone, purpose, ip } = input;
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  const deviceBucket = input.deviceId ? buckets.smsFromDevice(deps.secret, ip, input.deviceId) : null;
  const rowId = await deps.db.transaction(async (tx) => {
    // Serialise checks and insert per phone and per IP across nodes; phone first, then IP, always
    // in that order, so two sends never wait on each other in a cycle.
    await tx.execute(sql`select pg_advisory_xact_lock(7301, hashtext(${phone}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(7302, hashtext(${ip}))`);
    const wait = await resendWaitSeconds(tx, deps.clock, phone, purpose);
    if (wait > 0) throw new AppError('otp_resend_too_soon', { retryInSeconds: wait });
    assertNoWait(await smsWaitSeconds(deps, tx, phone, ip, deviceBucket));
    const now = deps.clock.now();
    const [row] = await tx
      .insert(otpCodes)
      .values({
        phone,
        purpose,
        codeHash: codeHash(deps.secret, phone, purpose, code),
        ip,
        deviceHash: deviceHashOf(deps.secret, input.deviceId),
        expiresAt: new Date(now.getTime() + OTP_TTL_MS),
        createdAt: now,
      })
      .returning({ id: otpCodes.id });
    if (!row) throw new Error('otp row not inserted');
    if (deviceBucket) await recordAttempt(tx, deps.clock, [deviceBucket]);
    return row.id;
  });
  // The SMS goes out after commit: a gateway that takes seconds must not hold the lock.
  try {
    await deps.sms.send(phone, smsText(code));
    smsTotal.inc({ outcome: 'sent' });
  } catch (err) {
    smsTotal.inc({ outcome: 'failed' });
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
  await pruneAttempts(db, clock);
}

/** What a verified code proves: a ticket for the next step, and whether the number has an account. */
export interface VerifiedCode {
  verificationToken: string;
  /** Told only now, to whoever holds the phone: 'new' goes on to sign up, 'existing' to the password. */
  account: 'new' | 'existing';
}

/**
 * Checks a code against the newest one sent for (phone, purpose) that this browser asked for: a stranger elsewhere
 * can neither try nor use up the owner's code (the five tries are the code's, and only its browser spends them),
 * and a code the stranger asks for does not replace the owner's. On success the code is spent and a verification
 * ticket is issued: for a number without an account a 'signup' ticket, whatever the code was asked for (sign-in and
 * «Забыли пароль?» send codes to any number, so a stranger cannot tell the two apart). Refusals: rate_limited with
 * {retryInSeconds} (this client address made too many wrong tries), otp_expired (none sent, already used, or 5:00
 * passed), otp_attempts_exceeded (five wrong tries already), otp_invalid with details {attemptsLeft} (wrong code;
 * counted for the code and for the address).
 */
export async function verifyOtp(
  deps: Pick<OtpDeps, 'db' | 'clock' | 'secret'>,
  input: { phone: string; purpose: OtpPurpose; code: string; ip: string; deviceId?: string | undefined },
): Promise<VerifiedCode> {
  const { phone, purpose, code } = input;
  const deviceHash = deviceHashOf(deps.secret, input.deviceId);
  const ipBucket = buckets.ipFailures(input.ip);
  assertNoWait(await windowWaitSeconds(deps.db, deps.clock, ipBucket, IP_FAILURES));
  const now = deps.clock.now();
  const [row] = await deps.db
    .select()
    .from(otpCodes)
    .where(and(
      eq(otpCodes.phone, phone),
      eq(otpCodes.purpose, purpose),
      isSentCode,
      deviceHash ? eq(otpCodes.deviceHash, deviceHash) : isNull(otpCodes.deviceHash),
    ))
    // A code sent in the same instant as one just used (a used code does not hold back the next)
    // is the newer of the two: unused first on a tie.
    .orderBy(desc(otpCodes.createdAt), sql`${otpCodes.consumedAt} is null desc`)
    .limit(1);
  if (!row || row.consumedAt || row.expiresAt.getTime() <= now.getTime()) throw new AppError('otp_expired');
  if (row.failedAttempts >= OTP_MAX_TRIES) throw new AppError('otp_attempts_exceeded');

  if (!safeEqual(codeHash(deps.secret, phone, purpose, code), row.codeHash)) {
    await recordAttempt(deps.db, deps.clock, [ipBucket]);
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
    const account = (await findAccountByPhone(tx, phone)) ? 'existing' : 'new';
    const ticketPurpose: OtpPurpose = account === 'new' ? 'signup' : purpose;
    return { verificationToken: await issueTicket(tx, deps, { phone, purpose: ticketPurpose }), account };
  });
}

/** What the auth use-cases need: the OTP service's deps (the database, clock, key and SMS). */
export type AuthDeps = OtpDeps;
