import type { Page } from '@playwright/test';
import { expect, test } from '../support/test.js';
import { demo } from '../support/accounts.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { expectNoLatin } from '../support/latin.js';
import { cyrillicTag } from '../support/names.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { closeAll, expectClean, personIn } from './chat-support.js';
import { giveMathsHomework, parentOfTwo } from './parents-support.js';

// Issue 13, PAR-1 item 2–3: a parent of two children (Максим Волков of 7А, Дарья Попова of 11А) opens «Главная»:
// switching the child in the header (under the title on a phone) changes what is shown and is kept after a reload;
// the mathematics teacher marks Максим's homework and the mark appears on the parent's open page without a reload;
// «Написать» beside a teacher opens a personal chat; «Родители 7А» delivers live both ways.

async function choose(page: Page, width: number, child: RegExp): Promise<void> {
  const switcher = page.getByTestId(width < 768 ? 'child-switcher-page' : 'child-switcher-header');
  const label = await switcher.locator('option').filter({ hasText: child }).textContent();
  await switcher.selectOption({ label: label ?? '' });
}

for (const width of [390, 1280]) {
  test(`the parent's «Главная» at ${width} px: two children, a live mark, «Написать учителю», the parents' chat`, async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const { parent, classes, children } = await parentOfTwo(browser);
    const teacher = await personIn(browser, demo.teacher);
    try {
      const title = `Уравнения ${cyrillicTag(4)}${width}`;
      const assignmentId = await giveMathsHomework(teacher.page.request, classes['7А']!, title);
      const p = parent.page;
      await p.setViewportSize({ width, height: width < 600 ? 844 : 800 });
      await p.goto('/home');
      const home = p.getByTestId('parent-home');
      // Дарья first (by first name); Максим's homework is not shown for her.
      await expect(home.getByRole('heading', { level: 2, name: 'Дарья Попова' })).toBeVisible();
      await expect(home.getByText(title)).toHaveCount(0);
      await choose(p, width, /Максим/);
      const card = home.getByRole('region', { name: 'Максим Волков' });
      await expect(card).toBeVisible();
      await expect(card.getByRole('link', { name: title })).toBeVisible();
      await expect(home.getByRole('heading', { name: 'Дарья Попова' })).toHaveCount(0);
      // The choice is kept.
      await p.reload();
      await expect(card.getByRole('link', { name: title })).toBeVisible();
      await expect(card.getByRole('region', { name: 'Учителя класса' })).toContainText('Ирина Кузнецова');
      // Names, never phone numbers of the children.
      await expect(home.getByText(/\+7|900 000/)).toHaveCount(0);
      await expectNoHorizontalScroll(p);
      await expectNoA11yViolations(p);
      await expectNoLatin(p, 'Главная родителя');
      await shot(p, testInfo, `01-parent-home-${width}`);

      // The teacher marks Максим's work: the parent's open page shows the mark without a reload.
      const marks = card.getByRole('region', { name: 'Оценки за неделю' });
      await expect(marks.getByText(title)).toHaveCount(0);
      const marked = await teacher.page.request.put(`/api/assignments/${assignmentId}/marks/${children['7А']}`, { data: { value: '5', comment: 'Молодец' } });
      expect(marked.status()).toBe(200);
      await expect(marks.getByRole('link', { name: title })).toBeVisible();
      await expect(marks).toContainText('5');
      await shot(p, testInfo, `02-parent-home-mark-${width}`);

      // The assignment as the parent sees it: the mark with its comment, nothing to hand in.
      await marks.getByRole('link', { name: title }).click();
      await expect(p.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(p.getByTestId('child-work')).toContainText('Молодец');
      await expect(p.getByRole('button', { name: 'Сдать работу' })).toHaveCount(0);
      await expectNoA11yViolations(p);
      await shot(p, testInfo, `03-parent-assignment-${width}`);

      // «Задания»: the chosen child's list.
      await p.goto('/homework');
      await expect(p.getByTestId('family-homework').getByRole('link', { name: new RegExp(title) })).toBeVisible();
      await expectNoHorizontalScroll(p);
      await expectNoA11yViolations(p);
      await shot(p, testInfo, `04-parent-homework-${width}`);

      // «Написать» beside the teacher opens a personal chat with her.
      await p.goto('/home');
      await card.getByRole('button', { name: 'Написать: Ирина Кузнецова' }).click();
      await expect(p).toHaveURL(/\/chats\/[0-9a-f-]+$/);
      await expect(p.getByRole('heading', { level: 1, name: /Кузнецова/ })).toBeVisible();

      // «Родители 7А»: the teacher writes, the parent sees it live; the parent answers, the teacher sees it live.
      await p.goto('/chats');
      await p.getByRole('link', { name: /Родители 7А/ }).first().click();
      await expect(p.getByRole('heading', { level: 1, name: 'Родители 7А' })).toBeVisible();
      const chatPath = new URL(p.url()).pathname;
      const t = teacher.page;
      await t.goto(chatPath);
      await expect(t.getByRole('heading', { level: 1, name: 'Родители 7А' })).toBeVisible();
      const fromTeacher = `Собрание в пятницу ${cyrillicTag(3)}`;
      await t.getByRole('textbox', { name: 'Сообщение' }).fill(fromTeacher);
      await t.getByRole('textbox', { name: 'Сообщение' }).press('Enter');
      await expect(p.getByText(fromTeacher)).toBeVisible();
      const fromParent = `Спасибо, придём ${cyrillicTag(3)}`;
      await p.getByRole('textbox', { name: 'Сообщение' }).fill(fromParent);
      await p.getByRole('textbox', { name: 'Сообщение' }).press('Enter');
      await expect(t.getByText(fromParent)).toBeVisible();
      await expectNoHorizontalScroll(p);
      await shot(p, testInfo, `05-parents-chat-${width}`);
      await expectClean(parent, teacher);
    } finally {
      await closeAll(parent, teacher);
    }
  });
}
