import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preloads } from './preloads.js';

const webRoot = path.resolve(import.meta.dirname, '..');
let outDir: string;

// The real build, as `npm run build` makes it: the worker's list depends on how the other plugins leave the bundle.
beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'parta-sw-build-'));
  await build({ root: webRoot, configFile: path.join(webRoot, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
}, 120_000);
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** The paths the built worker stores when it installs (cache.addAll of its list). */
function precached(worker: string): string[] {
  const list = /addAll\(\s*(`[^`]*`|\[[^\]]*\])/.exec(worker)?.[1] ?? '';
  return list.startsWith('`') ? list.slice(1, -1).split(',') : (JSON.parse(list) as string[]);
}

describe('the service worker of a real build (/sw.js)', () => {
  it('stores only files the build wrote — one missing file and the worker never installs, so nothing works offline', () => {
    const files = precached(readFileSync(path.join(outDir, 'sw.js'), 'utf8'));
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => !existsSync(path.join(outDir, f)))).toEqual([]);
    expect(files).toContain('/manifest.webmanifest');
    expect(files).not.toContain('/index.html');
  });

  it("checks a shell against the script the shell really loads (a shell of another build is not kept)", () => {
    const worker = readFileSync(path.join(outDir, 'sw.js'), 'utf8');
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1] ?? '');
    const entry = scripts.at(-1) ?? '';
    expect(entry).toMatch(/^\/assets\/app-[\w-]+\.js$/);
    expect(worker).toContain(`includes(\`${entry}\`)`);
  });
});

describe('the first screens\' hints of the same build (.parta-preloads.json, build/preloads.ts)', () => {
  it('name each first screen\'s own files — files that exist, not those index.html loads already — and its first questions', () => {
    const preloads = JSON.parse(readFileSync(path.join(outDir, '.parta-preloads.json'), 'utf8')) as Preloads;
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    expect(preloads.everyPage.data).toEqual(['/api/setup']);
    const chat = preloads.screens.find((s) => s.route === '/chats/:chatId');
    expect(chat?.scripts.some((f) => /^\/assets\/ChatPage-[\w-]+\.js$/.test(f))).toBe(true);
    expect(chat?.data).toEqual(['/api/me', '/api/chats/:chatId', '/api/chats/:chatId/messages']);
    expect(preloads.screens.find((s) => s.route === '/home')?.data).toContain('/api/me/join-requests');
    for (const screen of preloads.screens) {
      expect(screen.scripts.some((f) => /^\/assets\/SignedInLayout-/.test(f)), screen.route).toBe(true);
      for (const file of [...screen.scripts, ...screen.styles]) {
        expect(existsSync(path.join(outDir, file)), file).toBe(true);
        expect(html, file).not.toContain(file);
      }
    }
    // A dot file: never precached by the worker, never sent by the server's file handler.
    expect(precached(readFileSync(path.join(outDir, 'sw.js'), 'utf8'))).not.toContain('/.parta-preloads.json');
  });
});
