import { eq } from 'drizzle-orm';
import webpush from 'web-push';
import type { Db } from './client.js';
import { instanceSettings } from './schema.js';

export interface VapidKeys {
  /** base64url, 65 bytes: the browsers' `applicationServerKey`. */
  publicKey: string;
  /** base64url, 32 bytes. */
  privateKey: string;
}

const KEY = 'vapid_keys';

/**
 * The Web Push key pair: VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY when set, else one generated on first need and kept in
 * the database, as the secret key is (db/secret.ts): every node signs with the same key, and a restart keeps it —
 * a new key would silently stop every browser's subscription. The first node to store it wins; the others read it.
 */
export async function resolveVapidKeys(db: Db, fromEnv: VapidKeys | null): Promise<VapidKeys> {
  if (fromEnv) return fromEnv;
  const [known] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, KEY));
  if (known) return parse(known.value);
  await db.insert(instanceSettings).values({ key: KEY, value: JSON.stringify(webpush.generateVAPIDKeys()) }).onConflictDoNothing();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, KEY));
  if (!row) throw new Error('vapid_keys could not be stored');
  return parse(row.value);
}

function parse(value: string): VapidKeys {
  const keys = JSON.parse(value) as Partial<VapidKeys>;
  if (typeof keys.publicKey !== 'string' || typeof keys.privateKey !== 'string') throw new Error('vapid_keys in the database are malformed');
  return { publicKey: keys.publicKey, privateKey: keys.privateKey };
}
