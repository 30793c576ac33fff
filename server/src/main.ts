import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { resolveSecret } from './db/secret.js';
import { systemClock } from './lib/clock.js';
import { createEventBus } from './platform/events/index.js';
import { createSmsProvider } from './platform/sms/index.js';
import { seedDemoIfEmpty } from './demo/seedDemo.js';
import { operatorExists } from './modules/setup/queries.js';
import { startMetricsListener } from './observability/listener.js';
import { stopGracefullyOnSignals } from './shutdown.js';

// `npm run demo` passes --demo: the same switch as PARTA_DEMO=1, without shell syntax that Windows lacks.
const config = loadConfig(process.argv.includes('--demo') ? { ...process.env, PARTA_DEMO: '1' } : process.env);
const database = await openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/db` });
const secret = await resolveSecret(database.db, config.secretKey);
const events = await createEventBus(config);
const sms = createSmsProvider(config);
const deps = { config, db: database.db, clock: systemClock, sms, events, secret };
const app = await buildApp(deps);

if (config.demo && !(await seedDemoIfEmpty(deps, app.log))) {
  app.log.info('demo: not loaded, the database already has accounts');
}

await app.listen({ port: config.port, host: config.host });
const url = config.publicUrl ?? `http://localhost:${config.port}`;
app.log.info(`Parta is running at ${url} (database: ${database.kind})`);
if (!(await operatorExists(database.db))) {
  // Whoever started the server reads this log: say where the first run happens (the page answers only this machine).
  app.log.info(`First run: open http://localhost:${config.port} on this machine to create the platform operator's account, or to try the demo school`);
}

// Observability (docs/OPERATIONS.md): Prometheus metrics on an internal port, never on the public one.
const metricsListener = config.metrics.listener ? await startMetricsListener(config.metrics.listener, app.log) : null;

// SIGTERM/SIGINT: stop taking connections, move sockets to another node, finish what is in flight, exit 0.
stopGracefullyOnSignals({
  app,
  db: database.db,
  closeRest: async () => {
    await metricsListener?.close();
    await events.close();
    await database.close();
  },
});
