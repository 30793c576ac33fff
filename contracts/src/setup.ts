import { z } from 'zod';
import { gender, isoDate, personName, phone } from './common.js';
import { password } from './auth.js';

/**
 * The first run of a fresh installation: no platform operator yet. GET /api/setup answers 404 once one exists —
 * and from then on forever — so the app shows its first-run screen only before that.
 */
export const setupStatusResponse = z.object({
  data: z.object({
    /** This browser is on the machine the server runs on: only there may the operator be created or the demo loaded. */
    local: z.boolean(),
    /** SMS codes are printed in the server's log (the development SMS provider), not sent. */
    smsInLog: z.boolean(),
    /** No account at all yet: «Попробовать демо-школу» is offered. */
    emptyDatabase: z.boolean(),
  }),
});

/** Step 1: the operator's phone; an SMS code goes to it. */
export const setupCodeRequest = z.object({ phone });

/** Step 2: the code from the SMS; the answer is a ticket proving the phone for step 3. */
export const setupVerifyRequest = z.object({ phone, code: z.string().trim().regex(/^\d{6}$/) });

/** Step 3: the operator's name and password. Creates the account, makes it the operator and signs in. */
export const createOperatorRequest = z.object({
  verificationToken: z.string().min(1).max(256),
  password,
  firstName: personName,
  lastName: personName,
  middleName: z.string().trim().max(64).optional(),
  gender,
  birthDate: isoDate,
});

/** Who a demo account is; the UI names them in its language. */
export const demoAccountRole = z.enum(['operator', 'admin', 'teacher', 'student']);

/** «Попробовать демо-школу»: the demo is loaded; these accounts share one published password. */
export const loadDemoResponse = z.object({
  data: z.object({
    password: z.string(),
    accounts: z.array(z.object({ phone: z.string(), role: demoAccountRole })),
  }),
});
