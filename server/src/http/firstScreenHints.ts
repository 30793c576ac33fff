import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The first-screen hints the web build writes (web/build/preloads.ts, `.parta-preloads.json`): per route, the code of
 * its screen and the API answers it asks for first. The page for such a route names them as `<link rel=modulepreload>`
 * and `<link rel=preload>`, so a phone starts every one of them with the page instead of one round trip after another.
 */
interface Preloads {
  everyPage: { data: string[] };
  screens: FirstScreenPreload[];
}

interface FirstScreenPreload {
  route: string;
  scripts: string[];
  styles: string[];
  data: string[];
}

interface CompiledHint {
  pattern: RegExp;
  params: string[];
  files: string;
  data: string[];
}

/** The build's file; a dot file, so the static file server never sends it. */
const PRELOADS_FILE = '.parta-preloads.json';
/** A route param as the hints may repeat it into a URL: ids and slugs, nothing that could leave the attribute. */
const PARAM = '([A-Za-z0-9_-]{1,100})';
/** Only our own files and API paths are ever named. */
const SAFE_PATH = /^\/(assets|api)\/[A-Za-z0-9_./-]+$/;

export type FirstScreenHints = (pathname: string, signedIn: boolean, nonce: string) => string;

/** Reads the build's hints once; with none (an older build, the tests' bare dist) every page goes without. */
export function loadFirstScreenHints(webDist: string): FirstScreenHints {
  const file = path.join(webDist, PRELOADS_FILE);
  if (!existsSync(file)) return () => '';
  const preloads = readPreloads(file);
  if (!preloads) return () => '';
  const compiled = preloads.screens.map(compile);
  const everyPage = preloads.everyPage.data.filter((p) => SAFE_PATH.test(p)).map(fetchHint).join('');
  return (pathname, signedIn, nonce) => {
    // Signed out, a screen behind sign-in shows the sign-in screen: its code and data would be fetched for nothing.
    if (!signedIn) return everyPage;
    for (const hint of compiled) {
      const m = hint.pattern.exec(pathname);
      if (!m) continue;
      const values = new Map(hint.params.map((name, i) => [name, m[i + 1] ?? '']));
      const data = hint.data
        .map((p) => p.replace(/:(\w+)/g, (_, name: string) => values.get(name) ?? ''))
        .filter((p) => SAFE_PATH.test(p))
        .map(fetchHint);
      return everyPage + hint.files.replaceAll('__NONCE__', nonce) + data.join('');
    }
    return everyPage;
  };
}

/**
 * An API answer fetched with the page. `crossorigin="anonymous"` is what the app's own fetch() of the same origin is
 * (mode cors, credentials same-origin), so the browser hands it the preloaded answer instead of asking again.
 */
function fetchHint(apiPath: string): string {
  return `<link rel="preload" as="fetch" href="${apiPath}" crossorigin="anonymous">`;
}

/** The file as the build wrote it, or null for one of another shape (a build of another version): no hints then. */
function readPreloads(file: string): Preloads | null {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<Preloads> | null;
    const strings = (xs: unknown) => Array.isArray(xs) && xs.every((x) => typeof x === 'string');
    const valid =
      strings(value?.everyPage?.data) &&
      Array.isArray(value?.screens) &&
      value.screens.every((s) => typeof s?.route === 'string' && strings(s.scripts) && strings(s.styles) && strings(s.data));
    return valid ? (value as Preloads) : null;
  } catch {
    return null;
  }
}

function compile(preload: FirstScreenPreload): CompiledHint {
  const params: string[] = [];
  const source = preload.route
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(segment.slice(1));
      return PARAM;
    })
    .join('/');
  const scripts = preload.scripts
    .filter((f) => SAFE_PATH.test(f))
    .map((f) => `<link rel="modulepreload" crossorigin href="${f}" nonce="__NONCE__">`);
  const styles = preload.styles
    .filter((f) => SAFE_PATH.test(f))
    .map((f) => `<link rel="preload" as="style" crossorigin href="${f}" nonce="__NONCE__">`);
  return { pattern: new RegExp(`^${source}/?$`), params, files: [...scripts, ...styles].join(''), data: preload.data };
}
