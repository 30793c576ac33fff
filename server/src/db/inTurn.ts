type Thunks = readonly (() => unknown)[];

/**
 * Runs queries one after another and returns their results as Promise.all would. Inside a
 * transaction there is one connection, which runs one query at a time anyway; overlapping them
 * only earns pg's "client is already executing a query" deprecation warning.
 */
export async function inTurn<T extends Thunks>(thunks: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = [];
  for (const run of thunks) results.push(await run());
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}
