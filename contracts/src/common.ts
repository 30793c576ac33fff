import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';

export const id = z.uuid();

/**
 * A mobile number as a person types it («8 900 000-00-00», «+7 (900) 000 00 00»), normalised to
 * E.164. Numbers without a country code are read as Russian, as the guide's users would write them.
 */
export const phone = z
  .string()
  .trim()
  .max(32)
  .transform((raw, ctx) => {
    const cleaned = raw.replace(/^8(?=\d{10}$)/, '+7').replace(/^8(?=[\s(-]*\d)/, '+7');
    const parsed = parsePhoneNumberFromString(cleaned, 'RU');
    if (!parsed?.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'invalid_phone' });
      return z.NEVER;
    }
    return parsed.number as string;
  });

/** Formats an E.164 number for people: +7 900 000-00-00. */
export function formatPhone(e164: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  if (m) return `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}`;
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

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
