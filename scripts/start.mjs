// `npm start` (and `npm run demo`): builds what is missing or out of date, then runs the server as compiled JavaScript
// in this process (docs/OPERATIONS.md «Start»). Plain JavaScript, so that starting needs no TypeScript loader.
//   web app → web/dist (WEB_DIST), with Vite, only when web/src, contracts, configs or package-lock.json changed;
//   server  → server/dist (PARTA_SERVER_DIST), one esbuild bundle of server/src and contracts (npm packages stay
//             external), only when those changed.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isCurrent, repoRoot, serverInputs, stampOf, webInputs, writeStamp } from './buildStamp.mjs';

const here = process.env.INIT_CWD ?? process.cwd();
const webDist = path.resolve(here, process.env.WEB_DIST ?? path.join(repoRoot, 'web/dist'));
const serverDist = path.resolve(here, process.env.PARTA_SERVER_DIST ?? path.join(repoRoot, 'server/dist'));
const say = (line) => process.stderr.write(`parta start: ${line}\n`);

function buildWeb() {
  const stamp = stampOf(repoRoot, webInputs);
  if (isCurrent(webDist, 'index.html', stamp)) return say(`web app is current (${path.relative(here, webDist) || '.'})`);
  say('building the web app (its sources changed or it is missing)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build', '--workspace', 'web', '--', '--outDir', webDist, '--emptyOutDir'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) throw new Error('the web app did not build (see above)');
  writeStamp(webDist, stamp);
}

async function buildServer() {
  const stamp = stampOf(repoRoot, serverInputs);
  if (isCurrent(serverDist, 'main.js', stamp)) return say(`server is current (${path.relative(here, serverDist) || '.'})`);
  say('compiling the server…');
  const started = Date.now();
  // Loaded only when needed: a current build starts without it.
  const esbuild = await import('esbuild');
  const deps = (file) => Object.keys(JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')).dependencies ?? {});
  // npm packages are loaded from node_modules as usual; only our own code (server and contracts) is bundled.
  const external = [...deps('server/package.json'), ...deps('contracts/package.json')].flatMap((d) => [d, `${d}/*`]);
  rmSync(serverDist, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: path.join(repoRoot, 'server'),
    entryPoints: { main: 'src/main.ts', 'sfu-process': 'src/platform/media/werift/process.ts' },
    outdir: serverDist,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    sourcemap: true,
    external,
    logLevel: 'warning',
  });
  await esbuild.stop();
  // The bundle's code finds the migrations beside itself (db/client.ts: new URL('./migrations', import.meta.url)).
  cpSync(path.join(repoRoot, 'server/src/db/migrations'), path.join(serverDist, 'migrations'), { recursive: true });
  writeStamp(serverDist, stamp);
  say(`server compiled in ${Date.now() - started} ms`);
}

mkdirSync(serverDist, { recursive: true });
buildWeb();
await buildServer();
process.setSourceMapsEnabled(true);
if (!process.env.WEB_DIST) process.env.WEB_DIST = webDist;
await import(pathToFileURL(path.join(serverDist, 'main.js')).href);
