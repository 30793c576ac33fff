import type { Me } from '@parta/contracts';
import { AppError } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import type { AuthDeps } from './otp.js';
import { findAccountByPhone, loadMe, setPasswordHash } from './queries.js';
import { assertStrongPassword } from './rules.js';
import { announceSessionsEnded, createSession, rememberDevice, revokeAllSessions, revokeSession } from './sessions.js';
import { checkTicket, spendTicket } from './tickets.js';

/**
 * «Забыли пароль?»: a 'reset' ticket sets a new password, ends every session of the account
 * (whoever knew the old password is signed out everywhere) and signs in on this device. Known
 * devices stay known: they still need the new password.
 */
export async function resetPassword(
  deps: AuthDeps,
  input: {
    verificationToken: string;
    password: string;
    deviceId: string;
    userAgent: string | undefined;
    /** This browser's session, maybe someone else's: its cookie is about to be overwritten. */
    previousSessionToken?: string | undefined;
  },
): Promise<{ me: Me; sessionToken: string }> {
  assertStrongPassword(input.password);
  // The cheap look-up before argon2 (tens of milliseconds and 19 MiB): a bogus ticket costs the server no hash.
  await checkTicket(deps.db, deps, { token: input.verificationToken, purpose: 'reset' });
  const passwordHash = await hashPassword(input.password);
  const { userId, sessionToken, ended } = await deps.db.transaction(async (tx) => {
    const phone = await spendTicket(tx, deps, { token: input.verificationToken, purpose: 'reset' });
    const account = await findAccountByPhone(tx, phone);
    if (!account) throw new AppError('account_not_found');
    await setPasswordHash(tx, account.id, passwordHash);
    const session = { db: tx, clock: deps.clock, secret: deps.secret };
    // A new password ends every session of the account (a lost phone, a guessed password), and the
    // browser's previous cookie, which may be someone else's.
    const ended = [
      await revokeAllSessions(session, account.id),
      input.previousSessionToken ? await revokeSession(session, input.previousSessionToken) : null,
    ];
    const token = await createSession(session, account.id, input.userAgent);
    await rememberDevice(session, account.id, input.deviceId);
    return { userId: account.id, sessionToken: token, ended };
  });
  await announceSessionsEnded(deps.events, ended);
  const me = await loadMe(deps.db, userId);
  if (!me) throw new AppError('account_not_found');
  return { me, sessionToken };
}
