import type { FastifyInstance } from 'fastify';

// U+0000 cannot be stored in a PostgreSQL text column, and an unpaired surrogate (JSON allows "\ud800")
// cannot be encoded as UTF-8 for the database or a socket frame: both used to end as a 500.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as it can be kept: NUL removed, an unpaired surrogate replaced by U+FFFD (as a UTF-8 decoder would). */
export function cleanText(text: string): string {
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\ufffd');
}

/** Every string in a parsed body, query or params, cleaned in place (arrays and nested objects too). */
export function cleanStrings(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = cleanStrings(value[i]);
    return value;
  }
  if (value && typeof value === 'object' && !(value instanceof Buffer)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = cleanStrings(record[key]);
  }
  return value;
}

/**
 * Before validation, whatever a person typed or pasted is made storable, so that no input reaches the
 * database or a socket as something they cannot carry. Nothing is refused for it: the rest of what
 * they wrote is kept.
 */
export function installTextHygiene(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    if (req.body !== undefined && req.body !== null) req.body = cleanStrings(req.body);
    cleanStrings(req.query);
    cleanStrings(req.params);
  });
}
