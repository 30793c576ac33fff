import { test as base, expect } from '@playwright/test';

/**
 * Playwright's test with one addition: an uncaught error in the page fails the test, so a screen
 * that renders blank because of a script error is reported as what it is.
 */
export const test = base.extend<{ failOnPageError: undefined }>({
  failOnPageError: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
      await use(undefined);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
