import { z } from 'zod';

export const id = z.uuid();

// The phone number's schema and formatting live apart (phone.ts): libphonenumber's metadata is the biggest part of
// the contracts, and a screen that imports only an id or a limit from here must not carry it.
export { formatPhone, phone } from './phone.js';

export const personName = z.string().trim().min(1).max(64);

export const roles = ['admin', 'leader', 'teacher', 'student', 'parent'] as const;
/** A person's role in one school. A person may hold several roles in several schools. */
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

export const genders = ['female', 'male'] as const;
export const gender = z.enum(genders);

/** Subjects a teacher may pick; a school may teach others, so free text is allowed too. */
export const subjectCatalogue = [
  'Математика', 'Алгебра', 'Геометрия', 'Русский язык', 'Литература', 'Английский язык',
  'Немецкий язык', 'Французский язык', 'История', 'Обществознание', 'География', 'Биология',
  'Физика', 'Химия', 'Информатика', 'Окружающий мир', 'Музыка', 'Изобразительное искусство',
  'Технология', 'Физическая культура', 'ОБЖ', 'Начальные классы',
] as const;
export const subject = z.string().trim().min(2).max(64);

export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });

/** A person as others see them inside a shared school: never the phone number. */
export const personSummary = z.object({
  id,
  firstName: z.string(),
  lastName: z.string(),
  middleName: z.string().nullable(),
});
export type PersonSummary = z.infer<typeof personSummary>;

export const okResponse = z.object({ ok: z.literal(true) });
