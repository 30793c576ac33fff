import { describe, expect, it } from 'vitest';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('refuses short, digit-only, common and one-character passwords, and says why', () => {
    expect(passwordWeakness('Ab3$efg')).toBe('too_short');
    expect(passwordWeakness('89001234567')).toBe('only_digits');
    expect(passwordWeakness('Qwerty123')).toBe('common');
    expect(passwordWeakness('ЙЦУКЕН123')).toBe('common');
    expect(passwordWeakness('zzzzzzzzzz')).toBe('repeated');
  });

  it('accepts an ordinary long passphrase, Cyrillic included, counting characters not bytes', () => {
    expect(passwordWeakness('korova-moloko-7')).toBeNull();
    expect(passwordWeakness('синийкит')).toBeNull();
    expect(passwordWeakness('ёжик🦔123')).toBeNull();
    // Six characters, though nine UTF-16 units: still too short.
    expect(passwordWeakness('аб🦔🦔🦔в')).toBe('too_short');
  });

  it('hashes with argon2id, salted, and verifies only the same password', async () => {
    const a = await hashPassword('korova-moloko-7');
    const b = await hashPassword('korova-moloko-7');
    expect(a).toMatch(/^\$argon2id\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'korova-moloko-7')).toBe(true);
    expect(await verifyPassword(a, 'korova-moloko-8')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'korova-moloko-7')).toBe(false);
  });
});
