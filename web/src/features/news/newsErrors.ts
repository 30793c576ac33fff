import { newsLimits } from '@parta/contracts';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errorText';

/** A refused post, edit or comment in words: what is wrong with the text or the files, else the code's text. */
export function newsErrorText(t: TFunction, error: unknown, max: number = newsLimits.textMax): string {
  if (error instanceof ApiError && error.code === 'invalid_input') {
    const field = error.fields[0];
    if (field?.message === 'empty') return t('news.errorEmpty');
    if (field?.message === 'too_long') return t('news.errorTooLong', { max });
    if (field?.message === 'not_your_file') return t('news.errorNotYourFile');
  }
  return errorText(t, error);
}
