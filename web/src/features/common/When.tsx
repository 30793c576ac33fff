import type { ComponentPropsWithoutRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type DateContext, fullDateTime, relativeTime } from './dates';
import { useMinute } from './minuteClock';

type Format = (iso: string, lang: string, ctx?: DateContext) => string;

/**
 * A moment on screen: `<time>` with the machine-readable value, the exact date and time as its tooltip,
 * and the words of `format` («5 минут назад» by default), kept current by the minute clock.
 */
export function When({
  iso,
  format = relativeTime,
  ...rest
}: { iso: string; format?: Format } & Omit<ComponentPropsWithoutRef<'time'>, 'dateTime' | 'children'>) {
  const { i18n } = useTranslation();
  // Re-rendered at each minute's turn; the words are then worked out from the clock's exact time.
  useMinute();
  const ctx = { now: Date.now() };
  return (
    <time dateTime={iso} title={fullDateTime(iso, i18n.language)} {...rest}>
      {format(iso, i18n.language, ctx)}
    </time>
  );
}
