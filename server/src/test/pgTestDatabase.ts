import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Makes a fresh database on the PostgreSQL server at `serverUrl` for one test process and
 * returns its URL; it is dropped when the process exits.
 */
export async function createTestDatabaseUrl(serverUrl: string): Promise<string> {
  const name = `parta_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.once('beforeExit', async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    try {
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch {
      // A leftover test database harms nothing; the next run makes its own.
    } finally {
      await c.end().catch(() => undefined);
    }
  });
  return url.toString();
}
