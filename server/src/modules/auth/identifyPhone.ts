import { AppError } from '../../lib/errors.js';
import { type AuthDeps, resendWaitSeconds, sendOtp } from './otp.js';
import { findAccountByPhone } from './queries.js';
import { isKnownDevice, NO_ACCOUNT_ID } from './sessions.js';
import { shortName } from './rules.js';

export interface IdentifyResult {
  phone: string;
  next: 'code' | 'password';
  purpose: 'login' | null;
  resendInSeconds: number;
  displayName: string | null;
}

/**
 * Step 1 of «Войти или создать аккаунт». An account on a device it has used goes straight to the password, with
 * «Вадим Ж.» on the screen. Every other number — with an account or without — gets the same 'login' code and the
 * same answer: only once the code is verified does the one holding the phone learn whether it signs in or signs up
 * (children use Parta: a number alone must not tell a stranger whether, or whose, an account it is). A code sent
 * less than 120 s ago is not sent again; the seconds left come back instead, so reloading the page costs no SMS.
 */
export async function identifyPhone(
  deps: AuthDeps,
  input: { phone: string; deviceId: string; ip: string },
): Promise<IdentifyResult> {
  const { phone } = input;
  const account = await findAccountByPhone(deps.db, phone);
  // The device is looked up for a number without an account too, so both take the same queries.
  if (await isKnownDevice(deps, account?.id ?? NO_ACCOUNT_ID, input.deviceId)) {
    return {
      phone,
      next: 'password',
      purpose: null,
      resendInSeconds: 0,
      displayName: account ? shortName(account.firstName, account.lastName) : null,
    };
  }
  const resendInSeconds = await sendUnlessRecent(deps, { phone, ip: input.ip, deviceId: input.deviceId });
  return { phone, next: 'code', purpose: 'login', resendInSeconds, displayName: null };
}

async function sendUnlessRecent(deps: AuthDeps, input: { phone: string; ip: string; deviceId: string }): Promise<number> {
  const wait = await resendWaitSeconds(deps.db, deps.clock, input.phone, 'login');
  if (wait > 0) return wait;
  try {
    return (await sendOtp(deps, { ...input, purpose: 'login' })).resendInSeconds;
  } catch (err) {
    // Another request sent one between our look and our send: same answer as a recent code.
    if (err instanceof AppError && err.code === 'otp_resend_too_soon') return Number(err.details?.retryInSeconds ?? 0);
    throw err;
  }
}
