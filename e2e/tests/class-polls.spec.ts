import { type APIRequestContext, type Page, request } from '@playwright/test';
import { expect, test } from '../support/test.js';
import { demo, randomPhone, type TestPhone } from '../support/accounts.js';
import { expectNoA11yViolations } from '../support/axe.js';
import { schoolInMenu } from '../support/flows.js';
import { baseUrl } from '../support/paths.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { markLog, readSmsCode } from '../support/sms.js';
import { closeAll, createClassChat, expectClean, personIn, teacherAndStudent, uniqueName } from './chat-support.js';

// Issue 10, items 5, 6 and 7: who voted in a named poll (and not in an anonymous one), answers ticked by their text;
// the administrator puts a teacher of the school into a class from the list; «Отклонить» asks first and the applicant
// reads the reason. Each test makes its own chat, class and people: the demo data is shared with the other specs.

/** A person signed up through the API, with a request context signed in as them (no Origin: a non-browser client). */
interface Applicant {
  phone: TestPhone;
  password: string;
  firstName: string;
  lastName: string;
  api: APIRequestContext;
}

async function ok(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  expect(res.ok(), `${res.url()} → ${res.status()} ${JSON.stringify(body)}`).toBe(true);
  return body;
}

async function newApplicant(firstName: string, lastName: string): Promise<Applicant> {
  const phone = randomPhone();
  const password = 'Parta-e2e-zayavka-7';
  // A surname unique to the run (Cyrillic: the Russian UI shows no Latin letters), so lists can be searched for it.
  const letters = 'БВГДЖЗКЛМНПРСТФХ';
  const surname = `${lastName}-${Array.from({ length: 5 }, () => letters[Math.floor(Math.random() * letters.length)]).join('')}`;
  const api = await request.newContext({ baseURL: baseUrl });
  const mark = markLog();
  await ok(await api.post('/api/auth/identify', { data: { phone: phone.e164 } }));
  const code = await readSmsCode(phone.e164, mark);
  const verified = await ok(await api.post('/api/auth/verify', { data: { phone: phone.e164, purpose: 'login', code } }));
  await ok(
    await api.post('/api/auth/signup', {
      data: {
        verificationToken: verified.verificationToken,
        password,
        firstName,
        lastName: surname,
        gender: 'female',
        birthDate: '1988-04-12',
        acceptTerms: true,
      },
    }),
  );
  return { phone, password, firstName, lastName: surname, api };
}

/** The demo school's id and its 7А, as the administrator's browser sees them. */
async function demoSchool(page: Page): Promise<{ schoolId: string; classA: string }> {
  const me = (await ok(await page.request.get('/api/me'))) as { data: { memberships: { schoolId: string; schoolName: string }[] } };
  const schoolId = me.data.memberships.find((m) => m.schoolName === 'Гимназия №1')?.schoolId;
  if (!schoolId) throw new Error('the administrator has no Гимназия №1');
  const classes = (await ok(await page.request.get(`/api/schools/${schoolId}/classes`))) as { data: { id: string; name: string }[] };
  const classA = classes.data.find((c) => c.name === '7А')?.id;
  if (!classA) throw new Error('no 7А');
  return { schoolId, classA };
}

/** 390 px wide, once the layout has followed (the left menu folds a moment after the resize). */
async function toPhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

async function attachPoll(page: Page, question: string, options: string[], flags: { anonymous?: boolean; multiple?: boolean }): Promise<void> {
  await page.getByRole('button', { name: 'Прикрепить' }).click();
  await page.getByRole('menuitem', { name: 'Опрос' }).click();
  const dialog = page.getByRole('dialog', { name: 'Новый опрос' });
  await dialog.getByRole('textbox', { name: 'Тема опроса' }).fill(question);
  for (const [i, text] of options.entries()) {
    if (i >= 2) await dialog.getByRole('button', { name: 'Добавить вариант' }).click();
    await dialog.getByRole('textbox', { name: `Вариант ${i + 1}` }).fill(text);
  }
  if (flags.anonymous) await dialog.getByRole('checkbox', { name: 'Анонимный опрос' }).check();
  if (flags.multiple) await dialog.getByRole('checkbox', { name: 'Выбор нескольких ответов' }).check();
  await dialog.getByRole('button', { name: 'Прикрепить опрос' }).click();
  await expect(dialog).toHaveCount(0);
}

test.describe('issue 10: polls, teachers of a class, rejected requests', () => {
  test('a named poll shows the teacher who voted for what, live; an anonymous poll only counts; a tap on an answer’s text ticks it', async ({ browser }, testInfo) => {
    const { teacher, student } = await teacherAndStudent(browser);
    const chatPath = await createClassChat(teacher.page, uniqueName('7А — Экскурсии'));
    await student.page.goto(chatPath);

    const named = uniqueName('Куда поедем весной?');
    await attachPoll(teacher.page, named, ['Планетарий', 'Музей космонавтики', 'Зоопарк'], { multiple: true });
    const onStudent = student.page.getByRole('group', { name: named });
    const onTeacher = teacher.page.getByRole('group', { name: named });
    await expect(onStudent).toBeVisible();
    // Nobody has voted: nothing to show yet.
    await expect(onTeacher.getByRole('button', { name: 'Кто проголосовал' })).toHaveCount(0);

    // The answer's text is the checkbox's label: a tap on «Планетарий» ticks it, a second tap unticks it.
    const planetarium = onStudent.getByRole('checkbox', { name: 'Планетарий' });
    await onStudent.getByText('Планетарий', { exact: true }).click();
    await expect(planetarium).toBeChecked();
    await onStudent.getByText('Планетарий', { exact: true }).click();
    await expect(planetarium).not.toBeChecked();
    await onStudent.getByText('Планетарий', { exact: true }).click();
    await onStudent.getByText('Зоопарк', { exact: true }).click();
    await expect(onStudent.getByRole('checkbox', { name: 'Зоопарк' })).toBeChecked();
    await onStudent.getByRole('button', { name: 'Проголосовать' }).click();

    // The teacher opens «Кто проголосовал»: the student's name under both answers.
    await expect(onTeacher).toContainText('Проголосовал 1 человек');
    await onTeacher.getByRole('button', { name: 'Кто проголосовал' }).click();
    const names = onTeacher.getByTestId('poll-voters');
    await expect(names).toHaveText(['Максим Волков', 'никто', 'Максим Волков']);
    await shot(teacher.page, testInfo, '01-teacher-named-poll-voters-1280');

    // Live: the student keeps the list open; the teacher's vote appears in it without a reload.
    await onStudent.getByRole('button', { name: 'Кто проголосовал' }).click();
    await expect(onStudent.getByTestId('poll-voters')).toHaveText(['Максим Волков', 'никто', 'Максим Волков']);
    await onTeacher.getByText('Музей космонавтики', { exact: true }).click();
    await onTeacher.getByRole('button', { name: 'Проголосовать' }).click();
    await expect(onStudent.getByTestId('poll-voters')).toHaveText(['Максим Волков', 'Ирина Кузнецова', 'Максим Волков']);
    await expect(names).toHaveText(['Максим Волков', 'Ирина Кузнецова', 'Максим Волков']);
    await expectNoA11yViolations(teacher.page, `[data-poll-id]`);

    await toPhone(student.page);
    await onStudent.scrollIntoViewIfNeeded();
    await expectNoHorizontalScroll(student.page);
    await shot(student.page, testInfo, '02-student-named-poll-voters-390');

    // An anonymous poll: counts, and no way to see who.
    const secret = uniqueName('Понравилась ли поездка?');
    await attachPoll(teacher.page, secret, ['Да', 'Нет'], { anonymous: true });
    const secretOnStudent = student.page.getByRole('group', { name: secret });
    const secretOnTeacher = teacher.page.getByRole('group', { name: secret });
    await secretOnStudent.getByRole('button', { name: 'Да' }).click();
    await expect(secretOnTeacher).toContainText('Проголосовал 1 человек');
    await expect(secretOnTeacher.getByText('1 · 100%')).toBeVisible();
    await expect(secretOnTeacher.getByRole('button', { name: 'Кто проголосовал' })).toHaveCount(0);
    await expect(secretOnTeacher).not.toContainText('Волков');
    await expect(secretOnStudent.getByRole('button', { name: 'Кто проголосовал' })).toHaveCount(0);
    await shot(teacher.page, testInfo, '03-teacher-anonymous-poll-1280');

    await expectClean(teacher, student);
    await closeAll(teacher, student);
  });

  test('the administrator adds a teacher of the school to a class from the list, and the teacher is on the class page; a teacher may pick only themself', async ({ browser }, testInfo) => {
    const admin = await personIn(browser, demo.admin);
    const { schoolId } = await demoSchool(admin.page);
    // A teacher of the school of our own: asks to join with a subject, the administrator approves.
    const physics = await newApplicant('Ольга', 'Физикова');
    const asked = (await ok(await physics.api.post('/api/join-requests', { data: { schoolId, role: 'teacher', subjects: ['Физика', 'Астрономия'] } }))) as {
      data: { id: string };
    };
    await ok(await admin.page.request.post(`/api/join-requests/${asked.data.id}/approve`));
    // A class of our own, so the demo's classes stay as the other specs know them.
    let classId = '';
    for (const letter of 'ЭЮЯЖЗИЙКЛМНОПРСТУФХЦЧШЩ') {
      const res = await admin.page.request.post(`/api/schools/${schoolId}/classes`, { data: { grade: 10, letter } });
      if (res.status() === 409) continue;
      classId = ((await ok(res)) as { data: { id: string } }).data.id;
      break;
    }
    expect(classId).not.toBe('');

    await admin.page.goto(`/classes/${classId}`);
    const teachers = admin.page.getByRole('region', { name: 'Учителя' });
    await expect(teachers).toContainText('В классе пока нет учителей');
    await admin.page.getByRole('button', { name: 'Добавить учителя' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Добавить учителя' });
    // The school's teachers with their subjects; the search narrows the list.
    await expect(dialog.getByRole('radio', { name: /^Кузнецова Ирина/ })).toBeVisible();
    await dialog.getByRole('searchbox', { name: 'Поиск учителя' }).fill(physics.lastName);
    await expect(dialog.getByRole('radio', { name: /^Кузнецова Ирина/ })).toHaveCount(0);
    const pick = dialog.getByRole('radio', { name: new RegExp(physics.lastName) });
    await expect(pick).toBeEnabled();
    await expect(dialog).toContainText('Астрономия, Физика');
    await shot(admin.page, testInfo, '04-admin-add-teacher-1280');
    await expectNoA11yViolations(admin.page, '[role="dialog"]');
    await pick.check();
    await dialog.getByRole('button', { name: 'Добавить в класс' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(teachers).toContainText(`${physics.lastName} ${physics.firstName}`);
    await expect(teachers).toContainText('Астрономия, Физика');

    // The teacher, in a browser of her own, finds herself on the class page; «Добавить учителя» lets her pick only herself.
    const teacher = await personIn(browser, physics.phone, { password: physics.password });
    await teacher.page.goto(`/classes/${classId}`);
    await expect(teacher.page.getByRole('region', { name: 'Учителя' })).toContainText(`${physics.lastName} ${physics.firstName}`);
    await toPhone(teacher.page);
    await teacher.page.getByRole('button', { name: 'Добавить учителя' }).click();
    const hers = teacher.page.getByRole('dialog', { name: 'Добавить учителя' });
    await expect(hers.getByRole('radio', { name: new RegExp(`${physics.lastName}.*\\(вы\\)`) })).toBeEnabled();
    await expect(hers.getByRole('radio', { name: /^Кузнецова Ирина/ })).toBeDisabled();
    await expect(hers).toContainText('Других учителей в класс добавляет администратор школы');
    await expectNoHorizontalScroll(teacher.page);
    await shot(teacher.page, testInfo, '05-teacher-add-self-390');
    await expectNoA11yViolations(teacher.page, '[role="dialog"]');

    // At phone width every «Написать» beside a teacher with subjects is shown whole, not cut to «Напис» (7А: the
    // demo's teachers, each with subjects).
    const { classA } = await demoSchool(teacher.page);
    await teacher.page.goto(`/classes/${classA}`);
    const writeButtons = teacher.page.getByRole('region', { name: 'Учителя' }).getByRole('button', { name: /^Написать/ });
    await expect(writeButtons.first()).toBeVisible();
    for (const button of await writeButtons.all()) {
      const label = button.locator('.mantine-Button-label');
      expect(await label.evaluate((l) => l.scrollWidth <= l.clientWidth && l.getBoundingClientRect().right <= (l.closest('button')?.getBoundingClientRect().right ?? 0) + 0.5), 'the button shows its whole label').toBe(true);
    }
    await physics.api.dispose();
    await expectClean(admin, teacher);
    await closeAll(admin, teacher);
  });

  test('«Отклонить» asks for confirmation with an optional reason, and the applicant reads the reason in «Мои заявки»', async ({ browser }, testInfo) => {
    const admin = await personIn(browser, demo.admin);
    const { schoolId, classA } = await demoSchool(admin.page);
    const applicant = await newApplicant('Вера', 'Заявкина');
    await ok(await applicant.api.post('/api/join-requests', { data: { schoolId, role: 'student', classIds: [classA] } }));
    const reason = 'В 7А нет ученицы с такой фамилией. Уточните класс у классного руководителя.';

    await schoolInMenu(admin.page, 'Гимназия №1').click();
    await admin.page.getByRole('link', { name: /^Заявки/ }).click();
    const card = admin.page.getByRole('article', { name: new RegExp(applicant.lastName) });
    await expect(card).toBeVisible();
    // «Отклонить» asks first; «Отмена» leaves the request as it was.
    await card.getByRole('button', { name: 'Отклонить' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Отклонить заявку?' });
    await expect(dialog).toContainText(applicant.lastName);
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(card.getByRole('button', { name: 'Одобрить' })).toBeVisible();

    await card.getByRole('button', { name: 'Отклонить' }).click();
    await dialog.getByRole('textbox', { name: 'Причина (необязательно)' }).fill(reason);
    await shot(admin.page, testInfo, '06-admin-reject-confirm-1280');
    await expectNoA11yViolations(admin.page, '[role="dialog"]');
    await dialog.getByRole('button', { name: 'Отклонить заявку' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(card).toHaveCount(0);
    await admin.page.getByRole('tab', { name: 'Отклонена' }).click();
    await expect(card).toContainText(`Причина: ${reason}`);

    // The applicant signs in and sees the outcome with the reason.
    const person = await personIn(browser, applicant.phone, { password: applicant.password });
    const mine = person.page.getByRole('region', { name: 'Мои заявки' });
    await expect(mine).toContainText('Отклонена');
    await expect(mine).toContainText(`Причина: ${reason}`);
    await shot(person.page, testInfo, '07-applicant-rejected-1280');
    await toPhone(person.page);
    await expectNoHorizontalScroll(person.page);
    await shot(person.page, testInfo, '08-applicant-rejected-390');
    await expectNoA11yViolations(person.page, 'section[aria-labelledby="home-requests"]');

    await toPhone(admin.page);
    await expectNoHorizontalScroll(admin.page);
    await shot(admin.page, testInfo, '09-admin-rejected-390');

    await applicant.api.dispose();
    await expectClean(admin, person);
    await closeAll(admin, person);
  });
});
