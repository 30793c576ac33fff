import type { OtpPurpose } from '@parta/contracts';
import { AppError } from '../../lib/errors.js';
import { type AuthDeps, sendOtp } from './otp.js';
import { findAccountByPhone } from './queries.js';

/**
 * «Запросите ещё один» for sign-up and sign-in, and the start of «Забыли пароль?» (purpose
 * 'reset'). A sign-up code for a number that has an account answers phone_taken; a sign-in or
 * reset code for a number without one answers account_not_found. Limits as in sendOtp.
 */
export async function sendCode(
  deps: AuthDeps,
  input: { phone: string; purpose: OtpPurpose; ip: string },
): Promise<{ resendInSeconds: number }> {
  const account = await findAccountByPhone(deps.db, input.phone);
  if (input.purpose === 'signup' && account) throw new AppError('phone_taken');
  if (input.purpose !== 'signup' && !account) throw new AppError('account_not_found');
  return sendOtp(deps, input);
}
