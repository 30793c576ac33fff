import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * How the build groups its code into files (rolldown's `codeSplitting`), so that a first screen is a few requests,
 * not sixty: on a phone each request waits its turn on six connections, and each answer carries a kilobyte of
 * headers.
 * - `app`: everything the entry needs statically (React, the router, Mantine's basics, Russian, the landing page).
 * - `frame`: the app's own modules under the signed-in frame (app/SignedInLayout.tsx: the header, menus, the socket,
 *   the incoming call), found by following its imports in the source. Every signed-in screen needs them.
 * - `ui`: the Mantine components of the frame (its layout, menus and popovers with floating-ui, scroll areas,
 *   avatars…). The others (dialogs, colour picker, multi-select, tables…) stay with the screens that use them.
 * - `inputs`: the form fields' parts (the sign-in screen's phone field, the frame's search box).
 * - `icons`: the icons of the frame and of the screens opened most (Главная, the chats), one small file instead of
 *   one per icon; other screens' icons come with them.
 * The screens themselves stay one file each (app/AppRoutes.tsx loads them when opened).
 */
const SHARED_MANTINE = [
  'AppShell', 'Avatar', 'Badge', 'Burger', 'FocusTrap', 'Menu', 'NavLink', 'Popover', 'Portal', 'ScrollArea', 'Skeleton',
  'Transition',
];
/** The form fields' parts, used by the sign-in screen as well as the frame (the search box): a small file apart. */
const INPUTS = ['ActionIcon', 'CloseButton', 'Input', 'InputBase', 'TextInput'];
const sep = '[\\\\/]';
const sharedMantine = new RegExp(`${sep}node_modules${sep}@mantine${sep}core${sep}esm${sep}components${sep}(${SHARED_MANTINE.join('|')})${sep}`);
const inputs = new RegExp(`${sep}node_modules${sep}@mantine${sep}core${sep}esm${sep}components${sep}(${INPUTS.join('|')})${sep}`);
const uiHelpers = new RegExp(`${sep}node_modules${sep}@floating-ui${sep}`);
const tablerIcon = new RegExp(`${sep}node_modules${sep}@tabler${sep}icons-react${sep}dist${sep}esm${sep}(?:icons${sep}(Icon\\w+)|(createReactComponent|defaultAttributes))\\.mjs$`);
/** The signed-in screens opened most, whose icons come with the frame's. */
const FIRST_SCREENS = ['features/home/HomePage.tsx', 'features/chats/ChatPage.tsx', 'features/chats/ChatsPage.tsx'];

/** The icons a source file imports from @tabler/icons-react. */
function iconsImportedBy(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const names: string[] = [];
  for (const m of source.matchAll(/import\s*{([^}]*)}\s*from\s*'@tabler\/icons-react'/g)) names.push(...(m[1]?.match(/\bIcon\w+/g) ?? []));
  return names;
}

const isUi = (id: string) => sharedMantine.test(id) || uiHelpers.test(id);

/** The groups, and a plugin that finds the frame's own modules once the module graph is known. */
export function chunkGroups(): { plugin: Plugin; groups: { name: string; test?: (id: string) => boolean; tags?: ['$initial']; priority: number }[] } {
  const frame = new Set<string>();
  const firstIcons = new Set<string>();
  const isFirstIcon = (id: string) => {
    const m = tablerIcon.exec(id);
    return m !== null && (m[2] !== undefined || firstIcons.has(m[1] ?? ''));
  };
  const plugin: Plugin = {
    name: 'parta:chunk-groups',
    apply: 'build',
    buildEnd() {
      frame.clear();
      firstIcons.clear();
      const ids = [...this.getModuleIds()];
      const find = (path: string) => ids.find((id) => id.replaceAll('\\', '/').endsWith(`/src/${path}`));
      const layout = find('app/SignedInLayout.tsx');
      if (!layout) return;
      // Only the web app's own modules: the contracts' index and the libraries' barrels would bring in everything.
      const webSrc = layout.slice(0, layout.length - 'app/SignedInLayout.tsx'.length);
      const closure = (start: string, into: Set<string>) => {
        const visit = (id: string) => {
          if (into.has(id) || !id.startsWith(webSrc)) return;
          into.add(id);
          for (const next of this.getModuleInfo(id)?.importedIds ?? []) visit(next);
        };
        visit(start);
        return into;
      };
      closure(layout, frame);
      // The icons of the frame and of the screens opened most (Главная, a chat) come together in one file.
      const first = new Set(frame);
      for (const screen of FIRST_SCREENS) {
        const start = find(screen);
        if (start) closure(start, first);
      }
      for (const id of first) if (/\.tsx?$/.test(id)) for (const icon of iconsImportedBy(id)) firstIcons.add(icon);
    },
  };
  return {
    plugin,
    groups: [
      { name: 'app', tags: ['$initial'], priority: 5 },
      { name: 'icons', test: isFirstIcon, priority: 4 },
      // Before `ui`: the helpers both use go with the fields, which the sign-in screen needs without the rest.
      { name: 'inputs', test: (id) => inputs.test(id), priority: 3 },
      { name: 'ui', test: isUi, priority: 2 },
      { name: 'frame', test: (id) => frame.has(id), priority: 1 },
    ],
  };
}
