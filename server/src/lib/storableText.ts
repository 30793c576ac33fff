// U+0000 cannot be stored in a PostgreSQL text column, and an unpaired surrogate (JSON allows "\ud800")
// cannot be encoded as UTF-8 for the database or a socket frame: both used to end as a 500.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as it can be kept: NUL removed, an unpaired surrogate replaced by U+FFFD (as a UTF-8 decoder would). */
export function cleanText(text: string): string {
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\ufffd');
}

/**
 * Every string in a parsed body, query, params or socket frame, cleaned in place (arrays and nested
 * objects too, keys included); returns the value, replaced when it was a string itself.
 */
export function cleanStrings(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = cleanStrings(value[i]);
    return value;
  }
  if (value && typeof value === 'object' && !(value instanceof Buffer)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const cleaned = cleanStrings(record[key]);
      const cleanKey = cleanText(key);
      if (cleanKey !== key) {
        delete record[key];
        record[cleanKey] = cleaned;
      } else {
        record[key] = cleaned;
      }
    }
  }
  return value;
}
