import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import { calendarDate, chatListTime, clockTime, dateTime, dayTitle, differentDays, fullDateTime, relativeTime } from './dates';

// English is loaded when chosen (i18n/loadLanguage); here it is loaded up front.
beforeAll(async () => {
  if (!i18next.isInitialized) await i18next.init({ lng: 'ru', resources: {} });
  i18next.addResourceBundle('en', 'translation', en, true, true);
});

const moscow = 'Europe/Moscow';
/** Moscow is UTC+3 all year: 2025-11-12 14:05 there is 11:05 UTC. */
const at = (local: string, offset = '+03:00') => `${local}${offset}`;
const msk = (now: string) => ({ now: new Date(at(now)), timeZone: moscow });

describe('relativeTime: when something happened, as a Russian messenger says it', () => {
  const now = '2025-11-12T14:05:00';
  it('says «только что» under a minute, and for a server clock a little ahead', () => {
    expect(relativeTime(at('2025-11-12T14:05:00'), 'ru', msk(now))).toBe('только что');
    expect(relativeTime(at('2025-11-12T14:04:01'), 'ru', msk(now))).toBe('только что');
    // Clock skew: the server stamped the message 40 s «in the future».
    expect(relativeTime(at('2025-11-12T14:05:40'), 'ru', msk(now))).toBe('только что');
    expect(relativeTime(at('2025-11-12T14:09:00'), 'ru', msk(now))).toBe('только что');
  });

  it('counts minutes with Russian plurals: 1 минуту, 2 минуты, 5 минут, 11 минут, 21 минуту, 59 минут', () => {
    const ago = (m: number) => relativeTime(new Date(new Date(at(now)).getTime() - m * 60_000).toISOString(), 'ru', msk(now));
    expect(ago(1)).toBe('1 минуту назад');
    expect(ago(2)).toBe('2 минуты назад');
    expect(ago(4)).toBe('4 минуты назад');
    expect(ago(5)).toBe('5 минут назад');
    expect(ago(11)).toBe('11 минут назад');
    expect(ago(12)).toBe('12 минут назад');
    expect(ago(21)).toBe('21 минуту назад');
    expect(ago(22)).toBe('22 минуты назад');
    expect(ago(25)).toBe('25 минут назад');
    expect(ago(59)).toBe('59 минут назад');
    // 1 min 59 s is still one minute.
    expect(relativeTime(at('2025-11-12T14:03:01'), 'ru', msk(now))).toBe('1 минуту назад');
  });

  it('then «сегодня, 14:05», «вчера, 14:05», «12 ноября» and «12 ноября 2025»', () => {
    expect(relativeTime(at('2025-11-12T09:30:00'), 'ru', msk(now))).toBe('сегодня, 09:30');
    expect(relativeTime(at('2025-11-12T00:00:00'), 'ru', msk(now))).toBe('сегодня, 00:00');
    expect(relativeTime(at('2025-11-11T23:59:00'), 'ru', msk(now))).toBe('вчера, 23:59');
    expect(relativeTime(at('2025-11-11T00:00:00'), 'ru', msk(now))).toBe('вчера, 00:00');
    expect(relativeTime(at('2025-11-10T23:59:00'), 'ru', msk(now))).toBe('10 ноября');
    expect(relativeTime(at('2025-01-01T00:00:00'), 'ru', msk(now))).toBe('1 января');
    expect(relativeTime(at('2024-12-31T23:59:00'), 'ru', msk(now))).toBe('31 декабря 2024');
  });

  it('minutes go on past midnight, and an hour ago before midnight is «вчера»', () => {
    expect(relativeTime(at('2025-11-11T23:50:00'), 'ru', msk('2025-11-12T00:10:00'))).toBe('20 минут назад');
    expect(relativeTime(at('2025-11-11T23:00:00'), 'ru', msk('2025-11-12T00:10:00'))).toBe('вчера, 23:00');
  });

  it('across a new year: «вчера» is last year\'s 31 December, the day before that carries its year', () => {
    const newYear = msk('2026-01-01T00:30:00');
    expect(relativeTime(at('2025-12-31T23:00:00'), 'ru', newYear)).toBe('вчера, 23:00');
    expect(relativeTime(at('2025-12-30T12:00:00'), 'ru', newYear)).toBe('30 декабря 2025');
    expect(relativeTime(at('2025-12-31T23:45:00'), 'ru', newYear)).toBe('45 минут назад');
  });

  it('a moment truly in the future (beyond clock skew) is said with its day', () => {
    expect(relativeTime(at('2025-11-12T18:00:00'), 'ru', msk(now))).toBe('сегодня, 18:00');
    expect(relativeTime(at('2025-11-13T09:00:00'), 'ru', msk(now))).toBe('завтра, 09:00');
    expect(relativeTime(at('2026-02-01T09:00:00'), 'ru', msk(now))).toBe('1 февраля 2026');
  });

  it('speaks English in the English UI', () => {
    const ago = (m: number) => relativeTime(new Date(new Date(at(now)).getTime() - m * 60_000).toISOString(), 'en', msk(now));
    expect(relativeTime(at(now), 'en', msk(now))).toBe('just now');
    expect(ago(1)).toBe('1 minute ago');
    expect(ago(21)).toBe('21 minutes ago');
    expect(relativeTime(at('2025-11-11T14:05:00'), 'en', msk(now))).toBe('yesterday, 14:05');
    expect(relativeTime(at('2025-11-12T09:30:00'), 'en', msk(now))).toBe('today, 09:30');
    expect(relativeTime(at('2025-11-01T09:30:00'), 'en', msk(now))).toBe('1 November');
    expect(relativeTime(at('2024-11-01T09:30:00'), 'en', msk(now))).toBe('1 November 2024');
  });

  it('returns what it was given when it is not a date', () => {
    expect(relativeTime('not a date', 'ru')).toBe('not a date');
  });
});

describe('time zones: the day is the reader\'s day', () => {
  // 22:30 UTC on 11 November: already 12 November (01:30) in Moscow, still 11 November (17:30) in New York.
  const moment = '2025-11-11T22:30:00Z';
  const nowUtc = new Date('2025-11-12T10:00:00Z');
  it('in Moscow it is today, in New York yesterday', () => {
    expect(relativeTime(moment, 'ru', { now: nowUtc, timeZone: moscow })).toBe('сегодня, 01:30');
    expect(relativeTime(moment, 'ru', { now: nowUtc, timeZone: 'America/New_York' })).toBe('вчера, 17:30');
    expect(dayTitle(moment, 'ru', { now: nowUtc, timeZone: moscow })).toBe('Сегодня');
    expect(dayTitle(moment, 'ru', { now: nowUtc, timeZone: 'America/New_York' })).toBe('Вчера');
  });

  it('New York\'s change to winter time does not shift the day count', () => {
    // 2 November 2025: clocks went back at 02:00 in New York, a 25-hour day.
    const ny = { now: new Date('2025-11-03T12:00:00-05:00'), timeZone: 'America/New_York' };
    expect(relativeTime('2025-11-02T00:30:00-04:00', 'ru', ny)).toBe('вчера, 00:30');
    expect(relativeTime('2025-11-01T23:30:00-04:00', 'ru', ny)).toBe('1 ноября');
  });

  it('Vladivostok (UTC+10) ends the year before Moscow does', () => {
    const nowUtc2 = new Date('2025-12-31T15:00:00Z'); // 01:00 on 1 January in Vladivostok, 18:00 on 31 December in Moscow
    expect(dayTitle('2025-12-31T10:00:00Z', 'ru', { now: nowUtc2, timeZone: 'Asia/Vladivostok' })).toBe('Вчера');
    expect(calendarDate('2025-12-30T10:00:00Z', 'ru', { now: nowUtc2, timeZone: 'Asia/Vladivostok' })).toBe('30 декабря 2025');
    expect(calendarDate('2025-12-30T10:00:00Z', 'ru', { now: nowUtc2, timeZone: moscow })).toBe('30 декабря');
  });
});

describe('chatListTime: a chat list\'s column', () => {
  const ctx = msk('2025-11-12T14:05:00');
  it('says the time today, «вчера», the day this year and the day with its year before', () => {
    expect(chatListTime(at('2025-11-12T14:04:30'), 'ru', ctx)).toBe('14:04');
    expect(chatListTime(at('2025-11-12T00:01:00'), 'ru', ctx)).toBe('00:01');
    expect(chatListTime(at('2025-11-11T23:59:00'), 'ru', ctx)).toBe('вчера');
    expect(chatListTime(at('2025-11-10T10:00:00'), 'ru', ctx)).toBe('10 ноября');
    expect(chatListTime(at('2024-11-10T10:00:00'), 'ru', ctx)).toBe('10 ноября 2024');
    expect(chatListTime(at('2025-11-11T10:00:00'), 'en', ctx)).toBe('yesterday');
  });

  it('a message stamped a little after midnight by a clock ahead still shows its time', () => {
    expect(chatListTime(at('2025-11-13T00:00:30'), 'ru', msk('2025-11-12T23:59:50'))).toBe('00:00');
  });
});

describe('dayTitle and differentDays: the lines between days in a chat', () => {
  const ctx = msk('2025-11-12T14:05:00');
  it('«Сегодня», «Вчера», «12 ноября», «12 ноября 2024»', () => {
    expect(dayTitle(at('2025-11-12T00:00:00'), 'ru', ctx)).toBe('Сегодня');
    expect(dayTitle(at('2025-11-11T23:59:59'), 'ru', ctx)).toBe('Вчера');
    expect(dayTitle(at('2025-11-10T23:59:59'), 'ru', ctx)).toBe('10 ноября');
    expect(dayTitle(at('2024-11-12T12:00:00'), 'ru', ctx)).toBe('12 ноября 2024');
    expect(dayTitle(at('2025-11-12T12:00:00'), 'en', ctx)).toBe('Today');
  });

  it('splits at the reader\'s midnight', () => {
    expect(differentDays(at('2025-11-11T23:59:59'), at('2025-11-12T00:00:00'), { timeZone: moscow })).toBe(true);
    expect(differentDays(at('2025-11-12T00:00:00'), at('2025-11-12T23:59:59'), { timeZone: moscow })).toBe(false);
    // 23:30 and 00:30 in Moscow are both 11 November in New York.
    expect(differentDays(at('2025-11-11T23:30:00'), at('2025-11-12T00:30:00'), { timeZone: 'America/New_York' })).toBe(false);
  });
});

describe('dateTime, clockTime, calendarDate, fullDateTime', () => {
  const ctx = msk('2025-11-12T14:05:00');
  it('say a moment whose time matters', () => {
    expect(dateTime(at('2025-11-12T09:00:00'), 'ru', ctx)).toBe('сегодня, 09:00');
    expect(dateTime(at('2025-11-13T09:00:00'), 'ru', ctx)).toBe('завтра, 09:00');
    expect(dateTime(at('2025-11-11T09:00:00'), 'ru', ctx)).toBe('вчера, 09:00');
    expect(dateTime(at('2025-11-20T09:00:00'), 'ru', ctx)).toBe('20 ноября, 09:00');
    expect(dateTime(at('2026-01-20T09:00:00'), 'ru', ctx)).toBe('20 января 2026, 09:00');
    expect(dateTime(at('2025-11-20T09:00:00'), 'en', ctx)).toBe('20 November, 09:00');
    expect(clockTime(at('2025-11-12T09:07:00'), 'ru', ctx)).toBe('09:07');
    expect(clockTime(at('2025-11-12T21:07:00'), 'en', ctx)).toBe('21:07');
    expect(calendarDate(at('2025-11-20T09:00:00'), 'ru', ctx)).toBe('20 ноября');
    expect(calendarDate(at('2026-11-20T09:00:00'), 'ru', ctx)).toBe('20 ноября 2026');
    expect(fullDateTime(at('2025-11-12T14:05:00'), 'ru', ctx)).toBe('12 ноября 2025, 14:05');
    expect(fullDateTime(at('2025-11-12T14:05:00'), 'en', ctx)).toBe('12 November 2025, 14:05');
  });
});
