import { describe, expect, it } from 'vitest';
import { formatPhone, phone } from './common.js';

describe('phone', () => {
  it.each([
    ['+7 900 000-00-01', '+79000000001'],
    ['8 900 000 00 01', '+79000000001'],
    ['89000000001', '+79000000001'],
    ['+7 (921) 869-52-60', '+79218695260'],
    ['9000000001', '+79000000001'],
  ])('reads «%s» as %s', (input, e164) => {
    expect(phone.parse(input)).toBe(e164);
  });

  it.each(['', '123', '+7 900', 'not a phone', '+7 900 000-00-01-99-99'])('refuses «%s» with invalid_phone', (input) => {
    const result = phone.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('invalid_phone');
  });

  it('formats E.164 for people', () => {
    expect(formatPhone('+79218695260')).toBe('+7 921 869-52-60');
  });
});
