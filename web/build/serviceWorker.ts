import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'vite';

/**
 * Builds the service worker (src/sw/sw.ts) into the app's build as /sw.js — one classic script at the root, so its
 * scope is the whole app — and hands it what to precache: every file of the bundle (the entry, the lazily loaded
 * chunks, CSS, fonts) and of public/ (icons, the manifest), and a version that changes whenever any of them does.
 * The shell (index.html) is fetched by the worker itself, as the server sends it (see sw.ts).
 */
export function serviceWorker(): Plugin {
  let publicDir = '';
  let root = '';
  return {
    name: 'parta-service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      publicDir = config.publicDir;
    },
    // After the other plugins: Vite drops the HTML entry's own chunk once the `app` group has taken its code
    // (build/chunks.ts), and a list made earlier would name a file never written — the worker would fail to install.
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        const hash = createHash('sha256');
        const files: string[] = [];
        let entry = '';
        for (const [fileName, item] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
          // Source maps and compressed copies are never asked for by the app (the server sends the copies in place of
          // the file); `.vite/` holds the build's own manifests.
          if (/\.(map|br|gz)$/.test(fileName) || fileName.startsWith('.')) continue;
          hash.update(fileName);
          hash.update(item.type === 'chunk' ? item.code : item.source);
          if (fileName === 'index.html') {
            // The shell's own script, the last it loads (after the runtime): the worker checks a shell against it.
            const html = String(item.type === 'asset' ? item.source : '');
            const scripts = [...html.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"/g)];
            entry = scripts.at(-1)?.[1] ?? '';
            continue;
          }
          files.push(`/${fileName}`);
        }
        for (const file of publicFiles(publicDir)) {
          hash.update(file);
          hash.update(readFileSync(path.join(publicDir, file)));
          files.push(`/${file}`);
        }
        if (!entry || !files.includes(entry)) this.error(`the shell's script (${entry || 'none'}) is not among the build's files`);
        const version = hash.digest('hex').slice(0, 16);
        this.emitFile({ type: 'asset', fileName: 'sw.js', source: await compileWorker(root, { version, files, entry }) });
      },
    },
  };
}

/** public/'s files, as paths from its root (`icons/icon-192.png`). */
function publicFiles(dir: string): string[] {
  if (!dir) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !d.name.startsWith('.'))
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

async function compileWorker(root: string, constants: { version: string; files: string[]; entry: string }): Promise<string> {
  const output = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    define: {
      __PARTA_SW_VERSION__: JSON.stringify(constants.version),
      __PARTA_PRECACHE__: JSON.stringify(constants.files),
      __PARTA_ENTRY__: JSON.stringify(constants.entry),
    },
    build: {
      write: false,
      copyPublicDir: false,
      minify: true,
      sourcemap: false,
      // A classic script: module workers are newer than the browsers Parta supports.
      rolldownOptions: {
        input: path.join(root, 'src', 'sw', 'sw.ts'),
        output: { format: 'iife', entryFileNames: 'sw.js' },
      },
    },
  });
  const outputs = Array.isArray(output) ? output : [output];
  for (const out of outputs) {
    if (!('output' in out)) continue;
    const chunk = out.output.find((o) => o.type === 'chunk' && o.fileName === 'sw.js');
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('the service worker did not build');
}
