/**
 * A real Parta server process for the crash test and the benchmarks: the same wiring as main.ts
 * (its database, event bus and app), plus, on a fresh database, a bulk-seeded school whose people,
 * sessions and chats are written to FIXTURE_FILE. Prints `PARTA_LISTENING <url>` once it listens.
 * On SIGUSR2 prints `PARTA_MESSAGES <count>` (how many messages are stored).
 *
 * Env: DATA_DIR (PGlite) or DATABASE_URL, REDIS_URL, PORT (0 = any), SEED_PEOPLE, SEED_CHAT_SIZE, FIXTURE_FILE.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { messages } from '../../db/chatSchema.js';
import { resolveSecret } from '../../db/secret.js';
import { systemClock } from '../../lib/clock.js';
import { createEventBus } from '../../platform/events/index.js';
import { createSmsProvider } from '../../platform/sms/index.js';
import { stopGracefullyOnSignals } from '../../shutdown.js';
import { seedPeople } from './seed.js';

// PORT=0 (any free port) is for listen only: the config wants a real port number.
const config = loadConfig({ LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...process.env, PORT: '3000', PARTA_DEMO: '0' });
const database = await openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/db` });
const secret = await resolveSecret(database.db, config.secretKey);
const fixtureFile = process.env.FIXTURE_FILE ?? `${config.dataDir}/fixture.json`;
if (!existsSync(fixtureFile)) {
  const seeded = await seedPeople(database.db, secret, {
    people: Number(process.env.SEED_PEOPLE ?? 3),
    chatSize: Number(process.env.SEED_CHAT_SIZE ?? 100),
  });
  writeFileSync(fixtureFile, JSON.stringify(seeded));
}
const events = await createEventBus(config);
const deps = { config, db: database.db, clock: systemClock, sms: createSmsProvider(config), events, secret };
const app = await buildApp(deps, { logger: { level: config.logLevel } });
const url = await app.listen({ port: Number(process.env.PORT ?? 0), host: config.host });
process.stdout.write(`PARTA_LISTENING ${url}\n`);

process.on('SIGUSR2', () => {
  void database.db
    .select({ n: count() })
    .from(messages)
    .then(([row]) => process.stdout.write(`PARTA_MESSAGES ${row?.n ?? 0}\n`));
});
// The same graceful stop as main.ts (the restart tests and benchmarks stop nodes with SIGTERM).
stopGracefullyOnSignals({
  app,
  db: database.db,
  closeRest: async () => {
    await events.close();
    await database.close();
  },
});
