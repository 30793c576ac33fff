import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compressDir } from './compressAssets';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parta-compress-'));
  await mkdir(path.join(dir, 'assets'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exists = (file: string) => readFile(file).then(() => true, () => false);

describe('compressDir (the build plugin that makes the .br and .gz copies the server sends)', () => {
  it('writes brotli and gzip copies of scripts and styles that decompress to the same bytes', async () => {
    const script = `export const greeting = ${JSON.stringify('Привет, Parta! '.repeat(500))};\n`;
    await writeFile(path.join(dir, 'assets', 'index-abc123.js'), script);
    await writeFile(path.join(dir, 'assets', 'index-abc123.css'), 'body { margin: 0 }\n'.repeat(200));
    const done = await compressDir(dir);
    expect(done.map((f) => path.relative(dir, f))).toEqual(['assets/index-abc123.css', 'assets/index-abc123.js']);
    const js = path.join(dir, 'assets', 'index-abc123.js');
    const br = await readFile(`${js}.br`);
    const gz = await readFile(`${js}.gz`);
    expect(brotliDecompressSync(br).toString()).toBe(script);
    expect(gunzipSync(gz).toString()).toBe(script);
    expect(br.length).toBeLessThan(gz.length);
    expect(gz.length).toBeLessThan(Buffer.byteLength(script) / 5);
  });

  it('leaves pictures, index.html and files that compression would not make smaller as they are', async () => {
    await writeFile(path.join(dir, 'index.html'), `<!doctype html>${'<p>x</p>'.repeat(500)}`);
    await writeFile(path.join(dir, 'icon-512.png'), Buffer.alloc(4096, 1));
    await writeFile(path.join(dir, 'assets', 'tiny-1.js'), 'export {};');
    expect(await compressDir(dir)).toEqual([]);
    for (const f of ['index.html', 'icon-512.png', 'assets/tiny-1.js']) {
      expect(await exists(path.join(dir, `${f}.br`)), f).toBe(false);
      expect(await exists(path.join(dir, `${f}.gz`)), f).toBe(false);
    }
  });
});
