import pg from 'pg';

/**
 * Vitest kills its workers without running exit hooks, so the per-file test databases are
 * dropped here, once the whole run is over.
 */
export default function setup() {
  return async function teardown() {
    const url = process.env.TEST_DATABASE_URL;
    const run = process.env.PARTA_TEST_RUN;
    if (!url || !run) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`parta\\_test\\_${run}\\_%`],
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
}
