import type { OtpPurpose } from '@parta/contracts';
import { AppError } from '../../lib/errors.js';
import { type AuthDeps, resendWaitSeconds, sendOtp } from './otp.js';
import { findAccountByPhone } from './queries.js';
import { isKnownDevice } from './sessions.js';
import { shortName } from './rules.js';

export interface IdentifyResult {
  phone: string;
  account: 'new' | 'existing';
  next: 'code' | 'password';
  purpose: OtpPurpose | null;
  resendInSeconds: number;
  displayName: string | null;
}

/**
 * Step 1 of «Войти или создать аккаунт». A new number gets a 'signup' code. An account on a device
 * it has used goes straight to the password, with «Вадим Ж.» on the screen. An account on an
 * unknown device gets a 'login' code and no name: the number alone must not tell a stranger
 * (children use Parta) whose it is. A code sent less than 120 s ago is not sent again; the
 * seconds left come back instead, so reloading the page costs no SMS.
 */
export async function identifyPhone(
  deps: AuthDeps,
  input: { phone: string; deviceId: string; ip: string },
): Promise<IdentifyResult> {
  const { phone } = input;
  const account = await findAccountByPhone(deps.db, phone);
  if (account && (await isKnownDevice(deps, account.id, input.deviceId))) {
    return {
      phone,
      account: 'existing',
      next: 'password',
      purpose: null,
      resendInSeconds: 0,
      displayName: shortName(account.firstName, account.lastName),
    };
  }
  const purpose: OtpPurpose = account ? 'login' : 'signup';
  const resendInSeconds = await sendUnlessRecent(deps, phone, purpose, input.ip);
  return { phone, account: account ? 'existing' : 'new', next: 'code', purpose, resendInSeconds, displayName: null };
}

async function sendUnlessRecent(deps: AuthDeps, phone: string, purpose: OtpPurpose, ip: string): Promise<number> {
  const wait = await resendWaitSeconds(deps.db, deps.clock, phone, purpose);
  if (wait > 0) return wait;
  try {
    return (await sendOtp(deps, { phone, purpose, ip })).resendInSeconds;
  } catch (err) {
    // Another request sent one between our look and our send: same answer as a recent code.
    if (err instanceof AppError && err.code === 'otp_resend_too_soon') return Number(err.details?.retryInSeconds ?? 0);
    throw err;
  }
}
