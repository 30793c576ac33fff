import { describe, expect, it } from 'vitest';
import { checkNewPassword, checkPersonalData, checkPhone } from './validation';

describe('phone step', () => {
  it('accepts the ways people write a Russian mobile number', () => {
    expect(checkPhone('+7 900 000-00-01')).toEqual({ ok: true, e164: '+79000000001' });
    expect(checkPhone('8 (900) 000 00 01')).toEqual({ ok: true, e164: '+79000000001' });
    expect(checkPhone('9000000001')).toEqual({ ok: true, e164: '+79000000001' });
  });

  it('refuses what is not a full number', () => {
    expect(checkPhone('')).toEqual({ ok: false, code: 'invalid_phone' });
    expect(checkPhone('+7 900 000')).toEqual({ ok: false, code: 'invalid_phone' });
    expect(checkPhone('hello')).toEqual({ ok: false, code: 'invalid_phone' });
  });
});

describe('new password step', () => {
  it('flags short or digits-only passwords and a mismatch', () => {
    expect(checkNewPassword('short', 'short')).toEqual({ password: 'password_too_weak' });
    expect(checkNewPassword('12345678901', '12345678901')).toEqual({ password: 'password_too_weak' });
    expect(checkNewPassword('Ученик-7А-школа', 'Ученик-7А-школа!')).toEqual({ confirm: 'password_mismatch' });
    expect(checkNewPassword('Ученик-7А-школа', 'Ученик-7А-школа')).toEqual({});
  });
});

describe('«Информация» step', () => {
  const ok = { firstName: 'Яна', lastName: 'Рощина', middleName: '', gender: 'female' as const, birthDate: '1992-07-22' };
  it('passes real data and requires names, gender and date', () => {
    expect(checkPersonalData(ok)).toEqual({});
    expect(checkPersonalData({ ...ok, firstName: '  ', gender: '', birthDate: '' })).toEqual({
      firstName: 'required',
      gender: 'required',
      birthDate: 'required',
    });
  });
  it('refuses a birth date in the future', () => {
    expect(checkPersonalData({ ...ok, birthDate: '2999-01-01' }, new Date('2026-11-25'))).toEqual({ birthDate: 'invalid' });
  });
});
