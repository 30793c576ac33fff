import type { PersonSummary } from '@parta/contracts';

/** «Илья Чередин» — how a person is named in lists and the header. */
export function fullName(p: Pick<PersonSummary, 'firstName' | 'lastName'>): string {
  return `${p.firstName} ${p.lastName}`.trim();
}

/** «Чередин Илья Петрович» — the formal order used in school lists. */
export function formalName(p: PersonSummary): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}

/** Two letters for an avatar. */
export function initials(p: Pick<PersonSummary, 'firstName' | 'lastName'>): string {
  return `${p.firstName.charAt(0)}${p.lastName.charAt(0)}`.toUpperCase();
}
