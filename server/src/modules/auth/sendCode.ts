import type { CodePurpose } from '@parta/contracts';
import { type AuthDeps, sendOtp } from './otp.js';

/**
 * «Запросите ещё один» and the start of «Забыли пароль?» (purpose 'reset'). Sent to any number, with an account or
 * without, and answered the same: whether the number has an account is told only to whoever verifies the code
 * (verifyOtp). Limits as in sendOtp.
 */
export async function sendCode(
  deps: AuthDeps,
  input: { phone: string; purpose: CodePurpose; ip: string; deviceId: string },
): Promise<{ resendInSeconds: number }> {
  return sendOtp(deps, input);
}
