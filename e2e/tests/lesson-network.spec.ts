import type { AttendanceResponse } from '@parta/contracts';
import { demo } from '../support/accounts.js';
import { answerCall, endForAll, expectPictureFlowing, framesDecoded, personWithMedia, startLessonFromHome } from '../support/lessonFlows.js';
import { expectNoHorizontalScroll, shot } from '../support/screens.js';
import { SocketRelay } from '../support/socketRelay.js';
import { expect, test } from '../support/test.js';
import { closeAll, expectClean, type Person } from './chat-support.js';

// Issue 4, VID-1: «A lesson survives a participant's … short network drop (they come back in)». The pupil's socket runs
// through the test's relay, which cuts it as a dropped Wi-Fi would and lets the reconnect through a few seconds later —
// well within the server's grace (`lessonGraceMs`, 20 s) during which the stay is kept.

/** The server keeps a dropped person's stay this long (docs/LESSONS.md). */
const GRACE_MS = 20_000;

/** Closed after the test, and its lesson ended even when it fails (a lesson left going on for 7А changes the next test). */
const opened: Person[] = [];

test.afterEach(async () => {
  for (const p of opened) {
    const lessonId = /\/lessons\/([0-9a-f-]{36})/.exec(p.page.url())?.[1];
    if (lessonId && !p.page.isClosed()) {
      await p.page.evaluate((id) => fetch(`/api/lessons/${id}/end`, { method: 'POST' }).then(() => undefined), lessonId).catch(() => undefined);
    }
  }
  await closeAll(...opened.splice(0));
});

test('VID-1: the pupil\'s network drops for a few seconds mid-lesson: the screen says so, they are back in the call by themselves, pictures flow both ways, attendance shows one stay', async ({ browser }, testInfo) => {
  const teacher = await personWithMedia(browser, demo.teacher);
  const student = await personWithMedia(browser, demo.student);
  opened.push(teacher, student);
  const relay = new SocketRelay();
  await student.context.routeWebSocket(/\/api\/socket$/, relay.handle);
  // A new page load after the route is set: the pupil's socket goes through the relay.
  await student.page.goto('/home');
  await expect.poll(() => relay.received[relay.connections - 1]?.some((f) => f.t === 'ready')).toBe(true);

  await startLessonFromHome(teacher.page, '7А');
  await answerCall(student.page, '7А');
  await expect.poll(() => framesDecoded(student.page), { timeout: 30_000 }).toBeGreaterThan(10);
  await expect.poll(() => framesDecoded(teacher.page), { timeout: 30_000 }).toBeGreaterThan(10);
  await expect(teacher.page.getByText('В уроке 2 участника')).toBeVisible();
  const lessonId = /\/lessons\/([0-9a-f-]{36})/.exec(student.page.url())![1]!;

  // The network drops.
  const droppedAt = Date.now();
  await relay.drop();
  const notice = student.page.getByTestId('call-screen').getByRole('status').filter({ hasText: 'Нет связи с сервером' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Возвращаем вас в урок');
  // The picture stops (the server let the pupil's media go): a frozen frame is not mistaken for a live lesson.
  await expect
    .poll(async () => {
      const before = await framesDecoded(student.page);
      await student.page.waitForTimeout(1000);
      return (await framesDecoded(student.page)) - before;
    }, { timeout: 10_000 })
    .toBe(0);
  await shot(student.page, testInfo, '01-pupil-offline-1280');
  await student.page.setViewportSize({ width: 390, height: 844 });
  await expect(notice).toBeVisible();
  await shot(student.page, testInfo, '02-pupil-offline-390');
  await expectNoHorizontalScroll(student.page);
  // For the teacher a short drop is not leaving: the pupil is still counted in the lesson.
  await expect(teacher.page.getByText('В уроке 2 участника')).toBeVisible();

  // A few seconds away, well within the grace period.
  await student.page.waitForTimeout(Math.max(0, 5_000 - (Date.now() - droppedAt)));
  expect(Date.now() - droppedAt, 'the drop stays well within the server\'s grace').toBeLessThan(GRACE_MS - 5_000);
  relay.reconnect();

  // Back without pressing anything: the notice goes, the call screen is still there, the pupil entered the media again.
  await expect(notice).toHaveCount(0, { timeout: 30_000 });
  await expect(student.page.getByTestId('call-screen')).toBeVisible();
  await expect(student.page.getByTestId('call-screen').getByRole('alert'), 'no error on the pupil\'s screen').toHaveCount(0);
  const back = relay.connections - 1;
  expect(back, 'a new connection, not the one that was cut').toBeGreaterThan(0);
  await expect.poll(() => relay.sent[back]!.map((f) => f.t)).toEqual(expect.arrayContaining(['lesson.enter', 'lesson.publish', 'lesson.subscribe']));
  // Both see each other again: new frames on each side (the pupil's stream is a new one).
  await expectPictureFlowing(student.page, 20);
  await expectPictureFlowing(teacher.page, 20);
  await expect(teacher.page.getByTestId('tile')).toHaveCount(1);
  await expect(student.page.getByTestId('tile')).toHaveCount(1);
  await student.page.setViewportSize({ width: 1280, height: 800 });
  await shot(student.page, testInfo, '03-pupil-back-1280');
  await teacher.page.getByRole('button', { name: 'Участники' }).click();
  const people = teacher.page.getByRole('dialog', { name: 'Участники' });
  await expect(people.getByTestId('person-row')).toHaveCount(2);
  await expect(people.getByTestId('person-row').filter({ hasText: 'Волков' })).toHaveCount(1);
  await teacher.page.keyboard.press('Escape');

  // The teacher ends the lesson; the pupil's screen says so; attendance has one stay for the pupil, not two.
  await endForAll(teacher.page);
  await expect(teacher.page.getByRole('heading', { name: 'Урок завершён' })).toBeVisible();
  await expect(student.page.getByRole('heading', { name: 'Урок завершён' })).toBeVisible();
  await teacher.page.getByRole('link', { name: 'Посещаемость' }).click();
  const row = teacher.page.getByTestId('attendance').getByRole('row').filter({ hasText: 'Волков' });
  await expect(row).toContainText('Был(а)');
  await expect(row.getByRole('cell').nth(2)).toHaveText(/^\d\d:\d\d–\d\d:\d\d$/);
  await shot(teacher.page, testInfo, '04-attendance-one-stay');
  const res = await teacher.page.request.get(`/api/lessons/${lessonId}/attendance`);
  expect(res.status()).toBe(200);
  const { data } = (await res.json()) as AttendanceResponse;
  const pupil = data.rows.find((r) => r.person.lastName === 'Волков');
  expect(pupil?.intervals, 'one stay: the drop did not close it and open another').toHaveLength(1);
  const stay = pupil!.intervals[0]!;
  expect(new Date(stay.joinedAt).getTime(), 'the stay began before the drop').toBeLessThan(droppedAt);
  expect(stay.leftAt, 'closed by the end of the lesson').not.toBeNull();
  await expectClean(teacher, student);
});

test('VID-1: a pupil who presses «Присоединиться» before their page\'s connection is up is in the call once it is', async ({ browser }) => {
  const teacher = await personWithMedia(browser, demo.teacher);
  const student = await personWithMedia(browser, demo.student);
  opened.push(teacher, student);
  const relay = new SocketRelay();
  await student.context.routeWebSocket(/\/api\/socket$/, relay.handle);
  await startLessonFromHome(teacher.page, '7А');

  // A bad network: the pupil opens the lesson's link, and the page's live connection does not come up at once.
  await relay.drop();
  await student.page.goto(teacher.page.url());
  await student.page.getByRole('button', { name: 'Присоединиться' }).click();
  const screen = student.page.getByTestId('call-screen');
  await expect(screen).toBeVisible();
  await expect(screen.getByRole('status')).toHaveText('Подключение…');
  await expect(teacher.page.getByText('В уроке 2 участника')).toBeVisible();
  await student.page.waitForTimeout(1500);

  // The connection comes up: the pupil is in the call without pressing anything again.
  relay.reconnect();
  await expect(screen.getByRole('status')).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(() => framesDecoded(student.page), { timeout: 30_000 }).toBeGreaterThan(10);
  await expect.poll(() => framesDecoded(teacher.page), { timeout: 30_000 }).toBeGreaterThan(10);
  await expect(teacher.page.getByTestId('tile')).toHaveCount(1);

  await endForAll(teacher.page);
  await expect(student.page.getByRole('heading', { name: 'Урок завершён' })).toBeVisible();
  await expectClean(teacher, student);
});
