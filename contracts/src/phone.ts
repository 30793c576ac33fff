import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';

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
