import type { TFunction } from 'i18next';
import { formatSize } from '../features/common/formatSize';
import { currentLanguage } from '../i18n';
import { ApiError, toErrorCode } from './client';

/**
 * The human text for any failure: known codes get their own text, everything else a generic one. Too many requests
 * says how long to wait when the server said it: «Слишком много запросов. Попробуйте снова через 8 с».
 */
export function errorText(t: TFunction, error: unknown): string {
  const code = error instanceof ApiError ? error.code : 'internal';
  const wait = error instanceof ApiError ? error.retryInSeconds : null;
  if (code === 'rate_limited' && wait) {
    return wait < 60 ? t('app.rateLimitedSeconds', { n: wait }) : t('app.rateLimitedMinutes', { n: Math.ceil(wait / 60) });
  }
  if (code === 'file_too_large' && error instanceof ApiError && error.maxBytes) {
    return t('uploads.tooLarge', { size: formatSize(error.maxBytes, currentLanguage()) });
  }
  return t(`errors.${code}`);
}

/**
 * Per-field texts for invalid_input answers: a field message that is itself an error code
 * (e.g. invalid_phone) gets that code's text, anything else the generic «Проверьте это поле».
 */
export function fieldErrors(t: TFunction, error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const f of error.fields) {
    const code = toErrorCode(f.message);
    out[f.path] = code === 'internal' ? t('app.invalidField') : t(`errors.${code}`);
  }
  return out;
}
