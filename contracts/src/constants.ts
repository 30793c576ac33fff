/**
 * Plain values (no schemas) that the web app's first screens use: the socket's close codes, the search box's and the
 * news' limits, the polls' colours and limits, the file names refused at upload. They live apart from the schemas
 * that use them, and this module imports no zod, so a screen that needs one of them does not carry zod and every
 * schema of its module along (the web build drops whole modules it does not use: `sideEffects: false`). The modules
 * of the schemas re-export them, so everyone else imports them as before.
 */

/**
 * Executable types refused at upload, by extension (checked on the name with trailing dots and
 * spaces removed, as Windows would run «setup.exe.»). The server also refuses executables by their
 * first bytes (ELF, MZ/PE, Mach-O, «#!» scripts) whatever they are called.
 */
export const forbiddenFileExtensions = [
  // Programs and scripts a double click runs.
  'exe', 'msi', 'msp', 'bat', 'cmd', 'com', 'scr', 'pif', 'cpl', 'hta', 'js', 'jse', 'vbs', 'vbe', 'wsf',
  'ps1', 'psm1', 'sh', 'jar', 'apk', 'dll', 'lnk', 'reg',
  'mjs', 'cjs', 'vb', 'ws', 'wsc', 'wsh', 'sct', 'shb', 'shs', 'msc', 'msu', 'mst', 'gadget', 'inf', 'ins', 'jnlp',
  'ps1xml', 'ps2', 'ps2xml', 'psc1', 'psc2', 'psd1', 'xbap', 'sys', 'drv', 'ocx', 'command',
  // Installers, packages and launchers (MSIX/AppX, ClickOnce, Windows shortcuts that fetch from elsewhere).
  'msix', 'msixbundle', 'appx', 'appxbundle', 'application', 'appref-ms', 'cab', 'url', 'scf', 'website',
  'settingcontent-ms', 'library-ms', 'diagcab', 'wsb', 'dmg', 'pkg',
  // Disk images: Windows mounts them with a click and their contents lose the «downloaded» mark.
  'iso', 'img', 'vhd', 'vhdx',
  // Compiled help and documents with macros or add-ins: Office runs their code.
  'chm', 'hlp', 'docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'xll', 'pptm', 'potm', 'ppsm', 'ppam', 'sldm', 'one', 'onepkg',
  'iqy', 'slk',
] as const;

/** Images shown inline as previews (only when their bytes really are that type); everything else downloads. */
export const previewImageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** The lower-case extension of a file name, without the dot; '' when there is none. */
export function fileExtension(name: string): string {
  const clean = name.replace(/[.\s]+$/, '');
  const dot = clean.lastIndexOf('.');
  return dot > 0 || (dot === 0 && clean.length > 1) ? clean.slice(dot + 1).toLowerCase() : '';
}

/** True for names the server will refuse by extension; the upload form checks before sending. */
export function isForbiddenFileName(name: string): boolean {
  return (forbiddenFileExtensions as readonly string[]).includes(fileExtension(name));
}

/**
 * Why the server closed a socket, as the client reads `CloseEvent.code`. `tooMany`: one socket over the cap of its
 * session or person (the client waits its longest backoff before trying again; the tab works over HTTP meanwhile).
 * A frame over 256 KB closes the socket with 1009. Frames past a person's budget are dropped, with one
 * `nack` (ref '', code rate_limited) a window; a chat message past it is refused with a `nack` of its own ref.
 * `restarting` (1012, «Service Restart»): the node is being stopped on purpose; the sends it took were answered first,
 * and the client reconnects at once (through the proxy, to another node) and resumes, with nothing shown to the person.
 */
export const socketCloseCodes = { sessionEnded: 4001, tooMany: 4029, restarting: 1012 } as const;

/**
 * POLL-1: the preset backgrounds, by name; the web maps each name to its own gradient or colour. Each is dark enough
 * for white text at WCAG AA (4.5:1), or, orange, light enough for near-black text: a poll is read by children.
 */
export const pollColorPresets = {
  blue: '#1f6bc4',
  violet: '#6a4ae0',
  green: '#23804a',
  orange: '#f08c2e',
  red: '#c8362d',
  pink: '#c23a76',
  teal: '#0f7f7f',
  graphite: '#4b5563',
} as const;
export type PollColorPreset = keyof typeof pollColorPresets;
export const pollColorPresetNames = Object.keys(pollColorPresets) as PollColorPreset[];

export const pollLimits = { minOptions: 2, maxOptions: 10, questionMax: 300, optionMax: 100 } as const;

export const newsLimits = { textMax: 4000, commentMax: 2000, filesMax: 10, pageMax: 50, commentPage: 20, commentPageMax: 100 } as const;

export const searchLimits = { queryMax: 200, perTypeDefault: 5, perTypeMax: 50, cursorMax: 300 } as const;
