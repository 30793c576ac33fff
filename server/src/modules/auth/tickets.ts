import type { OtpPurpose } from '@parta/contracts';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { verificationTickets } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { keyedHash, newToken } from '../../lib/secrets.js';

/** Long enough to type a password and fill in «Информация», short enough to be no lasting key. */
export const TICKET_TTL_MS = 15 * 60_000;

interface TicketDeps {
  clock: Clock;
  secret: string;
}

/** Stores a ticket proving `phone` was confirmed for `purpose`; returns the raw token (only its hash is kept). */
export async function issueTicket(db: DbOrTx, deps: TicketDeps, input: { phone: string; purpose: OtpPurpose }): Promise<string> {
  const token = newToken();
  const now = deps.clock.now();
  await db.insert(verificationTickets).values({
    tokenHash: keyedHash(deps.secret, token),
    phone: input.phone,
    purpose: input.purpose,
    expiresAt: new Date(now.getTime() + TICKET_TTL_MS),
    createdAt: now,
  });
  return token;
}

function validTicket(deps: TicketDeps, token: string, purpose: OtpPurpose, phone: string | undefined) {
  return and(
    eq(verificationTickets.tokenHash, keyedHash(deps.secret, token)),
    eq(verificationTickets.purpose, purpose),
    isNull(verificationTickets.consumedAt),
    gt(verificationTickets.expiresAt, deps.clock.now()),
    phone === undefined ? undefined : eq(verificationTickets.phone, phone),
  );
}

/**
 * The phone a live, unused ticket of this purpose proves (and, when given, only if it is that
 * phone); verification_invalid otherwise. Does not spend it.
 */
export async function checkTicket(
  db: DbOrTx,
  deps: TicketDeps,
  input: { token: string; purpose: OtpPurpose; phone?: string },
): Promise<string> {
  const [row] = await db
    .select({ phone: verificationTickets.phone })
    .from(verificationTickets)
    .where(validTicket(deps, input.token, input.purpose, input.phone))
    .limit(1);
  if (!row) throw new AppError('verification_invalid');
  return row.phone;
}

/**
 * Spends a ticket in one guarded update (call it inside the use-case's transaction, so a refusal
 * later in that transaction leaves the ticket unspent). Returns the phone it proves.
 */
export async function spendTicket(
  db: DbOrTx,
  deps: TicketDeps,
  input: { token: string; purpose: OtpPurpose; phone?: string },
): Promise<string> {
  const [row] = await db
    .update(verificationTickets)
    .set({ consumedAt: deps.clock.now() })
    .where(validTicket(deps, input.token, input.purpose, input.phone))
    .returning({ phone: verificationTickets.phone });
  if (!row) throw new AppError('verification_invalid');
  return row.phone;
}
