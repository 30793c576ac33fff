import { expect, type Page } from '@playwright/test';

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

const monthsGenitive = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/**
 * A moment picked in a Mantine date-and-time picker (a poll's «Срок окончания») as a person does: opens it by its
 * label, goes to the month, clicks the day (named «8 декабря 2026»), types the hours and minutes, presses «Готово».
 */
export async function pickDateTime(page: Page, label: string, when: Date): Promise<void> {
  await page.getByLabel(label, { exact: true }).first().click();
  const dropdown = page.locator('.mantine-Popover-dropdown').last();
  await expect(dropdown).toBeVisible();
  const day = dropdown.getByRole('button', { name: `${when.getDate()} ${monthsGenitive[when.getMonth()]} ${when.getFullYear()}`, exact: true });
  // The calendar opens on this month: forward until the day is shown (in this month, or as the next month's start).
  for (let i = 0; i < 24 && !(await day.isVisible()); i += 1) await dropdown.getByRole('button', { name: 'Следующий месяц' }).click();
  await day.click();
  const two = (n: number) => String(n).padStart(2, '0');
  // The hours and minutes are spin buttons that take typed digits.
  for (const [label, value] of [['Часы', when.getHours()], ['Минуты', when.getMinutes()]] as const) {
    const spin = dropdown.getByRole('spinbutton', { name: label });
    await spin.fill(two(value));
    await expect(spin).toHaveAttribute('aria-valuenow', String(value));
  }
  await dropdown.getByRole('button', { name: 'Готово' }).click();
  await expect(page.getByLabel(label, { exact: true }).first()).toContainText(
    `${two(when.getDate())}.${two(when.getMonth() + 1)}.${when.getFullYear()} ${two(when.getHours())}:${two(when.getMinutes())}`,
  );
}
