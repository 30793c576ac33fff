import type { QuietHours } from '@parta/contracts';
import { AppError } from '../../lib/errors.js';

/** Students' default (a school expects children not to be woken by a chat): 22:00–07:00. */
export const DEFAULT_QUIET_FROM = 22 * 60;
export const DEFAULT_QUIET_TO = 7 * 60;

/** Quiet hours as kept: minutes after local midnight. */
export interface QuietRule {
  enabled: boolean;
  from: number;
  to: number;
  timeZone: string;
}

export const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export const toHhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export const presentQuietHours = (rule: QuietRule): QuietHours => ({ enabled: rule.enabled, from: toHhmm(rule.from), to: toHhmm(rule.to) });

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes after midnight at `at` on the wall clock of `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/** Whether `at` falls in the quiet hours: [from, to), across midnight when from > to; from = to is never quiet. */
export function isQuiet(rule: QuietRule, at: Date): boolean {
  if (!rule.enabled || rule.from === rule.to) return false;
  const now = localMinutes(at, rule.timeZone);
  return rule.from < rule.to ? now >= rule.from && now < rule.to : now >= rule.from || now < rule.to;
}

/**
 * An IANA zone in its canonical spelling («europe/moscow» → «Europe/Moscow»); unknown → time_zone_invalid. Intl is the
 * judge, so the zone is one quiet hours can be reckoned in.
 */
export function canonicalTimeZone(tz: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    throw new AppError('time_zone_invalid');
  }
}
