import type { Page } from '@playwright/test';

/** Picks an option of a select-like field (Mantine Select/MultiSelect or a native select), by its label. */
export async function chooseOption(page: Page, label: string, option: string | RegExp): Promise<void> {
  const field = page.getByLabel(label, { exact: true }).first();
  const tag = await field.evaluate((el) => el.tagName.toLowerCase());
  if (tag === 'select' && typeof option === 'string') {
    await field.selectOption({ label: option });
    return;
  }
  await field.click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).first().click();
  // A multi-select stays open after a pick; close it so it does not cover what comes next.
  await page.keyboard.press('Escape');
}

/** «Дата рождения»: a native date input, or a text field that takes ДД.ММ.ГГГГ. */
export async function fillBirthDate(page: Page, iso: string): Promise<void> {
  const field = page.getByRole('textbox', { name: 'Дата рождения', exact: true });
  if ((await field.getAttribute('type')) === 'date') {
    await field.fill(iso);
    return;
  }
  const [y, m, d] = iso.split('-');
  await field.fill(`${d}.${m}.${y}`);
}
