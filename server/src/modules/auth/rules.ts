import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { passwordWeakness } from '../../lib/passwords.js';

/** password_too_weak with the reason (too_short, only_digits, common, repeated) for the UI. */
export function assertStrongPassword(password: string): void {
  const reason = passwordWeakness(password);
  if (reason) throw new AppError('password_too_weak', { reason });
}

/** A birth date in the past and after 1900: a typo like 2206 or 1092 is refused before it is stored. */
export function assertBirthDate(clock: Clock, birthDate: string): void {
  const today = clock.now().toISOString().slice(0, 10);
  if (birthDate > today || birthDate < '1900-01-01') {
    throw new AppError('invalid_input', { fields: [{ path: 'birthDate', message: 'out_of_range' }] });
  }
}

/** «Вадим Ж.»: what the password screen shows on a device the person has used before. */
export function shortName(firstName: string, lastName: string): string {
  const initial = [...lastName.trim()][0];
  return initial ? `${firstName} ${initial.toUpperCase()}.` : firstName;
}
