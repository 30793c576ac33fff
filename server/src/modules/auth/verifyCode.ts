import type { OtpPurpose } from '@parta/contracts';
import { type AuthDeps, verifyOtp } from './otp.js';

/** «Подтвердите номер»: the code from the SMS gives a 15-minute ticket for the next step. */
export async function verifyCode(
  deps: AuthDeps,
  input: { phone: string; purpose: OtpPurpose; code: string },
): Promise<{ verificationToken: string }> {
  return { verificationToken: await verifyOtp(deps, input) };
}
