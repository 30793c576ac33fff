import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * What axe-core finds against WCAG 2.x A and AA on the page (or inside `include`, a CSS selector): one line per
 * rule with the first nodes it hit, empty when the page passes.
 */
export async function a11yViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} [${v.id === 'color-contrast' ? n.any.map((a) => a.message).join('; ') : `${n.html.slice(0, 200)} ${n.failureSummary ?? ''}`}]`)
        .join(' | ')}`,
  );
}

/**
 * axe-core finds no WCAG 2.x A or AA violation on the page (or inside `include`, a CSS selector, when
 * only part of the page is what the test built). The message lists each rule with the first nodes it hit.
 */
export async function expectNoA11yViolations(page: Page, include?: string): Promise<void> {
  expect(await a11yViolations(page, include), 'axe-core WCAG A/AA violations').toEqual([]);
}
