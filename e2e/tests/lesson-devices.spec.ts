import { type Browser, chromium, type Page } from '@playwright/test';
import { demo } from '../support/accounts.js';
import { control, endForAll, framesDecoded, personWithMedia, soundHeard, startLessonFromHome } from '../support/lessonFlows.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { expect, test } from '../support/test.js';
import { closeAll, expectClean, type Person } from './chat-support.js';

// VID-3: «a clear message when permission is refused or no device exists (joining to listen still works)». The teacher
// is in the test's browser (fake camera and microphone, allowed); the pupil is in a Chromium of their own that refuses
// access or has no devices at all, as a real browser does: no stubbed getUserMedia.

/** What a test opened: closed after it, and its lesson ended, even when it fails (a lesson left going on for 7А would
 * change how the next test starts). */
const opened: { people: Person[]; browsers: Browser[] } = { people: [], browsers: [] };

test.afterEach(async () => {
  for (const p of opened.people) {
    const lessonId = /\/lessons\/([0-9a-f-]{36})/.exec(p.page.url())?.[1];
    if (lessonId && !p.page.isClosed()) {
      await p.page.evaluate((id) => fetch(`/api/lessons/${id}/end`, { method: 'POST' }).then(() => undefined), lessonId).catch(() => undefined);
    }
  }
  await closeAll(...opened.people.splice(0));
  for (const b of opened.browsers.splice(0)) await b.close();
});

/** A Chromium like the config's, with the pupil's camera flags instead of the fake, always-allowed devices. */
async function launchPupilBrowser(cameraFlags: string[]): Promise<Browser> {
  const pupilBrowser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--allow-loopback-in-peer-connection',
      '--disable-features=WebRtcHideLocalIpsWithMdns', ...cameraFlags,
    ],
  });
  opened.browsers.push(pupilBrowser);
  return pupilBrowser;
}

/** The teacher (the test's browser) and the pupil (their own), signed in. */
async function teacherAndPupil(browser: Browser, pupilBrowser: Browser): Promise<{ teacher: Person; student: Person }> {
  const teacher = await personWithMedia(browser, demo.teacher);
  opened.people.push(teacher);
  const student = await personWithMedia(pupilBrowser, demo.student);
  opened.people.push(student);
  return { teacher, student };
}

/** The pupil waits on «Главная»; the teacher starts a lesson for 7А; the pupil answers the ring: the pre-join screen. */
async function lessonWithPupil(browser: Browser, pupilBrowser: Browser): Promise<{ teacher: Person; student: Person }> {
  const { teacher, student } = await teacherAndPupil(browser, pupilBrowser);
  await student.page.goto('/home');
  await startLessonFromHome(teacher.page, '7А');
  const ring = student.page.getByRole('alertdialog', { name: 'Вас приглашают на урок' });
  await ring.getByRole('button', { name: 'Присоединиться' }).click();
  await expect(student.page.getByRole('heading', { name: 'Урок 7А' })).toBeVisible();
  return { teacher, student };
}

/** The pre-join screen at desktop and phone width: a picture of each, nothing sticking out at 390 px. */
async function prejoinShots(page: Page, testInfo: Parameters<typeof shot>[1], name: string): Promise<void> {
  await shot(page, testInfo, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('device-problem')).toBeVisible();
  await shot(page, testInfo, `${name}-390`);
  await expectNoHorizontalScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** In the call without camera and microphone, the pupil sees and hears the teacher; the teacher has the pupil's tile and row. */
async function listensToTheTeacher(teacher: Person, student: Person): Promise<void> {
  await expect(student.page.getByTestId('call-screen')).toBeVisible();
  await expect.poll(() => framesDecoded(student.page), { timeout: 30_000 }).toBeGreaterThan(10);
  await expect.poll(() => soundHeard(student.page), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(student.page.getByTestId('tile')).toContainText('Ирина Кузнецова');
  const pupilTile = teacher.page.getByTestId('tile').filter({ hasText: 'Максим Волков' });
  await expect(pupilTile).toBeVisible();
  await expect(pupilTile.getByLabel('Микрофон выключен')).toBeVisible();
  await teacher.page.getByRole('button', { name: 'Участники' }).click();
  const people = teacher.page.getByRole('dialog', { name: 'Участники' });
  await expect(people).toContainText('В уроке 2 участника');
  await expect(people.getByTestId('person-row').filter({ hasText: 'Волков' })).toBeVisible();
  await teacher.page.keyboard.press('Escape');
  await expect(people).toHaveCount(0);
}

async function endLesson(teacher: Person, student: Person): Promise<void> {
  await control(student.page, 'Выйти из звонка').click();
  await expect(student.page.getByRole('heading', { name: 'Вы вышли из урока' })).toBeVisible();
  await endForAll(teacher.page);
  await expect(teacher.page.getByRole('heading', { name: 'Урок завершён' })).toBeVisible();
}

test.describe('video lessons without camera or microphone', () => {
  test('access refused: the pre-join screen says so and how to allow it; the pupil joins to listen, sees and hears the teacher; allowed later, camera and microphone turn on in the call', async ({ browser }, testInfo) => {
    // Chromium with fake devices that refuses every permission prompt: getUserMedia fails with NotAllowedError.
    const refusing = await launchPupilBrowser(['--use-fake-device-for-media-stream', '--deny-permission-prompts']);
    const { teacher, student } = await lessonWithPupil(browser, refusing);
    const page = student.page;

    const problem = page.getByTestId('device-problem');
    await expect(problem).toContainText('Нет доступа к камере и микрофону');
    await expect(problem).toContainText('Нажмите на значок слева от адреса сайта, выберите для камеры и микрофона «Разрешить»');
    await expect(problem).toContainText('вы будете видеть и слышать урок');
    await expect(page.getByTestId('prejoin-video')).toBeHidden();
    await expect(page.getByText('Нет доступа к камере', { exact: true })).toBeVisible();
    await expect(page.getByRole('switch', { name: 'Камера' })).toBeDisabled();
    await expect(page.getByRole('switch', { name: 'Микрофон' })).toBeDisabled();
    await prejoinShots(page, testInfo, '01-prejoin-refused');
    // Asking again while still refused: the same message, and joining still works.
    await problem.getByRole('button', { name: 'Попробовать снова' }).click();
    await expect(problem.getByRole('button', { name: 'Попробовать снова' })).toBeEnabled();
    await expect(problem).toContainText('Нет доступа к камере и микрофону');
    await page.getByRole('button', { name: 'Присоединиться, чтобы слушать' }).click();

    await listensToTheTeacher(teacher, student);
    // My own tile: no picture, and why.
    const mine = page.getByTestId('tile-me');
    await expect(mine.getByTestId('tile-note')).toHaveText('Нет доступа к камере и микрофону');
    await expect(mine.locator('video')).toBeHidden();
    // The buttons say why they cannot turn on; pressed while still refused, the call says what to do.
    const camera = control(page, /^Нет доступа к камере\. Разрешите её в настройках сайта/);
    await expect(control(page, /^Нет доступа к микрофону\. Разрешите его в настройках сайта/)).toBeVisible();
    await camera.click();
    await expect(page.getByRole('alert')).toContainText('Нет доступа к камере. Разрешите её в настройках сайта (значок слева от адреса)');
    await shot(page, testInfo, '03-call-refused-1280');

    // The pupil allows camera and microphone in the site's settings and presses the buttons again: the teacher sees
    // and hears them, without leaving the call.
    await student.context.grantPermissions(['camera', 'microphone']);
    await camera.click();
    await expect(control(page, 'Выключить камеру')).toHaveAttribute('aria-pressed', 'true');
    await expect(mine.getByTestId('tile-note')).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect.poll(() => framesDecoded(teacher.page), { timeout: 30_000 }).toBeGreaterThan(10);
    await control(page, 'Включить микрофон').click();
    await expect(control(page, 'Выключить микрофон')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => soundHeard(teacher.page), { timeout: 30_000 }).toBeGreaterThan(0);
    await shot(teacher.page, testInfo, '04-teacher-sees-pupil-after-allowing');

    await endLesson(teacher, student);
    await expectClean(teacher, student);
  });

  test('no camera or microphone at all: the pre-join screen says none were found; the pupil joins to listen, sees and hears the teacher', async ({ browser }, testInfo) => {
    // Chromium without fake devices in a container with neither: getUserMedia fails with NotFoundError.
    const bare = await launchPupilBrowser(['--use-fake-ui-for-media-stream']);
    const { teacher, student } = await lessonWithPupil(browser, bare);
    const page = student.page;

    const problem = page.getByTestId('device-problem');
    await expect(problem).toContainText('Камера и микрофон не найдены');
    await expect(problem).toContainText('Подключите камеру или гарнитуру и нажмите «Попробовать снова»');
    await expect(problem).not.toContainText('Нет доступа');
    await expect(page.getByText('Камера не найдена', { exact: true })).toBeVisible();
    await prejoinShots(page, testInfo, '01-prejoin-no-devices');
    await page.getByRole('button', { name: 'Присоединиться, чтобы слушать' }).click();

    await listensToTheTeacher(teacher, student);
    await expect(page.getByTestId('tile-me').getByTestId('tile-note')).toHaveText('Камера и микрофон не найдены');
    await expect(control(page, /^Камера не найдена\. Подключите её/)).toBeVisible();
    await control(page, /^Микрофон не найден\. Подключите его/).click();
    await expect(page.getByRole('alert')).toContainText('Микрофон не найден. Подключите его и нажмите эту кнопку');
    // Nothing pretends to be on.
    await expect(control(page, 'Выключить микрофон')).toHaveCount(0);
    await shot(page, testInfo, '02-call-no-devices-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, testInfo, '03-call-no-devices-390');

    await endLesson(teacher, student);
    await expectClean(teacher, student);
  });

  test('a microphone but no camera: the pre-join screen says the camera is missing; the pupil joins speaking, the teacher hears them', async ({ browser }, testInfo) => {
    // Chromium's fake devices with no camera: its fake microphones only.
    const micOnly = await launchPupilBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream=device-count=0']);
    const { teacher, student } = await lessonWithPupil(browser, micOnly);
    const page = student.page;

    const problem = page.getByTestId('device-problem');
    await expect(problem).toContainText('Камера не найдена');
    await expect(problem).toContainText('Вас будут слышать, но не видеть');
    await expect(page.getByRole('switch', { name: 'Микрофон' })).toBeChecked();
    await expect(page.getByRole('switch', { name: 'Камера' })).toBeDisabled();
    await shot(page, testInfo, '01-prejoin-no-camera-1280');
    await page.getByRole('button', { name: 'Присоединиться', exact: true }).click();

    await expect(page.getByTestId('call-screen')).toBeVisible();
    await expect.poll(() => framesDecoded(page), { timeout: 30_000 }).toBeGreaterThan(10);
    await expect.poll(() => soundHeard(teacher.page), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(control(page, 'Выключить микрофон')).toHaveAttribute('aria-pressed', 'true');
    await expect(control(page, /^Камера не найдена\. Подключите её/)).toBeVisible();
    await expect(page.getByTestId('tile-me').getByTestId('tile-note')).toHaveText('Камера не найдена');
    await expect(teacher.page.getByTestId('tile').filter({ hasText: 'Максим Волков' }).getByLabel('Микрофон выключен')).toHaveCount(0);

    await endLesson(teacher, student);
    await expectClean(teacher, student);
  });

  test('the microphone allowed, the camera refused: the pre-join screen says the camera has no access; the pupil joins speaking', async ({ browser }) => {
    const refusing = await launchPupilBrowser(['--use-fake-device-for-media-stream', '--deny-permission-prompts']);
    const { teacher, student } = await teacherAndPupil(browser, refusing);
    await student.context.grantPermissions(['microphone']);
    await startLessonFromHome(teacher.page, '7А');
    const page = student.page;
    await page.goto(teacher.page.url());

    const problem = page.getByTestId('device-problem');
    await expect(problem).toContainText('Нет доступа к камере');
    await expect(problem).toContainText('вас будут слышать, но не видеть');
    await expect(problem).not.toContainText('микрофон');
    await expect(page.getByRole('switch', { name: 'Микрофон' })).toBeChecked();
    await page.getByRole('button', { name: 'Присоединиться', exact: true }).click();

    await expect(page.getByTestId('call-screen')).toBeVisible();
    await expect.poll(() => framesDecoded(page), { timeout: 30_000 }).toBeGreaterThan(10);
    await expect.poll(() => soundHeard(teacher.page), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(control(page, /^Нет доступа к камере\. Разрешите её/)).toBeVisible();
    await expect(page.getByTestId('tile-me').getByTestId('tile-note')).toHaveText('Нет доступа к камере');

    await endLesson(teacher, student);
    await expectClean(teacher, student);
  });
});
