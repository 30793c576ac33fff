import { demo } from '../support/accounts.js';
import { answerCall, framesDecoded, personWithMedia } from '../support/lessonFlows.js';
import { shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import { closeAll, expectClean } from './chat-support.js';

// DASH-2, «Рабочий стол учителя»: «Главная» lists the teacher's classes, each with a camera that calls the whole class
// at once — no picking in a dialog.

test('DASH-2: the camera beside 7А on «Главная» calls the class; the pupil is rung, joins and sees the teacher', async ({ browser }, testInfo) => {
  const teacher = await personWithMedia(browser, demo.teacher);
  const student = await personWithMedia(browser, demo.student);
  let lessonId: string | null = null;
  try {
    await student.page.goto('/home');
    await teacher.page.goto('/home');
    const classes = teacher.page.getByRole('region', { name: 'Мои классы' });
    await expect(classes.getByText('7А', { exact: true })).toBeVisible();
    // A pupil's «Главная» has no such camera: pupils do not ring their class.
    await expect(student.page.getByRole('button', { name: 'Позвонить классу' })).toHaveCount(0);

    await classes.getByRole('group', { name: '7А' }).getByRole('button', { name: 'Позвонить классу' }).click();
    await expect(teacher.page.getByRole('heading', { name: 'Урок 7А' })).toBeVisible();
    lessonId = /\/lessons\/([0-9a-f-]{36})/.exec(teacher.page.url())?.[1] ?? null;
    await teacher.page.getByRole('button', { name: 'Присоединиться' }).click();
    await expect(teacher.page.getByTestId('call-screen')).toBeVisible();

    const ring = student.page.getByRole('alertdialog', { name: 'Вас приглашают на урок' });
    await expect(ring).toContainText('7А');
    // «Главная» shows the lesson going on, with how many are in it (read again while a lesson is listed).
    await expect(student.page.getByTestId('live-lesson')).toContainText('в уроке 1 участник', { timeout: 25_000 });
    await shot(student.page, testInfo, '01-student-rung-from-class-camera');
    await answerCall(student.page, '7А');
    await expect.poll(() => framesDecoded(student.page), { timeout: 30_000 }).toBeGreaterThan(10);
    await expectClean(teacher, student);
  } finally {
    if (lessonId) await teacher.page.request.post(`/api/lessons/${lessonId}/end`).catch(() => undefined);
    await closeAll(teacher, student);
  }
});
