import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { screenshotDir } from './paths.js';

/**
 * A full-page screenshot named after the test and the screen, e.g.
 * `screenshots/a-invite-signup/03-code.png`, to be looked at by a person after the run.
 */
export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  const folder = path.join(screenshotDir, slug(testInfo.titlePath.slice(1).join(' ')));
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  // From the top, so the fixed header is not painted across the middle of a full-page picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9а-яё]+/gi, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/**
 * The page is no wider than the window: nothing sticks out to make a sideways scroll at phone width. Polled,
 * because right after a resize the layout that follows the window (Mantine's media queries in script) may
 * not have run yet on a busy machine; a page that stays too wide still fails.
 */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = () =>
    page.evaluate(() => {
      const { scrollWidth, clientWidth } = document.documentElement;
      return scrollWidth > clientWidth ? `page is ${scrollWidth}px wide in a ${clientWidth}px window` : 'fits';
    });
  await expect.poll(overflow, { timeout: 5_000 }).toBe('fits');
}
