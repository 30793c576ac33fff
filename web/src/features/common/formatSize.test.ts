import { describe, expect, it } from 'vitest';
import { formatSize } from './formatSize';

describe('formatSize', () => {
  it('names sizes the way people read them, in Russian and English', () => {
    expect(formatSize(12, 'ru')).toBe('12 Б');
    expect(formatSize(1536, 'ru')).toBe('1,5 КБ');
    expect(formatSize(50 * 1024 * 1024, 'ru')).toBe('50 МБ');
    expect(formatSize(1536, 'en')).toBe('1.5 KB');
    expect(formatSize(2 * 1024 ** 3, 'ru')).toBe('2 ГБ');
    expect(formatSize(300 * 1024 * 1024, 'ru')).toBe('300 МБ');
  });
});
