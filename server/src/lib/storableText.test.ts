import { describe, expect, it } from 'vitest';
import { cleanStrings, cleanText } from './storableText.js';

describe('text hygiene', () => {
  it('removes NUL and replaces an unpaired surrogate by U+FFFD, keeping pairs and the rest of the text', () => {
    expect(cleanText('a\u0000b')).toBe('ab');
    expect(cleanText('x\ud800y')).toBe('x\ufffdy');
    expect(cleanText('\udfff')).toBe('\ufffd');
    expect(cleanText('тест 😀 👩‍👩‍👧')).toBe('тест 😀 👩‍👩‍👧');
    expect(cleanText(`${'😀'.slice(0, 1)}z`)).toBe('\ufffdz');
  });

  it('cleans strings nested in objects and arrays', () => {
    expect(cleanStrings({ a: ['\u0000x', { b: '\ud83d' }], n: 1 })).toEqual({ a: ['x', { b: '\ufffd' }], n: 1 });
  });

  it('cleans the keys of a record too (a resume frame keys positions by chat id)', () => {
    expect(cleanStrings({ 'a\u0000': 1, '\udc00': { 'x\u0000y': 'z' } })).toEqual({ a: 1, '\ufffd': { xy: 'z' } });
  });
});
