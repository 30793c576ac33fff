import { type Browser, expect, type Page } from '@playwright/test';
import { type Person, personIn } from '../tests/chat-support.js';
import type { TestPhone } from './accounts.js';

// Video lessons (issue 4) in the browser: people in browsers of their own, what their pages receive over WebRTC, and
// the guide's way to start a lesson.

/** Every RTCPeerConnection the page makes is kept on window, so the test can read getStats(). */
export function recordPeerConnections() {
  const Original = window.RTCPeerConnection;
  const all: RTCPeerConnection[] = [];
  (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = all;
  window.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      all.push(this);
    }
  } as typeof RTCPeerConnection;
}

/** A signed-in person in a context of `browser` (the test's own, or one launched with other camera flags). */
export function personWithMedia(browser: Browser, phone: TestPhone): Promise<Person> {
  return personIn(browser, phone, { initScript: recordPeerConnections });
}

/** Sums one counter of the page's inbound-rtp stats of one kind over its open connections. */
async function inbound(page: Page, kind: 'audio' | 'video', field: 'framesDecoded' | 'totalAudioEnergy' | 'packetsReceived'): Promise<number> {
  return page.evaluate(
    async ([k, f]) => {
      let sum = 0;
      for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
        if (pc.connectionState === 'closed') continue;
        (await pc.getStats()).forEach((s) => {
          if (s.type === 'inbound-rtp' && s.kind === k) sum += s[f] ?? 0;
        });
      }
      return sum;
    },
    [kind, field] as const,
  );
}

/** Frames of others' video this page has decoded (inbound-rtp video, summed over its connections). */
export function framesDecoded(page: Page): Promise<number> {
  return inbound(page, 'video', 'framesDecoded');
}

/**
 * The page keeps decoding others' video: `frames` more within the time. A picture published again (a reload) comes
 * on a new stream whose count starts from 0, so a drop in the sum starts the count again.
 */
export async function expectPictureFlowing(page: Page, frames: number, timeout = 30_000): Promise<void> {
  let base = await framesDecoded(page);
  await expect
    .poll(async () => {
      const now = await framesDecoded(page);
      if (now < base) base = 0;
      return now - base;
    }, { timeout })
    .toBeGreaterThanOrEqual(frames);
}

/** The energy of the sound this page has received from others: above 0 once someone's microphone is heard. */
export function soundHeard(page: Page): Promise<number> {
  return inbound(page, 'audio', 'totalAudioEnergy');
}

/** A button of the call's toolbar (its accessible name is its tooltip). */
export const control = (page: Page, name: string | RegExp) => page.getByRole('toolbar', { name: 'Управление звонком' }).getByRole('button', { name });

/** «Главная» → «Начать урок» → the class → «Начать урок» → «Присоединиться»: the teacher is in the call. */
export async function startLessonFromHome(page: Page, className: string): Promise<void> {
  await page.goto('/home');
  await page.getByRole('button', { name: 'Начать урок' }).first().click();
  const pick = page.getByRole('dialog', { name: 'Выберите класс' });
  await pick.getByRole('radio', { name: new RegExp(`^${className}`) }).check();
  await pick.getByRole('button', { name: 'Начать урок' }).click();
  await expect(page.getByRole('heading', { name: `Урок ${className}` })).toBeVisible();
  await expect(page.getByTestId('prejoin-video')).toBeVisible();
  await page.getByRole('button', { name: 'Присоединиться' }).click();
  await expect(page.getByTestId('call-screen')).toBeVisible();
}

/** The pupil answers the ring: «Присоединиться» on the incoming call, then on the pre-join screen; in the call. */
export async function answerCall(page: Page, className: string): Promise<void> {
  const ring = page.getByRole('alertdialog', { name: 'Вас приглашают на урок' });
  await expect(ring).toContainText(className);
  await ring.getByRole('button', { name: 'Присоединиться' }).click();
  await expect(page.getByRole('heading', { name: `Урок ${className}` })).toBeVisible();
  await page.getByRole('button', { name: 'Присоединиться' }).click();
  await expect(page.getByTestId('call-screen')).toBeVisible();
}

/** The host's «Выйти из звонка» → «Завершить урок для всех» → «Завершить урок» in the confirmation: the lesson ends. */
export async function endForAll(page: Page): Promise<void> {
  await control(page, 'Выйти из звонка').click();
  await page.getByRole('menuitem', { name: 'Завершить урок для всех' }).click();
  await page.getByRole('dialog', { name: 'Завершить урок для всех?' }).getByRole('button', { name: 'Завершить урок' }).click();
}
