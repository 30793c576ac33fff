/** Where this device keeps the theme chosen in the profile menu: 'auto' (as the system), 'light' or 'dark'. */
export const COLOR_SCHEME_KEY = 'parta.colorScheme';

/**
 * Puts the theme on `<html>` before the first render, as Mantine's ColorSchemeScript would — but that is an inline
 * script, which the page's CSP refuses. Run from the app's first module (cspFirst.ts), so a dark screen never
 * flashes white while React starts. Mantine takes over from the same stored value once it mounts (Providers.tsx).
 * No imports here: this runs before the rest of the app is even evaluated.
 */
export function applyColorSchemeEarly(): void {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(COLOR_SCHEME_KEY);
  } catch {
    // Storage refused (private mode, a policy): the system's setting decides.
  }
  const systemDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const scheme = stored === 'light' || stored === 'dark' ? stored : systemDark ? 'dark' : 'light';
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
}
