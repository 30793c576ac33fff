import type { z } from 'zod';
import type { createOperatorRequest, Me } from '@parta/contracts';
import { users } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import type { AuthDeps } from '../auth/otp.js';
import { findAccountByPhone, isUniqueViolation, loadMe } from '../auth/queries.js';
import { assertStrongPassword } from '../auth/rules.js';
import { createSession, rememberDevice } from '../auth/sessions.js';
import { checkTicket, spendTicket } from '../auth/tickets.js';
import { authorizeSetup } from './policy.js';
import { lockSetup, operatorExists } from './queries.js';

export type CreateOperatorInput = z.infer<typeof createOperatorRequest> & { deviceId: string; userAgent: string | undefined };

/**
 * The last step of the first run: the account of the platform operator (who adds schools to the registry and
 * names their administrators) for the phone a sign-up ticket proves, signed in on this browser. Instead of a
 * known password shipped with the software, the person at the server chooses one.
 *
 * Cheap refusals come before argon2 (a weak password, a ticket that proves nothing). The rest is one
 * transaction under the setup lock, so of two setups at once exactly one makes the operator and the other
 * finds the setup gone (404).
 */
export async function createOperator(deps: AuthDeps, local: boolean, input: CreateOperatorInput): Promise<{ me: Me; sessionToken: string }> {
  authorizeSetup({ operatorExists: await operatorExists(deps.db), local });
  assertStrongPassword(input.password);
  await checkTicket(deps.db, deps, { token: input.verificationToken, purpose: 'signup' });
  const passwordHash = await hashPassword(input.password);
  const { userId, sessionToken } = await deps.db.transaction(async (tx) => {
    await lockSetup(tx);
    if (await operatorExists(tx)) throw notFound();
    const phone = await spendTicket(tx, deps, { token: input.verificationToken, purpose: 'signup' });
    if (await findAccountByPhone(tx, phone)) throw new AppError('phone_taken');
    const now = deps.clock.now();
    let id: string;
    try {
      const [row] = await tx
        .insert(users)
        .values({
          phone,
          passwordHash,
          firstName: input.firstName,
          lastName: input.lastName,
          middleName: input.middleName ? input.middleName : null,
          gender: input.gender,
          birthDate: input.birthDate,
          isOperator: true,
          termsAcceptedAt: now,
          createdAt: now,
        })
        .returning({ id: users.id });
      if (!row) throw new Error('operator not inserted');
      id = row.id;
    } catch (err) {
      // A sign-up for the same number that got in between.
      if (isUniqueViolation(err)) throw new AppError('phone_taken');
      throw err;
    }
    const session = { db: tx, clock: deps.clock, secret: deps.secret };
    const token = await createSession(session, id, input.userAgent);
    await rememberDevice(session, id, input.deviceId);
    return { userId: id, sessionToken: token };
  });
  const me = await loadMe(deps.db, userId);
  if (!me) throw new Error('new operator vanished');
  return { me, sessionToken };
}
