import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import lighthouse, { type Config, desktopConfig, type Result } from 'lighthouse';
import { sleep } from '../lib/stats.js';

/** Debian's Chromium with the flags of the browser tests (e2e/playwright.config.ts, DESIGN.md). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export interface Browser {
  port: number;
  /** Gives the browser these cookies for `origin`, as if it had signed in there itself. */
  setCookies: (origin: string, cookies: Map<string, string>) => Promise<void>;
  close: () => Promise<void>;
}

/** A fresh Chromium (its own empty profile) that Lighthouse drives over the DevTools protocol. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'parta-bench-web-chrome-'));
  const child = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${text}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${text}`)));
  });
  child.stderr?.resume();
  return {
    port: Number(new URL(wsUrl).port),
    setCookies: (origin, cookies) => setCookies(wsUrl, origin, cookies),
    close: async () => {
      await stop(child);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if ((await Promise.race([exited, sleep(5000).then(() => 'late')])) === 'late') child.kill('SIGKILL');
}

/** Storage.setCookies on the browser's own DevTools target: cookies every later page of this profile sends. */
async function setCookies(wsUrl: string, origin: string, cookies: Map<string, string>): Promise<void> {
  const ws = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  try {
    const answer = new Promise<{ error?: unknown }>((resolve) => {
      ws.onmessage = (e) => resolve(JSON.parse(String(e.data)));
    });
    ws.send(JSON.stringify({
      id: 1,
      method: 'Storage.setCookies',
      params: { cookies: [...cookies].map(([name, value]) => ({ name, value, url: origin, httpOnly: true, sameSite: 'Lax' })) },
    }));
    const { error } = await answer;
    if (error) throw new Error(`Storage.setCookies: ${JSON.stringify(error)}`);
  } finally {
    ws.close();
  }
}

export type Preset = 'mobile' | 'desktop';

/**
 * Lighthouse's two presets as the CLI has them (`--preset=desktop`, or none for mobile: a mid-range phone on slow 4G,
 * simulated: 150 ms round trips, 1.6 Mbps down, the CPU 4× slower), the performance category only.
 */
function configOf(preset: Preset): Config {
  if (preset === 'desktop') return { ...desktopConfig, settings: { ...desktopConfig.settings, onlyCategories: ['performance'] } };
  return { extends: 'lighthouse:default', settings: { onlyCategories: ['performance'] } };
}

export interface Figures {
  score: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  speedIndexMs: number;
  cls: number;
  /** Bytes of JavaScript the page loaded, as sent (compressed), and the number of scripts. */
  jsKB: number;
  scripts: number;
  /** Bytes of everything the page loaded, as sent. */
  totalKB: number;
}

interface NetworkItem { url: string; resourceType?: string; transferSize?: number; mimeType?: string }

/**
 * One Lighthouse run (cold cache: Lighthouse clears it first; cookies are kept) of `url` in `browser`. A run whose
 * trace Lighthouse could not read (NO_NAVSTART and the like, seen on a machine overloaded by other jobs) is run again,
 * up to three times.
 */
export async function measure(browser: Browser, url: string, preset: Preset): Promise<Figures> {
  for (let attempt = 1; ; attempt++) {
    const runner = await lighthouse(url, { port: browser.port, output: 'json', logLevel: 'error' }, configOf(preset));
    if (!runner) throw new Error(`Lighthouse returned nothing for ${url}`);
    const lhr: Result = runner.lhr;
    if (!lhr.runtimeError) {
      keepReport(lhr, url, preset);
      return figuresOf(lhr, url);
    }
    if (attempt >= 3) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    console.error(`Lighthouse: ${lhr.runtimeError.code} on ${url}; running again`);
  }
}

/** With WEB_BENCH_REPORTS=DIR, each run's whole Lighthouse report is written there, to read what it blames. */
function keepReport(lhr: Result, url: string, preset: Preset) {
  const dir = process.env.WEB_BENCH_REPORTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const name = `${new URL(url).pathname.replace(/\W+/g, '_') || 'root'}-${preset}-${Date.now()}.json`;
  writeFileSync(path.join(dir, name), JSON.stringify(lhr));
}

function figuresOf(lhr: Result, url: string): Figures {
  const finalUrl = lhr.finalDisplayedUrl;
  if (new URL(finalUrl).pathname !== new URL(url).pathname) throw new Error(`${url} ended on ${finalUrl}`);
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const items = ((lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined)?.items ?? []);
  const scripts = items.filter((i) => i.resourceType === 'Script');
  const kb = (xs: NetworkItem[]) => xs.reduce((s, i) => s + (i.transferSize ?? 0), 0) / 1024;
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcpMs: audit('first-contentful-paint'),
    lcpMs: audit('largest-contentful-paint'),
    tbtMs: audit('total-blocking-time'),
    speedIndexMs: audit('speed-index'),
    cls: audit('cumulative-layout-shift'),
    jsKB: kb(scripts),
    scripts: scripts.length,
    totalKB: kb(items),
  };
}
