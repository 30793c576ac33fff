import type { Page } from '@playwright/test';
import { demo } from '../support/accounts.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { expectNoLatin } from '../support/latin.js';
import { cyrillicTag } from '../support/names.js';
import { pngImage } from '../support/png.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import { closeAll, expectClean, personIn } from './chat-support.js';

// Issue 14, items 1–4 (SUP-1, SUP-2): a student opens «Помощь» from the photo menu, searches it, asks «Задать свой
// вопрос» with a screenshot pasted into the page (a paste event carrying an image, as Ctrl+V after «Print Screen»
// makes), and reads the operator's answer in «Мои вопросы» without reloading; the operator's desk shows who asked,
// from which school, role, device and version, and the feedback «Чего не хватает на платформе?».

/** Pastes a PNG into the page as the clipboard would: a paste event whose clipboardData holds an image file. */
async function pasteImage(page: Page, name: string, png: Buffer): Promise<void> {
  await page.evaluate(
    ({ name, b64 }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type: 'image/png' }));
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { name, b64: png.toString('base64') },
  );
}

test.describe('issue 14: help and the support desk', () => {
  test('a student asks with a pasted screenshot; the operator answers from the desk; the answer shows live in «Мои вопросы»', async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const student = await personIn(browser, demo.student);
    const operator = await personIn(browser, demo.operator);
    const words = `Не открывается чат класса ${cyrillicTag(6)}`;
    const missing = `Не хватает дневника ${cyrillicTag(6)}`;
    try {
      // «Помощь» from the photo menu in the top right corner, as the guide says.
      const s = student.page;
      await s.setViewportSize({ width: 390, height: 844 });
      await s.getByRole('button', { name: /^Профиль/ }).click();
      await s.getByRole('menuitem', { name: 'Помощь' }).click();
      await expect(s.getByRole('heading', { level: 1, name: 'Помощь' })).toBeVisible();
      await expect(s.getByRole('link', { name: /Частые вопросы/ })).toBeVisible();
      await s.getByRole('searchbox', { name: 'Поиск по разделам помощи' }).fill('забыл пароль');
      await expect(s.getByRole('button', { name: 'Я забыл пароль' })).toBeVisible();
      await expect(s.getByRole('link', { name: /Частые вопросы/ })).toHaveCount(0);
      await expectNoHorizontalScroll(s);
      await shot(s, testInfo, '01-help-search-390');
      await s.getByRole('searchbox', { name: 'Поиск по разделам помощи' }).fill('');
      await s.getByRole('link', { name: /Сообщения и чаты/ }).click();
      await expect(s.getByRole('heading', { level: 1, name: 'Сообщения и чаты' })).toBeVisible();

      // «Задать свой вопрос» at the bottom: the text and a screenshot pasted into the page.
      const question = s.getByRole('textbox', { name: 'Ваш вопрос' });
      await question.fill(words);
      await question.focus();
      await pasteImage(s, 'снимок.png', pngImage(320, 200, 3));
      await expect(s.getByRole('img', { name: 'снимок.png' })).toBeVisible();
      await expectNoHorizontalScroll(s);
      await expectNoA11yViolations(s);
      await expectNoLatin(s, 'Помощь: раздел');
      await shot(s, testInfo, '02-ask-with-screenshot-390');
      await s.getByRole('button', { name: 'Отправить вопрос' }).click();
      await expect(s.getByText('Вопрос отправлен')).toBeVisible();
      await s.getByRole('tab', { name: 'Мои вопросы' }).click();
      const mine = s.getByRole('link', { name: new RegExp(words) });
      await expect(mine).toContainText('Новый');
      await mine.click();
      await expect(s.getByRole('heading', { level: 1, name: 'Вопрос в поддержку' })).toBeVisible();
      await expect(s.getByText(words)).toBeVisible();
      await expectNoLatin(s, 'Вопрос в поддержку');

      // The operator: «Поддержка» in the menu with the count of unanswered questions.
      const o = operator.page;
      const menu = o.getByRole('navigation', { name: 'Главное меню' });
      await expect(menu.getByRole('link', { name: /Поддержка/ }).getByLabel(/Вопросов без ответа/)).toBeVisible();
      await menu.getByRole('link', { name: /Поддержка/ }).click();
      await expect(o.getByRole('heading', { level: 1, name: 'Поддержка' })).toBeVisible();
      await o.getByRole('link', { name: new RegExp(words) }).click();
      await expect(o.getByRole('heading', { level: 1, name: 'Вопрос в поддержку' })).toBeVisible();
      await expect(o.getByText('Гимназия №1', { exact: true })).toBeVisible();
      await expect(o.getByText('Ученик', { exact: true })).toBeVisible();
      await expect(o.getByText(/Chrome/)).toBeVisible();
      await expect(o.getByText('390×844')).toBeVisible();
      await expect(o.getByRole('img', { name: 'снимок.png' })).toBeVisible();
      await expectNoA11yViolations(o);
      await shot(o, testInfo, '03-desk-question-1280');
      // Text only: what looks like HTML is shown as typed.
      await o.getByRole('textbox', { name: 'Ответ поддержки' }).fill('Обновите страницу <b>клавишей F5</b>');
      await o.getByRole('button', { name: 'Ответить', exact: true }).click();
      await expect(o.getByText('Отвечен')).toBeVisible();

      // The student, without reloading: the answer and the new state.
      await expect(s.getByText('Обновите страницу <b>клавишей F5</b>')).toBeVisible();
      await expect(s.getByText('Отвечен')).toBeVisible();
      await shot(s, testInfo, '04-answer-live-390');
      await s.getByRole('textbox', { name: 'Ваш ответ' }).fill('Спасибо, помогло');
      await s.getByRole('button', { name: 'Ответить', exact: true }).click();
      await expect(o.getByText('Спасибо, помогло')).toBeVisible();

      // «Обратная связь»: the student writes what is missing; the desk counts and lists it.
      await s.goto('/help');
      await s.getByRole('textbox', { name: 'Чего не хватает на платформе?' }).fill(missing);
      await s.getByRole('button', { name: 'Отправить', exact: true }).click();
      await expect(s.getByText('Спасибо! Мы прочитаем каждое предложение')).toBeVisible();
      await o.goto('/operator/support');
      await o.getByRole('tab', { name: /Обратная связь/ }).click();
      await expect(o.getByText(missing)).toBeVisible();
      await expect(o.getByText(/Предложений: \d+/)).toBeVisible();
      await expectNoLatin(o, 'Поддержка: обратная связь');
      await shot(o, testInfo, '05-desk-feedback-1280');
      await expectClean(student, operator);
    } finally {
      await closeAll(student, operator);
    }
  });
});
