import { z } from 'zod';
import { gender, id, isoDate, personName, phone, role } from './common.js';

/** What a verification ticket proves a phone for (a sign-up ticket is issued for a number without an account). */
export const otpPurpose = z.enum(['signup', 'login', 'reset']);
export type OtpPurpose = z.infer<typeof otpPurpose>;

/**
 * Why an SMS code is asked for: 'login' is «Войти или создать аккаунт» (sign in, or sign up for a number without an
 * account), 'reset' is «Забыли пароль?». Both are sent to any number and answered alike; which of the two next steps
 * follows is told only by the answer to a verified code.
 */
export const codePurpose = z.enum(['login', 'reset']);
export type CodePurpose = z.infer<typeof codePurpose>;

/** Step 1 of «Войти или создать аккаунт»: the phone number. */
export const identifyRequest = z.object({ phone });
export const identifyResponse = z.object({
  /** The number in E.164 form, as the server understood it. */
  phone: z.string(),
  /**
   * The next screen: the password on a device this account has signed in on; otherwise confirm the number with a
   * code — the same answer for a number with an account and one without.
   */
  next: z.enum(['code', 'password']),
  /** Set when a code was sent: its purpose, to send back with it. */
  purpose: z.literal('login').nullable(),
  /** Seconds until «запросите ещё один» is allowed. */
  resendInSeconds: z.number().int().nonnegative(),
  /** «Вадим Ж.» — shown only on a device this account has signed in on before. */
  displayName: z.string().nullable(),
});

/** Sends (or re-sends) an SMS code. */
export const sendCodeRequest = z.object({ phone, purpose: codePurpose });
export const sendCodeResponse = z.object({ resendInSeconds: z.number().int().nonnegative() });

/** Checks a code; the answer is a short-lived ticket that proves the phone for the next step. */
export const verifyCodeRequest = z.object({
  phone,
  purpose: codePurpose,
  code: z.string().trim().regex(/^\d{6}$/),
});
export const verifyCodeResponse = z.object({
  verificationToken: z.string(),
  /**
   * Told only to whoever holds the phone: 'new' — no account with this number, the ticket is for sign-up;
   * 'existing' — the ticket is for the purpose asked (the password, or a new password).
   */
  account: z.enum(['new', 'existing']),
});

export const password = z.string().min(1).max(256);

/** Steps 3–4 of sign-up: «Придумайте пароль» and «Информация». Creates the account and signs in. */
export const signUpRequest = z.object({
  verificationToken: z.string().min(1),
  password,
  firstName: personName,
  lastName: personName,
  middleName: z.string().trim().max(64).optional(),
  gender,
  birthDate: isoDate,
  /** ACC-5: the user agreement and privacy policy were accepted. */
  acceptTerms: z.literal(true),
});

/** ACC-2: sign in. A device not seen before must bring a verification ticket for purpose 'login'. */
export const signInRequest = z.object({
  phone,
  password,
  verificationToken: z.string().min(1).optional(),
});

/** «Забыли пароль?»: a ticket for purpose 'reset' and the new password. Signs in. */
export const resetPasswordRequest = z.object({ verificationToken: z.string().min(1), password });

export const membershipSummary = z.object({
  schoolId: id,
  schoolName: z.string(),
  role,
  classId: id.nullable(),
  className: z.string().nullable(),
});

/**
 * A class I teach or learn in («Мои классы», «Главная»): one entry per class and role, in school then class order.
 * A teacher's `subjects` are what they teach in that class; a student's are empty.
 */
export const myClass = z.object({
  id,
  schoolId: id,
  schoolName: z.string(),
  /** «7А». */
  name: z.string(),
  profile: z.string().nullable(),
  role: z.enum(['teacher', 'student']),
  subjects: z.array(z.string()),
});
export type MyClass = z.infer<typeof myClass>;

/** The signed-in person, with their schools for the left menu and their classes. */
export const me = z.object({
  id,
  phone: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  middleName: z.string().nullable(),
  gender,
  birthDate: z.string(),
  locale: z.enum(['ru', 'en']),
  isOperator: z.boolean(),
  memberships: z.array(membershipSummary),
  /** What the server lets me do across my schools, so screens never guess it from my roles. */
  can: z.object({
    /** «Создать групповой чат»: the schools where I may make a group chat (teachers, administration). */
    createGroupChatIn: z.array(id),
  }),
  classes: z.array(myClass),
});
export type Me = z.infer<typeof me>;
export const meResponse = z.object({ data: me });

/** ACC-3: editable personal data. */
export const updateProfileRequest = z.object({
  firstName: personName.optional(),
  lastName: personName.optional(),
  middleName: z.string().trim().max(64).nullable().optional(),
  gender: gender.optional(),
  birthDate: isoDate.optional(),
  locale: z.enum(['ru', 'en']).optional(),
});
