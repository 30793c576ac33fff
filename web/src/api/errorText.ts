import type { TFunction } from 'i18next';
import { ApiError, toErrorCode } from './client';

/** The human text for any failure: known codes get their own text, everything else a generic one. */
export function errorText(t: TFunction, error: unknown): string {
  const code = error instanceof ApiError ? error.code : 'internal';
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
