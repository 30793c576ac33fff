/**
 * `npm run bench:web`: how fast Parta's first screens are on a phone and a computer. Builds the web app, starts the
 * server as `npm start` does (its own embedded database with the demo school, its own port), and runs Lighthouse
 * 12.2.3 in Debian's Chromium — the mobile preset (a mid-range phone on slow 4G, simulated) and the desktop preset,
 * `--runs` (3) runs each, cold cache — on the landing page and, signed in as the demo student (through the API, the
 * code of a new device read from the server log, the cookies handed to the browser), on «Главная» and the student's
 * class chat (40 messages, written by the bench). Prints per page and preset the medians of the performance score, FCP, LCP, TBT, Speed Index, CLS
 * and the JavaScript the first screen loaded (bytes as sent, compressed); also what the server answers for a
 * script (Content-Encoding, Cache-Control). Ends with one line of JSON.
 *
 * Targets (issue 12): mobile performance ≥ 90 on the landing page, ≥ 80 on «Главная» and a chat; ≤ 200 KB of
 * compressed JavaScript on each first screen.
 *
 * Options: --runs=3 --presets=mobile,desktop --pages=landing,login,home,chat --port=3270 --dist=DIR (serve an
 * existing build instead of building)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, round } from '../lib/stats.js';
import { type Figures, launchChromium, measure, type Preset } from './lighthouse.js';
import { buildWebApp, type CookieJar, seedChat, signIn, startServer } from './server.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const RUNS = Number(args.get('runs') ?? 3);
const PRESETS = (args.get('presets') ?? 'mobile,desktop').split(',') as Preset[];
const PAGES = (args.get('pages') ?? 'landing,home,chat').split(',') as PageName[];
const PORT = Number(args.get('port') ?? process.env.WEB_BENCH_PORT ?? 3270);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The demo student (students and parents are the ones on phones); the teacher writes in the chat with them. */
const STUDENT = { phone: '+79000000003', password: 'parta-demo' };
const TEACHER = { phone: '+79000000002', password: 'parta-demo' };
const TARGETS = { mobileScore: { landing: 90, login: 90, home: 80, chat: 80 }, firstScreenJsKB: 200 };

type PageName = 'landing' | 'login' | 'home' | 'chat';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function medians(runs: Figures[]) {
  const of = (k: keyof Figures, digits = 0) => round(median(runs.map((r) => r[k])), digits);
  return {
    score: of('score'), fcpMs: of('fcpMs'), lcpMs: of('lcpMs'), tbtMs: of('tbtMs'), speedIndexMs: of('speedIndexMs'),
    cls: of('cls', 3), jsKB: of('jsKB', 1), scripts: of('scripts'), totalKB: of('totalKB', 1),
    scores: runs.map((r) => r.score),
  };
}

/** What the server answers for the entry script when the browser accepts brotli. */
async function scriptHeaders(url: string) {
  const html = await (await fetch(`${url}/`)).text();
  const src = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error('index.html names no script');
  const res = await fetch(`${url}${src}`, { headers: { 'accept-encoding': 'br, gzip' } });
  await res.arrayBuffer();
  return { path: src, contentEncoding: res.headers.get('content-encoding'), cacheControl: res.headers.get('cache-control') };
}

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), 'parta-bench-web-'));
  const before = machine();
  let dist = args.get('dist');
  if (!dist) {
    dist = path.join(work, 'dist');
    console.error(`building the web app into ${dist}…`);
    buildWebApp(repo, dist);
  }
  const server = await startServer(repo, { port: PORT, dataDir: path.join(work, 'data'), dist, log: path.join(work, 'server.log') });
  const results: Partial<Record<PageName, Partial<Record<Preset, ReturnType<typeof medians> & { load1: number }>>>> = {};
  try {
    const headers = await scriptHeaders(server.url);
    let jar: CookieJar | null = null;
    let chat: Awaited<ReturnType<typeof seedChat>> | null = null;
    if (PAGES.includes('home') || PAGES.includes('chat')) {
      jar = await signIn(server, STUDENT.phone, STUDENT.password);
      chat = await seedChat(server, await signIn(server, TEACHER.phone, TEACHER.password), jar);
    }
    const paths: Record<PageName, string> = { landing: '/', login: '/login', home: '/home', chat: `/chats/${chat?.id ?? ''}` };
    console.log(`Parta web app on ${server.url}; Lighthouse ${RUNS}× per page and preset; scripts answered as`, headers);
    if (chat) console.log(`chat: «${chat.name}», ${chat.messages} messages`);
    for (const page of PAGES) {
      const browser = await launchChromium();
      try {
        const signedIn = page === 'home' || page === 'chat';
        if (signedIn && jar) await browser.setCookies(server.url, jar);
        for (const preset of PRESETS) {
          const runs: Figures[] = [];
          const load1 = round(loadavg()[0] ?? 0, 1);
          for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, `${server.url}${paths[page]}`, preset));
          const m = { ...medians(runs), load1 };
          results[page] = { ...results[page], [preset]: m };
          console.log(
            `${page.padEnd(8)} ${preset.padEnd(8)} score ${String(m.score).padStart(3)} (${m.scores.join(', ')})  FCP ${m.fcpMs} ms  ` +
            `LCP ${m.lcpMs} ms  TBT ${m.tbtMs} ms  SI ${m.speedIndexMs} ms  CLS ${m.cls}  JS ${m.jsKB} KB in ${m.scripts} scripts  ` +
            `all ${m.totalKB} KB  (load ${load1})`,
          );
        }
      } finally {
        await browser.close();
      }
    }
    const met = PAGES.every((p) => {
      const mobile = results[p]?.mobile;
      const js = Math.max(...PRESETS.map((pr) => results[p]?.[pr]?.jsKB ?? 0));
      return (!mobile || mobile.score >= TARGETS.mobileScore[p]) && js <= TARGETS.firstScreenJsKB;
    });
    console.log(JSON.stringify({
      bench: 'web', lighthouse: '12.2.3', runs: RUNS, targets: TARGETS, met, scriptHeaders: headers, results,
      machine: { ...before, loadavg1After: machine().loadavg1 },
    }));
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
