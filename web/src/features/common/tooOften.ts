import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errorText';

/**
 * The text of a failed send of something people read by hand (a question, feedback, an appeal): a refusal for
 * sending too often says so plainly with the wait, «Слишком часто — подождите 40 с»; anything else as usual.
 */
export function sendErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.code === 'rate_limited' && error.retryInSeconds) return t('app.tooOften', { n: error.retryInSeconds });
  return errorText(t, error);
}
