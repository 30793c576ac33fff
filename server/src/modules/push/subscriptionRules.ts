import { createPublicKey } from 'node:crypto';
import { isIP } from 'node:net';
import { AppError } from '../../lib/errors.js';

const invalid = (path: string, message: string) => new AppError('invalid_input', { fields: [{ path, message }] });

/**
 * Names that never lead to a browser vendor's push service: this machine, the local network, and the TLDs reserved
 * for tests and examples. The server POSTs to a subscription's endpoint, so a name like these would let a person make
 * it knock on doors inside the school's network.
 */
const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home', '.home.arpa', '.corp', '.intranet', '.test', '.example', '.invalid'];

/**
 * The endpoint as the server will POST to it: an https URL on a public host name (every browser's push service is
 * one), without credentials, or an origin the configuration names for a local test push service (PUSH_TEST_ORIGINS).
 * IP literals, single-label and local names are refused.
 */
export function checkEndpoint(endpoint: string, testOrigins: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid('endpoint', 'invalid_url');
  }
  if (testOrigins.includes(url.origin)) return url.href;
  if (url.protocol !== 'https:') throw invalid('endpoint', 'not_https');
  if (url.username || url.password) throw invalid('endpoint', 'credentials');
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) throw invalid('endpoint', 'ip_address');
  if (!host.includes('.') || host === 'localhost' || LOCAL_SUFFIXES.some((s) => host.endsWith(s))) {
    throw invalid('endpoint', 'local_host');
  }
  return url.href;
}

/**
 * The browser's keys: p256dh must be an uncompressed point on P-256 (65 bytes, 0x04 first) and auth 16 bytes, or
 * nothing could ever be encrypted to them (RFC 8291 §3). Returned in unpadded base64url.
 */
export function checkKeys(keys: { p256dh: string; auth: string }): { p256dh: string; auth: string } {
  const point = Buffer.from(keys.p256dh, 'base64url');
  if (point.length !== 65 || point[0] !== 4 || !onCurve(point)) throw invalid('keys.p256dh', 'invalid_key');
  const auth = Buffer.from(keys.auth, 'base64url');
  if (auth.length !== 16) throw invalid('keys.auth', 'invalid_key');
  return { p256dh: point.toString('base64url'), auth: auth.toString('base64url') };
}

function onCurve(point: Buffer): boolean {
  try {
    createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
      format: 'jwk',
    });
    return true;
  } catch {
    return false;
  }
}
