import type { Me } from '@parta/contracts';
import { AppError } from '../../lib/errors.js';
import { verifyPassword } from '../../lib/passwords.js';
import { assertPhoneNotLocked, type AuthDeps, recordPasswordFailure } from './otp.js';
import { findAccountByPhone, loadMe } from './queries.js';
import { announceSessionsEnded, createSession, isKnownDevice, rememberDevice, revokeSession } from './sessions.js';
import { checkTicket, spendTicket } from './tickets.js';

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
 * ACC-2: sign in with the password. On a device this account has not used, a 'login' ticket for
 * this phone must come with it (otp_required without one, verification_invalid for a bad one).
 *
 * Order of checks, on purpose: the device comes BEFORE the password. From an unknown device
 * without the SMS code the answer is otp_required whatever the password, so the endpoint is
 * never an oracle for guessing passwords: only someone holding the phone (or a device the
 * person used) ever learns whether a password is right. A wrong password is then counted
 * against the phone's hourly budget of 100 failures, shared with wrong SMS codes.
 */
export async function signIn(deps: AuthDeps, input: SignInInput): Promise<{ me: Me; sessionToken: string }> {
  const account = await findAccountByPhone(deps.db, input.phone);
  if (!account) throw new AppError('account_not_found');
  await assertPhoneNotLocked(deps.db, deps.clock, input.phone);
  const known = await isKnownDevice(deps, account.id, input.deviceId);
  const ticket = known ? undefined : input.verificationToken;
  if (!known) {
    if (!ticket) throw new AppError('otp_required');
    await checkTicket(deps.db, deps, { token: ticket, purpose: 'login', phone: input.phone });
  }
  if (!(await verifyPassword(account.passwordHash, input.password))) {
    await recordPasswordFailure(deps, { phone: input.phone, ip: input.ip });
    // The ticket stays unspent: a mistyped password needs no second SMS.
    throw new AppError('wrong_password');
  }
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
