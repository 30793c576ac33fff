import type { MarkValue } from '@parta/contracts';
import type { TFunction } from 'i18next';
import './texts';

/** «5», «зачёт», «незачёт». */
export function markText(t: TFunction, v: MarkValue): string {
  return v === 'pass' || v === 'fail' ? t(`homework.marks.${v}`) : v;
}
