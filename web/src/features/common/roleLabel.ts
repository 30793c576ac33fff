import type { Role } from '@parta/contracts';
import type { TFunction } from 'i18next';

/** «Учитель» — a role as a title (header, badges). */
export function roleTitle(t: TFunction, role: Role): string {
  return t(`roles.${role}`);
}

/** «учитель в 7А класс» — a role with its class, as the invitation page of the guide words it. */
export function roleWithClass(t: TFunction, role: Role, className: string | null): string {
  const name = t(`roles.lower.${role}`);
  return className ? t('roles.inClass', { role: name, className }) : name;
}

/** «Учитель в 7А класс» — the same at the start of a sentence or a title. */
export function capitalized(text: string): string {
  return text.charAt(0).toLocaleUpperCase('ru') + text.slice(1);
}
