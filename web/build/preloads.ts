import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/**
 * What a first screen needs before it can show anything, so that the server can name it in the page itself
 * (server/src/http/firstScreenHints.ts): the screen's code and the API answers it asks for at once. Without the
 * hints a phone fetches them in turn — the app's script, then the frame's and the screen's files, then who is signed
 * in, then the screen's data — each a round trip on a slow network; with them all start with the page.
 *
 * `route` uses the router's `:param` syntax (app/AppRoutes.tsx); a `data` path may use the route's params.
 */
export const FIRST_SCREENS: { route: string; screens: string[]; data: string[] }[] = [
  {
    route: '/home',
    screens: ['app/SignedInLayout.tsx', 'features/home/HomePage.tsx'],
    // What «Главная» waits for before it shows its blocks (features/home/useHomeSettled.ts).
    data: ['/api/me', '/api/chats', '/api/me/join-requests', '/api/lessons/live'],
  },
  {
    route: '/chats',
    screens: ['app/SignedInLayout.tsx', 'features/chats/ChatsPage.tsx'],
    data: ['/api/me', '/api/chats'],
  },
  {
    route: '/chats/:chatId',
    screens: ['app/SignedInLayout.tsx', 'features/chats/ChatPage.tsx'],
    data: ['/api/me', '/api/chats/:chatId', '/api/chats/:chatId/messages'],
  },
];

/**
 * What every page asks before it shows anything, signed in or not: whether the installation is set up
 * (features/setup/SetupGate.tsx).
 */
export const EVERY_PAGE_DATA = ['/api/setup'];

/** The file the build writes and the server reads; a dot file, so it is neither served nor precached. */
export const PRELOADS_FILE = '.parta-preloads.json';

export interface Preloads {
  everyPage: { data: string[] };
  screens: FirstScreenPreload[];
}

export interface FirstScreenPreload {
  route: string;
  /** Scripts (`/assets/…js`) and stylesheets (`/assets/…css`) beyond those index.html already loads. */
  scripts: string[];
  styles: string[];
  data: string[];
}

/**
 * Writes PRELOADS_FILE: what every page asks first, and for each first screen the files of its code (its chunk and
 * every chunk it imports) and its first questions to the API.
 */
export function firstScreenPreloads(): Plugin {
  return {
    name: 'parta-first-screen-preloads',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const chunks = Object.values(bundle).filter((item): item is OutputChunk => item.type === 'chunk');
        // What index.html loads already (the runtime, the `app` group and its stylesheet) is not named again.
        const page = bundle['index.html'];
        const html = page?.type === 'asset' ? String(page.source) : '';
        const named = [...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1] ?? '');
        const inPage = new Set(named.flatMap((file) => (bundle[file]?.type === 'chunk' ? closure(bundle, file) : [file])));
        const screens: FirstScreenPreload[] = FIRST_SCREENS.map(({ route, screens, data }) => {
          const files = new Set<string>();
          for (const screen of screens) {
            const chunk = chunks.find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(`/src/${screen}`));
            if (!chunk) this.error(`no chunk of its own for ${screen}: is it still loaded lazily (app/AppRoutes.tsx)?`);
            for (const file of closure(bundle, chunk.fileName)) if (!inPage.has(file)) files.add(file);
          }
          const css = [...files].flatMap((f) => [...((bundle[f] as OutputChunk).viteMetadata?.importedCss ?? [])]);
          return {
            route,
            scripts: [...files].map((f) => `/${f}`),
            styles: [...new Set(css)].filter((f) => !inPage.has(f)).map((f) => `/${f}`),
            data,
          };
        });
        const result: Preloads = { everyPage: { data: EVERY_PAGE_DATA }, screens };
        this.emitFile({ type: 'asset', fileName: PRELOADS_FILE, source: `${JSON.stringify(result, null, 2)}\n` });
      },
    },
  };
}

/** A chunk and every chunk it imports statically, however deep. */
function closure(bundle: OutputBundle, start: string): string[] {
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    const chunk = bundle[fileName];
    if (seen.has(fileName) || chunk?.type !== 'chunk') return;
    seen.add(fileName);
    for (const next of chunk.imports) visit(next);
  };
  visit(start);
  return [...seen];
}
