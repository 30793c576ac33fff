import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Makes a fresh database on the PostgreSQL server at `serverUrl` for one test process and
 * returns its URL; the run's global teardown (pgGlobalSetup.ts) drops it.
 */
export async function createTestDatabaseUrl(serverUrl: string): Promise<string> {
  const run = process.env.PARTA_TEST_RUN ?? 'adhoc';
  const name = `parta_test_${run}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
