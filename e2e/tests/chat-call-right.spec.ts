import { demo } from '../support/accounts.js';
import { shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import { closeAll, createClassChat, expectClean, personIn, uniqueName } from './chat-support.js';

// CHT-4: the camera icon right of a chat's name appears exactly when the server's chat answer says I may call
// (`can.call`, the rule POST /lessons applies); the browser does not work it out from roles.

test('CHT-4: the camera in a chat follows the server: the teacher and the administrator may call the class, the pupil may not; the pupil may call in a personal chat', async ({
  browser,
}, testInfo) => {
  const teacher = await personIn(browser, demo.teacher);
  const student = await personIn(browser, demo.student);
  const admin = await personIn(browser, demo.admin);
  const camera = (p: typeof teacher) => p.page.getByRole('button', { name: 'Позвонить', exact: true });
  const name = uniqueName('7А — Биология');
  const chatPath = await createClassChat(teacher.page, name);
  await expect(camera(teacher)).toBeVisible();

  // The pupil is in the class chat but does not ring the whole class.
  await student.page.goto(chatPath);
  await expect(student.page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(student.page.getByRole('textbox', { name: 'Сообщение' })).toBeVisible();
  await expect(camera(student)).toHaveCount(0);
  await shot(student.page, testInfo, '01-student-class-chat-no-camera');

  // The school's administrator looks at the chat without being in it, and may call from it.
  await admin.page.goto(chatPath);
  await expect(admin.page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(camera(admin)).toBeVisible();

  // «Контакты» → «Написать» beside the teacher: in a personal chat either side may call.
  await student.page.getByRole('link', { name: 'Контакты', exact: true }).click();
  await student.page.getByRole('button', { name: /^Написать: Кузнецова/ }).click();
  await expect(student.page.getByRole('heading', { level: 1, name: /Кузнецова/ })).toBeVisible();
  await expect(camera(student)).toBeVisible();
  await camera(student).click();
  const dialog = student.page.getByRole('dialog', { name: 'Видеозвонок' });
  await expect(dialog.getByRole('button', { name: 'Позвонить всем' })).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: /Кузнецова/ })).toBeVisible();
  await shot(student.page, testInfo, '02-student-personal-chat-call-dialog');
  await student.page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await expectClean(teacher, student, admin);
  await closeAll(teacher, student, admin);
});
