import { describe, expect, it } from 'vitest';
import { errorMessage } from './errors.js';
import { formatSize } from './formatSize.js';

describe('formatSize', () => {
  it('names sizes the way people read them, in Russian and English', () => {
    expect(formatSize(0, 'ru')).toBe('0 Б');
    expect(formatSize(12, 'ru')).toBe('12 Б');
    expect(formatSize(1023, 'ru')).toBe('1023 Б');
    expect(formatSize(1024, 'ru')).toBe('1 КБ');
    expect(formatSize(1536, 'ru')).toBe('1,5 КБ');
    expect(formatSize(50 * 1024 * 1024, 'ru')).toBe('50 МБ');
    expect(formatSize(1536, 'en')).toBe('1.5 KB');
    expect(formatSize(2 * 1024 ** 3, 'ru')).toBe('2 ГБ');
    expect(formatSize(300 * 1024 * 1024, 'ru')).toBe('300 МБ');
    expect(formatSize(15 * 1024 * 1024, 'en')).toBe('15 MB');
  });

  it('goes up a unit where the figure would round to 1024', () => {
    expect(formatSize(1024 * 1024 - 1, 'ru')).toBe('1 МБ');
    expect(formatSize(1024 ** 3 - 10, 'en')).toBe('1 GB');
    expect(formatSize(1000 * 1024, 'ru')).toBe('1000 КБ');
  });
});

describe('errorMessage', () => {
  it('says the limit of a file that is too large in the same words as the web app', () => {
    expect(errorMessage('file_too_large', 'ru', { maxBytes: 50 * 1024 * 1024 })).toBe('Файл слишком большой: можно не больше 50 МБ');
    expect(errorMessage('file_too_large', 'en', { maxBytes: 2 * 1024 ** 3 })).toBe('The file is too large: at most 2 GB');
    expect(errorMessage('file_too_large', 'ru')).toBe('Файл слишком большой');
    expect(errorMessage('not_found', 'en', { maxBytes: 1 })).toBe('Not found');
  });
});
