import type { Me } from '@parta/contracts';
import { AppError } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import type { AuthDeps } from './otp.js';
import { findAccountByPhone, loadMe } from './queries.js';
import {
  announceSessionsEnded, createSession, isKnownDevice, NO_ACCOUNT_ID, rememberDevice, revokeSession,
} from './sessions.js';
import {
  assertNoWait, backoffWaitSeconds, buckets, clearBucket, countSince, IP_FAILURES, recordAttempt, TICKET_PASSWORD_TRIES,
  windowWaitSeconds,
} from './throttle.js';
import { checkTicket, spendTicket, TICKET_TTL_MS } from './tickets.js';

export interface SignInInput {
  phone: string;
  password: string;
  verificationToken?: string | undefined;
  deviceId: string;
  ip: string;
  userAgent: string | undefined;
  /** The session this browser had, if any: its cookie is about to be overwritten, so it ends. */
  previousSessionToken?: string | undefined;
}

/**
 * ACC-2: sign in with the password. On a device this account has not used, a 'login' ticket for this phone must
 * come with it (otp_required without one, verification_invalid for a bad one).
 *
 * Order of checks, on purpose, cheapest first and the device before the password:
 * - A number without an account answers exactly as one with an account on an unknown device: otp_required without
 *   a ticket, verification_invalid with one (no 'login' ticket is ever issued for it). No user list to read out.
 * - On a device the account has used, the owner with the right password always gets in: no limit a stranger can
 *   fill from elsewhere applies there. Only that device's own wrong tries slow it down (DEVICE_BACKOFF).
 * - Elsewhere only someone who received the SMS code reaches the password; their wrong tries count per client
 *   address (IP_FAILURES, shared with wrong codes) and per ticket (TICKET_PASSWORD_TRIES: five, then a new code).
 * - A look-up that finds no account still runs argon2 on a dummy hash, so the time does not tell either.
 */
export async function signIn(deps: AuthDeps, input: SignInInput): Promise<{ me: Me; sessionToken: string }> {
  const account = await findAccountByPhone(deps.db, input.phone);
  const known = await isKnownDevice(deps, account?.id ?? NO_ACCOUNT_ID, input.deviceId);
  const ipBucket = buckets.ipFailures(input.ip);
  const deviceBucket = buckets.devicePasswordFailures(deps.secret, input.phone, input.deviceId);
  const ticket = known ? undefined : input.verificationToken;
  const ticketBucket = ticket ? buckets.ticketPasswordFailures(deps.secret, ticket) : null;
  if (known) {
    assertNoWait(await backoffWaitSeconds(deps.db, deps.clock, deviceBucket));
  } else {
    if (!ticket || !ticketBucket) throw new AppError('otp_required');
    assertNoWait(await windowWaitSeconds(deps.db, deps.clock, ipBucket, IP_FAILURES));
    await checkTicket(deps.db, deps, { token: ticket, purpose: 'login', phone: input.phone });
    const tries = await countSince(deps.db, deps.clock, ticketBucket, TICKET_TTL_MS);
    if (tries >= TICKET_PASSWORD_TRIES) throw new AppError('otp_attempts_exceeded');
  }
  if (!(await verifyPasswordOrDummy(account?.passwordHash, input.password)) || !account) {
    // The ticket stays unspent: a mistyped password needs no second SMS (up to five times).
    await recordAttempt(deps.db, deps.clock, [ipBucket, known ? deviceBucket : ticketBucket].filter((b) => b !== null));
    throw new AppError('wrong_password');
  }
  if (known) await clearBucket(deps.db, deviceBucket);
  const { sessionToken, ended } = await deps.db.transaction(async (tx) => {
    if (ticket) await spendTicket(tx, deps, { token: ticket, purpose: 'login', phone: input.phone });
    const session = { db: tx, clock: deps.clock, secret: deps.secret };
    // The cookie being replaced may be someone else's session on a shared computer: it ends here.
    const ended = input.previousSessionToken ? await revokeSession(session, input.previousSessionToken) : null;
    const token = await createSession(session, account.id, input.userAgent);
    await rememberDevice(session, account.id, input.deviceId);
    return { sessionToken: token, ended };
  });
  await announceSessionsEnded(deps.events, [ended]);
  const me = await loadMe(deps.db, account.id);
  if (!me) throw new AppError('account_not_found');
  return { me, sessionToken };
}

let dummyHash: Promise<string> | null = null;

/** argon2 against the account's hash, or against a dummy one when there is no account: the same work either way. */
async function verifyPasswordOrDummy(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash) return verifyPassword(passwordHash, password);
  dummyHash ??= hashPassword('parta-dummy-password-never-matches');
  await verifyPassword(await dummyHash, password);
  return false;
}
