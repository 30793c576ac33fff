import { AppError } from '../../lib/errors.js';
import { type AuthDeps, sendOtp, type VerifiedCode, verifyOtp } from '../auth/otp.js';
import { findAccountByPhone } from '../auth/queries.js';
import { authorizeSetup } from './policy.js';
import { operatorExists } from './queries.js';

/**
 * «Получить код» on the first-run screen: the sign-up code of the auth module, with its limits, sent to the
 * operator-to-be. A number that already has an account cannot become a new one (phone_taken).
 */
export async function sendSetupCode(
  deps: AuthDeps,
  local: boolean,
  input: { phone: string; ip: string; deviceId: string },
): Promise<{ resendInSeconds: number }> {
  authorizeSetup({ operatorExists: await operatorExists(deps.db), local });
  if (await findAccountByPhone(deps.db, input.phone)) throw new AppError('phone_taken');
  return sendOtp(deps, { phone: input.phone, purpose: 'signup', ip: input.ip, deviceId: input.deviceId });
}

/** The code from the SMS (or the server's log): a sign-up ticket for the operator's account. */
export async function verifySetupCode(
  deps: AuthDeps,
  local: boolean,
  input: { phone: string; code: string; ip: string; deviceId: string },
): Promise<VerifiedCode> {
  authorizeSetup({ operatorExists: await operatorExists(deps.db), local });
  // The code may be tried only from the browser that asked for it, with the auth module's limits per address.
  return verifyOtp(deps, { phone: input.phone, purpose: 'signup', code: input.code, ip: input.ip, deviceId: input.deviceId });
}
