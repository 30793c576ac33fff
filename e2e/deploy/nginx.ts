import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const recipe = fileURLToPath(new URL('../../deploy/nginx/parta.conf', import.meta.url));

export interface NginxOptions {
  /** Its own directory: configuration, pid, logs, temporary files. No file under /etc or /var is used. */
  prefix: string;
  /** The https port (443 in the recipe) and the plain-http one (80), on 127.0.0.1. */
  httpsPort: number;
  httpPort: number;
  /** The Parta nodes' ports on 127.0.0.1 (the recipe lists two; the same line is repeated for more). */
  nodePorts: number[];
  /** The web app's build (its /assets/ are served from here). */
  webDist: string;
  worker?: { processes: number; connections: number };
}

/** A self-signed certificate for 127.0.0.1 made with openssl into `dir`; returns its two files. */
export function makeCertificate(dir: string): { cert: string; key: string } {
  mkdirSync(dir, { recursive: true });
  const cert = path.join(dir, 'fullchain.pem');
  const key = path.join(dir, 'privkey.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { cert, key };
}

/**
 * Starts Debian's nginx in the foreground with deploy/nginx/parta.conf, only its addresses, ports and paths replaced
 * (each replacement is checked to find its text, so the recipe and its tests cannot drift apart), inside an http{}
 * block with what Debian's /etc/nginx/nginx.conf gives every site.
 */
export function startNginx(opts: NginxOptions): ChildProcess {
  const { prefix } = opts;
  const tls = makeCertificate(path.join(prefix, 'tls'));
  let site = readFileSync(recipe, 'utf8');
  const [first, second, ...more] = opts.nodePorts;
  const swaps: [string, string][] = [
    ['    server 127.0.0.1:3001 ', [first, ...more].map((p) => `    server 127.0.0.1:${p} `).join('max_fails=1 fail_timeout=5s;\n')],
    ['server 127.0.0.1:3002 ', `server 127.0.0.1:${second} `],
    ['listen 80;', `listen 127.0.0.1:${opts.httpPort};`],
    ['listen 443 ssl http2;', `listen 127.0.0.1:${opts.httpsPort} ssl http2;`],
    // Loopback only, IPv4: the machine may have no IPv6, and a test must not listen on the network.
    ['listen [::]:80;', ''],
    ['listen [::]:443 ssl http2;', ''],
    ['/etc/ssl/parta/fullchain.pem', tls.cert],
    ['/etc/ssl/parta/privkey.pem', tls.key],
    ['root /opt/parta/web/dist;', `root ${opts.webDist};`],
  ];
  for (const [from, to] of swaps) {
    if (!site.includes(from)) throw new Error(`deploy/nginx/parta.conf no longer has «${from}»: update its tests with the recipe`);
    site = site.replaceAll(from, to);
  }
  writeFileSync(path.join(prefix, 'parta.conf'), site);
  const worker = opts.worker ?? { processes: 1, connections: 4096 };
  const main = [
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    `worker_processes ${worker.processes};`,
    `worker_rlimit_nofile ${worker.connections * 2 + 100};`,
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`,
    `events { worker_connections ${worker.connections}; }`,
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
  const child = spawn('/usr/sbin/nginx', [...args, '-g', 'daemon off;'], { stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  return child;
}
