import { type ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startFakeS3 } from '../../server/src/platform/storage/fakeS3Server.js';
import { startJanus, stop } from '../support/globalSetup.js';
import { repoDir, serverLog, tmpDir, webDist } from '../support/paths.js';
import {
  clusterFile, httpPort, httpsUrl, nodePorts, parseEnvFile, readCluster, signalAndWait, startNode, waitForHealth, writeCluster,
} from './cluster.js';
import { startNginx } from './nginx.js';

const deployDir = path.join(repoDir, 'deploy');
const pgServer = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Starts docs/DEPLOY.md's deployment on this machine, from the recipe's own files: nginx with deploy/nginx/parta.conf
 * and a certificate made for the run (nginx.ts: Debian's nginx as a child process with its own prefix, so no file
 * under /etc is read or written), two Parta nodes with deploy/env/*.env on a fresh PostgreSQL database and Redis, uploads in
 * an S3-compatible store (the tests' fake S3), lessons through Janus. Only addresses, ports, paths and secrets are
 * replaced, each checked to be there, so the recipe and this test cannot drift apart.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  mkdirSync(tmpDir, { recursive: true });
  if (process.env.PARTA_E2E_SKIP_BUILD !== '1' || !existsSync(path.join(webDist, 'index.html'))) {
    execFileSync('npm', ['run', 'build', '-w', 'web', '--', '--outDir', webDist, '--emptyOutDir'], { cwd: repoDir, stdio: 'inherit' });
  }
  writeFileSync(serverLog, '');

  const databaseUrl = await createDatabase();
  const s3 = await startFakeS3();
  const janusEnv: NodeJS.ProcessEnv = {};
  let janus: ChildProcess | null = null;
  const nginx: { child: ChildProcess | null } = { child: null };
  const teardown = async () => {
    const state = existsSync(clusterFile) ? readCluster() : null;
    for (const pid of state?.pids ?? []) if (!(await signalAndWait(pid, 'SIGTERM', 30_000))) process.kill(pid, 'SIGKILL');
    if (nginx.child) await stop(nginx.child);
    if (janus) await stop(janus);
    await s3.close();
    await dropDatabase(databaseUrl);
  };

  try {
    janus = await startJanus(janusEnv);
    const shared = parseEnvFile(path.join(deployDir, 'env', 'parta.env'));
    const replaced: Record<string, string> = {
      PUBLIC_URL: httpsUrl,
      SECRET_KEY: randomBytes(32).toString('hex'),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      WEB_DIST: webDist,
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_REGION: s3.region,
      MEDIA_SFU: 'janus',
      JANUS_URL: janusEnv.JANUS_URL as string,
      // SMS codes to the log, where the tests read them; no coturn (the browsers share the machine with Janus).
      SMS_PROVIDER: 'dev',
    };
    for (const key of Object.keys(replaced)) if (!(key in shared)) throw new Error(`deploy/env/parta.env has no ${key}`);
    for (const key of ['SMS_HTTP_URL', 'SMS_HTTP_TOKEN', 'TURN_URL', 'TURN_SECRET']) delete shared[key];
    // The run's browsers all sign in from 127.0.0.1 to the demo's numbers: the SMS limits would refuse its own codes.
    const testOnly = { SMS_PER_IP_PER_HOUR: '1000', SMS_PER_PHONE_PER_HOUR: '1000', SMS_PER_PHONE_PER_DAY: '1000', LOG_LEVEL: 'info' };
    const nodeEnv = nodePorts.map((port, i) => {
      const own = parseEnvFile(path.join(deployDir, 'env', `node-${i + 1}.env`));
      if (!own.PORT || !own.DATA_DIR) throw new Error(`deploy/env/node-${i + 1}.env lacks PORT or DATA_DIR`);
      return { ...shared, ...replaced, ...testOnly, PORT: String(port), DATA_DIR: path.join(tmpDir, `node-${i + 1}`) };
    });

    // Node 1 first, with the demo school (loaded into the empty database); then node 2 on the same database.
    const pids: number[] = [];
    pids.push(startNode({ ...nodeEnv[0], PARTA_DEMO: '1' }));
    writeCluster({ nodeEnv, pids, nginxPid: 0, databaseUrl });
    await waitForHealth(`http://127.0.0.1:${nodePorts[0]}`, 120_000, pids[0]);
    pids.push(startNode(nodeEnv[1] as Record<string, string>));
    writeCluster({ nodeEnv, pids, nginxPid: 0, databaseUrl });
    await waitForHealth(`http://127.0.0.1:${nodePorts[1]}`, 120_000, pids[1]);

    const prefix = path.join(tmpDir, 'nginx');
    mkdirSync(prefix, { recursive: true });
    nginx.child = startNginx({ prefix, httpsPort: Number(new URL(httpsUrl).port), httpPort, nodePorts: [...nodePorts], webDist });
    writeCluster({ nodeEnv, pids, nginxPid: nginx.child.pid as number, databaseUrl });
    await waitForHealth(httpsUrl, 30_000);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

async function createDatabase(): Promise<string> {
  const name = `parta_deploy_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgServer });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgServer);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: pgServer });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();
}
