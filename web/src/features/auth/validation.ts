import { type ErrorCode, isoDate, personName, phone } from '@parta/contracts';

/** The phone step: the same schema the server uses, so what passes here passes there. */
export function checkPhone(raw: string): { ok: true; e164: string } | { ok: false; code: ErrorCode } {
  const parsed = phone.safeParse(raw);
  return parsed.success ? { ok: true, e164: parsed.data } : { ok: false, code: 'invalid_phone' };
}

/**
 * «Придумайте пароль»: the rules the server enforces that can be seen without its list of common
 * passwords — at least 8 characters, not only digits — and that both entries match.
 */
export function checkNewPassword(password: string, confirm: string): { password?: ErrorCode; confirm?: ErrorCode } {
  const out: { password?: ErrorCode; confirm?: ErrorCode } = {};
  if (password.length < 8 || /^\d+$/.test(password)) out.password = 'password_too_weak';
  if (confirm !== password) out.confirm = 'password_mismatch';
  return out;
}

export interface PersonalData {
  firstName: string;
  lastName: string;
  middleName: string;
  gender: 'female' | 'male' | '';
  birthDate: string;
}

export type PersonalErrors = Partial<Record<keyof PersonalData, 'required' | 'invalid'>>;

/** «Информация»: required names, a gender and a real date in the past. */
export function checkPersonalData(d: PersonalData, today = new Date()): PersonalErrors {
  const e: PersonalErrors = {};
  if (!personName.safeParse(d.firstName).success) e.firstName = 'required';
  if (!personName.safeParse(d.lastName).success) e.lastName = 'required';
  if (d.middleName.length > 64) e.middleName = 'invalid';
  if (!d.gender) e.gender = 'required';
  if (!d.birthDate) e.birthDate = 'required';
  else if (!isoDate.safeParse(d.birthDate).success) e.birthDate = 'invalid';
  else {
    const year = Number(d.birthDate.slice(0, 4));
    if (new Date(d.birthDate) > today || year < 1900) e.birthDate = 'invalid';
  }
  return e;
}
