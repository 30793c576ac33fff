import { AppError } from '../../lib/errors.js';
import type { PageKey } from './queries.js';

/*
 * A search cursor is the last shown hit's (rank, time, id), opaque to the client: base64url of a
 * JSON array. A cursor that does not decode to that shape is bad input (400), never a query.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** ts_rank as PostgreSQL prints a float4, e.g. 0.0607927 or 1e-20. */
const RANK = /^\d+(\.\d+)?(e[-+]?\d+)?$/;
/** A timestamptz as PostgreSQL prints it (DateStyle ISO), e.g. 2026-12-07 02:24:53.123456+00. */
const AT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.rank, key.at, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string): PageKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('invalid_input');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw new AppError('invalid_input');
  const [rank, at, id] = parsed as unknown[];
  if (typeof rank !== 'string' || !RANK.test(rank) || typeof at !== 'string' || !AT.test(at) || typeof id !== 'string' || !UUID.test(id)) {
    throw new AppError('invalid_input');
  }
  return { rank, at, id };
}
