import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startFakeS3 } from '../../server/src/platform/storage/fakeS3Server.js';
import { startJanus, stop } from '../support/globalSetup.js';
import { repoDir, serverLog, tmpDir, webDist } from '../support/paths.js';
import {
  clusterFile, httpPort, httpsUrl, nodePorts, parseEnvFile, readCluster, signalAndWait, startNode, waitForHealth, writeCluster,
} from './cluster.js';

const deployDir = path.join(repoDir, 'deploy');
const pgServer = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Starts docs/DEPLOY.md's deployment on this machine, from the recipe's own files: a certificate made for the run
 * (openssl), nginx (Debian's, as a child process with its own prefix: no file under /etc is read or written) with
 * deploy/nginx/parta.conf, two Parta nodes with deploy/env/*.env on a fresh PostgreSQL database and Redis, uploads in
 * an S3-compatible store (the tests' fake S3), lessons through Janus. Only addresses, ports, paths and secrets are
 * replaced, each checked to be there, so the recipe and this test cannot drift apart.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  mkdirSync(tmpDir, { recursive: true });
  if (process.env.PARTA_E2E_SKIP_BUILD !== '1' || !existsSync(path.join(webDist, 'index.html'))) {
    execFileSync('npm', ['run', 'build', '-w', 'web', '--', '--outDir', webDist, '--emptyOutDir'], { cwd: repoDir, stdio: 'inherit' });
  }
  writeFileSync(serverLog, '');

  const tls = path.join(tmpDir, 'tls');
  mkdirSync(tls, { recursive: true });
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', path.join(tls, 'privkey.pem'), '-out', path.join(tls, 'fullchain.pem'),
  ], { stdio: 'ignore' });

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

    nginx.child = startNginx(tls);
    writeCluster({ nodeEnv, pids, nginxPid: nginx.child.pid as number, databaseUrl });
    await waitForHealth(httpsUrl, 30_000);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

/** Writes nginx's files under the run's directory from deploy/nginx/parta.conf and starts it in the foreground. */
function startNginx(tls: string): ChildProcess {
  const prefix = path.join(tmpDir, 'nginx');
  mkdirSync(prefix, { recursive: true });
  let site = readFileSync(path.join(deployDir, 'nginx', 'parta.conf'), 'utf8');
  const swaps: [string, string][] = [
    ['server 127.0.0.1:3001 ', `server 127.0.0.1:${nodePorts[0]} `],
    ['server 127.0.0.1:3002 ', `server 127.0.0.1:${nodePorts[1]} `],
    ['listen 80;', `listen 127.0.0.1:${httpPort};`],
    ['listen 443 ssl http2;', `listen 127.0.0.1:${httpsUrl.split(':').at(-1)} ssl http2;`],
    // Loopback only, IPv4: the machine may have no IPv6, and the test must not listen on the network.
    ['listen [::]:80;', ''],
    ['listen [::]:443 ssl http2;', ''],
    ['/etc/ssl/parta/fullchain.pem', path.join(tls, 'fullchain.pem')],
    ['/etc/ssl/parta/privkey.pem', path.join(tls, 'privkey.pem')],
    ['root /opt/parta/web/dist;', `root ${webDist};`],
  ];
  for (const [from, to] of swaps) {
    if (!site.includes(from)) throw new Error(`deploy/nginx/parta.conf no longer has «${from}»: update the test with the recipe`);
    site = site.replaceAll(from, to);
  }
  writeFileSync(path.join(prefix, 'parta.conf'), site);
  // What Debian's /etc/nginx/nginx.conf gives every site (mime types, sendfile), with paths of the run's own.
  const main = [
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    'worker_processes 1;',
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    '  sendfile on;',
    `  access_log ${prefix}/access.log;`,
    `  client_body_temp_path ${prefix}/body;`,
    `  proxy_temp_path ${prefix}/proxy;`,
    `  fastcgi_temp_path ${prefix}/fastcgi;`,
    `  uwsgi_temp_path ${prefix}/uwsgi;`,
    `  scgi_temp_path ${prefix}/scgi;`,
    `  include ${prefix}/parta.conf;`,
    '}',
  ].join('\n');
  writeFileSync(path.join(prefix, 'nginx.conf'), main);
  const args = ['-p', prefix, '-e', path.join(prefix, 'error.log'), '-c', path.join(prefix, 'nginx.conf')];
  execFileSync('/usr/sbin/nginx', ['-t', ...args], { stdio: 'pipe' });
  const log = openSync(path.join(prefix, 'stderr.log'), 'w');
  const child = spawn('/usr/sbin/nginx', [...args, '-g', 'daemon off;'], {
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  return child;
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
