import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random token for cookies and links: 32 bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Keyed hash for tokens and SMS codes. Keyed, because a 6-digit code's plain hash falls to a
 * million guesses; without the server's key a stolen table tells nothing.
 */
export function keyedHash(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
