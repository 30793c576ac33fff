import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/testApp.js';

/** A build as `vite build` leaves it: hashed files under /assets/ with their .br and .gz copies, the rest at the root. */
const INDEX_HTML = `<!doctype html><html lang="ru"><head>
<meta property="csp-nonce" nonce="__PARTA_CSP_NONCE__">
<script type="module" crossorigin src="/assets/index-Abc123.js"></script>
</head><body><div id="root"></div></body></html>`;
const SCRIPT = `export const words = ${JSON.stringify('Привет из Parta. '.repeat(400))};\n`;
const STYLE = 'body{margin:0}\n'.repeat(300);
const MANIFEST = JSON.stringify({ name: 'Parta', short_name: 'Parta', start_url: '/' });

/** What web/build/preloads.ts writes for the first screens. */
const PRELOADS = { everyPage: { data: ['/api/setup'] }, screens: [
  { route: '/home', scripts: ['/assets/HomePage-Aa1.js', '/assets/frame-Bb2.js'], styles: [], data: ['/api/me', '/api/chats'] },
  {
    route: '/chats/:chatId',
    scripts: ['/assets/ChatPage-Cc3.js'],
    styles: ['/assets/ChatPage-Dd4.css'],
    data: ['/api/me', '/api/chats/:chatId', '/api/chats/:chatId/messages'],
  },
] };

let webDist: string;
let dataDir: string;
let ctx: TestContext;

beforeAll(async () => {
  webDist = await mkdtemp(path.join(tmpdir(), 'parta-webapp-'));
  dataDir = await mkdtemp(path.join(tmpdir(), 'parta-webapp-data-'));
  await mkdir(path.join(webDist, 'assets'));
  const write = (name: string, content: string | Buffer) => writeFile(path.join(webDist, name), content);
  await write('index.html', INDEX_HTML);
  for (const [name, content] of [['assets/index-Abc123.js', SCRIPT], ['assets/index-Def456.css', STYLE]] as const) {
    await write(name, content);
    await write(`${name}.br`, brotliCompressSync(content));
    await write(`${name}.gz`, gzipSync(content));
  }
  // A chunk too small for the build to compress: sent as it is.
  await write('assets/tiny-Ghi789.js', 'export {};');
  await write('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await write('manifest.webmanifest', MANIFEST);
  await write('sw.js', 'self.addEventListener("fetch", () => {});');
  await write('.parta-preloads.json', JSON.stringify(PRELOADS));
  ctx = await createTestContext({ WEB_DIST: webDist, DATA_DIR: dataDir });
});
afterAll(async () => {
  await ctx.close();
  await rm(webDist, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  ctx.app.inject({ url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('the built scripts and styles under /assets/', () => {
  it('are sent as the brotli copy made at build time to a browser that accepts br, cached for a year', async () => {
    // What Chromium sends.
    const res = await get('/assets/index-Abc123.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 5);
  });

  it('are sent gzipped to a browser that accepts gzip but not br', async () => {
    const res = await get('/assets/index-Def456.css', 'gzip, deflate');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/^text\/css/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(gunzipSync(res.rawPayload).toString()).toBe(STYLE);
  });

  it('are sent as they are to a client that accepts no compression, or when the build made no copy', async () => {
    const plain = await get('/assets/index-Abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    const tiny = await get('/assets/tiny-Ghi789.js', 'br, gzip');
    expect(tiny.statusCode).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('export {};');
    expect(tiny.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('answer 404, not the page, for a file that is not there (a script of an older version)', async () => {
    for (const url of ['/assets/index-Old000.js', '/assets/index-Abc123.js.br']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      expect(res.headers['cache-control'], url).not.toBe(IMMUTABLE);
    }
  });
});

describe('the rest of the web app', () => {
  it('index.html (for / and every client route) is never cached without asking: no-cache', async () => {
    for (const url of ['/', '/home', '/chats/abc', '/index.html']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toContain('<div id="root">');
    }
  });

  it('files at the root keep their names across versions: no-cache, so a new version is seen at once', async () => {
    for (const url of ['/favicon.svg', '/manifest.webmanifest', '/sw.js']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers.etag ?? res.headers['last-modified'], `${url} can be revalidated`).toBeDefined();
    }
  });

  it('leaves the API alone: no cache header of the web app on a JSON answer', async () => {
    const res = await get('/api/health', 'br, gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).not.toBe(IMMUTABLE);
    expect(res.headers['cache-control']).not.toBe('no-cache');
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});

describe('the first screen\'s hints in the page', () => {
  const page = async (url: string, signedIn: boolean) => {
    const res = await ctx.app.inject({ url, cookies: signedIn ? { parta_session: 'any' } : {} });
    expect(res.statusCode).toBe(200);
    const nonce = /<meta property="csp-nonce" nonce="([^"]+)">/.exec(res.body)?.[1];
    return { head: res.body.split('</head>')[0] ?? '', nonce };
  };

  it('names the screen\'s code and first answers for a signed-in person, before </head>, with the page\'s nonce', async () => {
    const { head, nonce } = await page('/chats/5b1e6a2c-0d7f-4c1a-9f00-1a2b3c4d5e6f?from=push', true);
    expect(head).toContain(`<link rel="modulepreload" crossorigin href="/assets/ChatPage-Cc3.js" nonce="${nonce}">`);
    expect(head).toContain(`<link rel="preload" as="style" crossorigin href="/assets/ChatPage-Dd4.css" nonce="${nonce}">`);
    for (const api of ['/api/me', '/api/chats/5b1e6a2c-0d7f-4c1a-9f00-1a2b3c4d5e6f', '/api/chats/5b1e6a2c-0d7f-4c1a-9f00-1a2b3c4d5e6f/messages']) {
      expect(head).toContain(`<link rel="preload" as="fetch" href="${api}" crossorigin="anonymous">`);
    }
    expect(head).not.toContain('HomePage');
    const home = await page('/home', true);
    expect(home.head).toContain('/assets/HomePage-Aa1.js');
    expect(home.head).toContain('href="/api/chats"');
  });

  it('names only what every page asks first when signed out, on other routes, or for a path that is not a plain id', async () => {
    const setupOnly = '<link rel="preload" as="fetch" href="/api/setup" crossorigin="anonymous"></head>';
    for (const [url, signedIn] of [['/', false], ['/home', false], ['/schools/x/news', true], ['/chats/a%22%3E%3Cscript%3E', true], ['/chats/a/b', true]] as const) {
      const res = await ctx.app.inject({ url, cookies: signedIn ? { parta_session: 'any' } : {} });
      expect(res.body, url).toContain(setupOnly);
      expect(res.body.match(/rel="(module)?preload"/g), url).toHaveLength(1);
    }
  });
});
