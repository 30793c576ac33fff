import { describe, expect, it } from 'vitest';
import { glance } from './payloads.js';
import { isQuiet, localMinutes } from './quietHours.js';

const at = (iso: string) => new Date(iso);
const moscow = { enabled: true, from: 22 * 60, to: 7 * 60, timeZone: 'Europe/Moscow' };

describe('quiet hours', () => {
  it('span midnight when «from» is after «to», in the person’s zone', () => {
    // Moscow is UTC+3 all year.
    expect(isQuiet(moscow, at('2026-11-12T18:59:00Z'))).toBe(false); // 21:59
    expect(isQuiet(moscow, at('2026-11-12T19:00:00Z'))).toBe(true); // 22:00
    expect(isQuiet(moscow, at('2026-11-12T23:30:00Z'))).toBe(true); // 02:30
    expect(isQuiet(moscow, at('2026-11-13T03:59:00Z'))).toBe(true); // 06:59
    expect(isQuiet(moscow, at('2026-11-13T04:00:00Z'))).toBe(false); // 07:00
    // 01:00 in Moscow is 08:00 in Vladivostok.
    expect(isQuiet(moscow, at('2026-11-12T22:00:00Z'))).toBe(true);
    expect(isQuiet({ ...moscow, timeZone: 'Asia/Vladivostok' }, at('2026-11-12T22:00:00Z'))).toBe(false);
  });

  it('within one day when «from» is before «to»; never when off or when from equals to', () => {
    const lunch = { enabled: true, from: 13 * 60, to: 14 * 60, timeZone: 'Europe/Moscow' };
    expect(isQuiet(lunch, at('2026-11-12T10:30:00Z'))).toBe(true);
    expect(isQuiet(lunch, at('2026-11-12T11:00:00Z'))).toBe(false);
    expect(isQuiet({ ...moscow, enabled: false }, at('2026-11-12T23:30:00Z'))).toBe(false);
    expect(isQuiet({ ...moscow, from: 600, to: 600 }, at('2026-11-12T07:00:00Z'))).toBe(false);
  });

  it('reads the wall clock of the zone', () => {
    expect(localMinutes(at('2026-11-12T21:05:00Z'), 'Europe/Moscow')).toBe(5);
    expect(localMinutes(at('2026-11-12T21:05:00Z'), 'Asia/Vladivostok')).toBe(7 * 60 + 5);
  });
});

describe('a push’s text', () => {
  it('is one line of at most 100 characters, never cutting an emoji in half', () => {
    expect(glance('  Привет,\n\nкласс!  ')).toBe('Привет, класс!');
    const long = '😀'.repeat(150);
    const cut = glance(long);
    expect(Array.from(cut)).toHaveLength(100);
    expect(cut).toBe(`${'😀'.repeat(99)}…`);
  });
});
