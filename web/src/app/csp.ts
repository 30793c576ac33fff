
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
  /** zod's settings: kept on globalThis so that every copy of zod shares them; each reads them when it loads. */
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}

/**
 * Makes the libraries that would break the page's CSP keep to it; run once before any other module (cspFirst.ts).
 * - zod compiles object parsers with `new Function` unless told not to; the CSP has no 'unsafe-eval', so the
 *   attempt would be refused (and reported) on the first parse.
 * - react-remove-scroll adds a `<style>` while a modal is open; get-nonce gives it the page's nonce.
 */
export function keepLibrariesInsideCsp(): void {
  // zod's `z.config({ jitless: true })`, set where zod keeps it before any zod module has loaded: importing zod here
  // would put it into every first screen, and only some screens parse with it (csp.test.ts checks zod reads this).
  globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
  globalThis.__webpack_nonce__ = cspNonce() || undefined;
}
