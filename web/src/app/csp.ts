// zod's own setting, from its core alone: `import { z } from 'zod'` here would put all of zod into every first screen.
import { config as zodConfig } from 'zod/v4/core';

/**
 * The nonce the server puts into this page's Content-Security-Policy and into index.html's
 * `<meta property="csp-nonce">` (Vite's `html.cspNonce` placeholder, replaced per response).
 * Mantine and TipTap add `<style>` elements at run time; the CSP lets in only those carrying it,
 * so an injected `<style>` (or a script) from anywhere else is refused. The browser hides the
 * attribute once the page is parsed; the `nonce` property keeps it.
 */
export function cspNonce(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || meta?.getAttribute('nonce') || '';
}

declare global {
  /** Read by react-style-singleton (Mantine's modals lock scrolling with a `<style>`), through get-nonce. */
  var __webpack_nonce__: string | undefined;
}

/**
 * Makes the libraries that would break the page's CSP keep to it; run once before any other module (cspFirst.ts).
 * - zod compiles object parsers with `new Function` unless told not to; the CSP has no 'unsafe-eval', so the
 *   attempt would be refused (and reported) on the first parse.
 * - react-remove-scroll adds a `<style>` while a modal is open; get-nonce gives it the page's nonce.
 */
export function keepLibrariesInsideCsp(): void {
  zodConfig({ jitless: true });
  globalThis.__webpack_nonce__ = cspNonce() || undefined;
}
