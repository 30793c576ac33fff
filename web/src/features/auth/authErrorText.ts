import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errorText';
import { formatWait } from './countdown';
import './texts';

/**
 * The text for a failed sign-in step: a limit that says how long to wait gets «Слишком много попыток. Попробуйте
 * через 14:30» (the server's retryInSeconds), everything else its usual text.
 */
export function authErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.code === 'rate_limited' && error.retryInSeconds) {
    return t('auth.tooManyWait', { time: formatWait(error.retryInSeconds) });
  }
  return errorText(t, error);
}

/** Seconds the server asks to wait before another code may be sent (too soon, or an SMS limit); null otherwise. */
export function codeWait(error: unknown): number | null {
  if (!(error instanceof ApiError) || !error.retryInSeconds) return null;
  return error.code === 'otp_resend_too_soon' || error.code === 'rate_limited' ? error.retryInSeconds : null;
}
