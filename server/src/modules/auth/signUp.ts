import type { Me } from '@parta/contracts';
import { AppError } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import type { DbOrTx } from '../../db/client.js';
import type { AuthDeps } from './otp.js';
import { findAccountByPhone, insertUser, isUniqueViolation, loadMe, type NewUser } from './queries.js';
import { assertBirthDate, assertStrongPassword } from './rules.js';
import { announceSessionsEnded, createSession, rememberDevice, revokeSession } from './sessions.js';
import { checkTicket, spendTicket } from './tickets.js';

export interface SignUpInput {
  verificationToken: string;
  password: string;
  firstName: string;
  lastName: string;
  middleName?: string | undefined;
  gender: 'female' | 'male';
  birthDate: string;
  acceptTerms: true;
  deviceId: string;
  userAgent: string | undefined;
  /** The session this browser had, if any: its cookie is about to be overwritten, so it ends. */
  previousSessionToken?: string | undefined;
}

/**
 * ACC-1 steps 3–4 and ACC-5: creates the account for the phone a 'signup' ticket proves, signs
 * in and remembers this device — user, session and device in one transaction, the ticket spent
 * in it. Weak passwords and impossible birth dates are refused before anything is written, and
 * leave the ticket usable for a second try; the ticket is looked at before the password is hashed.
 */
export async function signUp(deps: AuthDeps, input: SignUpInput): Promise<{ me: Me; sessionToken: string }> {
  assertStrongPassword(input.password);
  assertBirthDate(deps.clock, input.birthDate);
  // The cheap look-up before argon2 (tens of milliseconds and 19 MiB): a bogus ticket costs the server no hash.
  await checkTicket(deps.db, deps, { token: input.verificationToken, purpose: 'signup' });
  const passwordHash = await hashPassword(input.password);
  const { userId, sessionToken, ended } = await deps.db.transaction(async (tx) => {
    const phone = await spendTicket(tx, deps, { token: input.verificationToken, purpose: 'signup' });
    if (await findAccountByPhone(tx, phone)) throw new AppError('phone_taken');
    const now = deps.clock.now();
    const id = await insertUserOnce(tx, {
      phone,
      passwordHash,
      firstName: input.firstName,
      lastName: input.lastName,
      middleName: input.middleName ? input.middleName : null,
      gender: input.gender,
      birthDate: input.birthDate,
      termsAcceptedAt: now,
      createdAt: now,
    });
    const session = { db: tx, clock: deps.clock, secret: deps.secret };
    // The cookie being replaced may be someone else's session on a shared computer: it ends here.
    const ended = input.previousSessionToken ? await revokeSession(session, input.previousSessionToken) : null;
    const token = await createSession(session, id, input.userAgent);
    await rememberDevice(session, id, input.deviceId);
    return { userId: id, sessionToken: token, ended };
  });
  await announceSessionsEnded(deps.events, [ended]);
  const me = await loadMe(deps.db, userId);
  if (!me) throw new Error('new user vanished');
  return { me, sessionToken };
}

/**
 * Two sign-ups for one number racing on PostgreSQL both pass the look-up above; the unique
 * index stops the second, which must read phone_taken, not a 500.
 */
async function insertUserOnce(tx: DbOrTx, values: NewUser): Promise<string> {
  try {
    return await insertUser(tx, values);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('phone_taken');
    throw err;
  }
}
