import type { Page } from '@playwright/test';

/** Picks an option of a Mantine Select, MultiSelect or TagsInput, found by its label. */
export async function chooseOption(page: Page, label: string, option: string | RegExp): Promise<void> {
  // first(): the label may name the dropdown as well as the input, which comes first.
  await page.getByLabel(label, { exact: true }).first().click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).first().click();
  // A multi-select stays open after a pick; close it so it does not cover what comes next.
  await page.keyboard.press('Escape');
}

/** «Дата рождения», typed as a person in Russia does («17.05.1990») into the date picker's field. */
export async function fillBirthDate(page: Page, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  const field = page.getByRole('textbox', { name: 'Дата рождения', exact: true });
  await field.fill(`${d}.${m}.${y}`);
  // The calendar opens while typing; close it so it does not cover what comes next.
  await field.press('Escape');
}
