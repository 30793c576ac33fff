import type { CodePurpose } from '@parta/contracts';
import { type AuthDeps, type VerifiedCode, verifyOtp } from './otp.js';

/**
 * «Подтвердите номер»: the code from the SMS gives a 15-minute ticket for the next step, and tells the one holding
 * the phone whether it goes on to sign up ('new') or to the password ('existing').
 */
export async function verifyCode(
  deps: AuthDeps,
  input: { phone: string; purpose: CodePurpose; code: string; ip: string; deviceId: string },
): Promise<VerifiedCode> {
  return verifyOtp(deps, input);
}
