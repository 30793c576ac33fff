import type { PersonSummary } from '@parta/contracts';
import { users } from '../../db/schema.js';

/** The columns of a person others in a shared school may see: never the phone number. */
export const personColumns = {
  id: users.id,
  firstName: users.firstName,
  lastName: users.lastName,
  middleName: users.middleName,
};

/** Alphabetical, as Russian school lists are: by surname, then name. */
export function byName(a: PersonSummary, b: PersonSummary): number {
  return a.lastName.localeCompare(b.lastName, 'ru') || a.firstName.localeCompare(b.firstName, 'ru');
}

export function toPerson(row: PersonSummary): PersonSummary {
  return { id: row.id, firstName: row.firstName, lastName: row.lastName, middleName: row.middleName };
}

/** «11А» from its grade and letter. */
export function className(grade: number, letter: string): string {
  return `${grade}${letter}`;
}
