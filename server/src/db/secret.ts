import { eq } from 'drizzle-orm';
import { randomSecret } from '../config.js';
import type { Db } from './client.js';
import { instanceSettings } from './schema.js';

/**
 * The key for hashing tokens and codes: SECRET_KEY when set, else one generated on first start
 * and kept in the database, so every node of an installation shares it.
 */
export async function resolveSecret(db: Db, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  await db.insert(instanceSettings).values({ key: 'secret_key', value: randomSecret() }).onConflictDoNothing();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, 'secret_key'));
  if (!row) throw new Error('secret_key could not be stored');
  return row.value;
}
