import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../../db/schema.js';

export async function operatorExists(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.isOperator, true)).limit(1);
  return Boolean(row);
}

export async function hasAnyUser(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return Boolean(row);
}

/**
 * Serialises the first-run steps that create the first accounts (the operator, the demo) across requests and
 * server nodes, until the transaction ends: two at once make one operator, never two, and never an operator
 * beside a demo school.
 */
export async function lockSetup(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7310, 0)`);
}
