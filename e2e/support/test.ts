import { type Browser, type BrowserContext, type Page, test as base, expect } from '@playwright/test';

/** How Chromium words what a Content-Security-Policy refused, in the page's console. */
const CSP_VIOLATION = /Content Security Policy/i;

/**
 * Playwright's test with two additions, for every page of the test — the default `page` and the
 * pages of contexts a spec opens itself (`browser.newContext()`, `browser.newPage()`):
 * - an uncaught error in the page fails the test, so a screen that renders blank because of a
 *   script error is reported as what it is;
 * - a CSP violation in the console fails the test: the app runs under a strict CSP
 *   (server/src/http/securityHeaders.ts), and a style or script it refuses is a broken screen.
 *   The server also logs the browsers' reports, and globalSetup's teardown fails the run on any.
 */
export const test = base.extend<{ failOnPageProblems: undefined }>({
  failOnPageProblems: [
    async ({ browser, context }, use) => {
      const errors: string[] = [];
      const violations: string[] = [];
      const watchPage = (page: Page) => {
        page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error' && CSP_VIOLATION.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
        });
      };
      const watchContext = async (c: BrowserContext) => {
        await c.addInitScript(sayViolationsInConsole);
        for (const page of c.pages()) watchPage(page);
        c.on('page', watchPage);
      };
      await watchContext(context);
      const restore = watchNewContexts(browser, watchContext);
      try {
        await use(undefined);
      } finally {
        restore();
      }
      expect(errors, 'uncaught errors in the page').toEqual([]);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Chromium writes most refusals to the console itself, but not a refused `eval` that the page's code caught
 * (zod probing whether it may compile parsers did exactly that): the page's violation event says every one.
 */
function sayViolationsInConsole() {
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(`Content Security Policy: ${e.effectiveDirective} refused ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
  });
}

/** Watches every context the test opens on the shared browser (browser.newPage goes through newContext too). */
function watchNewContexts(browser: Browser, watch: (c: BrowserContext) => Promise<void>): () => void {
  const original = browser.newContext;
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const c = await original.apply(browser, args);
    await watch(c);
    return c;
  };
  return () => {
    browser.newContext = original;
  };
}

export { expect };
