import { expect } from 'vitest';
import type { RTCPeerConnection } from 'werift';
import { type SocketClient, sleep } from '../../realtime/testing/socketClient.js';
import type { SchoolFixture } from '../../test/factories.js';
import type { TestContext } from '../../test/testApp.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A person's HTTP client for lesson tests: `api(ctx, cookie).post(url, body)` → {status, body}. Cookie '' is anonymous. */
export function api(ctx: TestContext, cookie: string) {
  const call = async (method: Method, url: string, payload?: object) => {
    const res = await ctx.app.inject({ method, url: `/api${url}`, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload: object = {}) => call('POST', url, payload),
    patch: (url: string, payload: object) => call('PATCH', url, payload),
    put: (url: string, payload: object) => call('PUT', url, payload),
    del: (url: string) => call('DELETE', url),
  };
}

/** The teacher of 7А starts a lesson for the class from «Главная»; returns its id. */
export async function classLesson(ctx: TestContext, f: SchoolFixture): Promise<string> {
  const res = await api(ctx, f.cookies.teacher).post('/lessons', { kind: 'class', classId: f.classA.id });
  expect(res.status).toBe(201);
  return res.body.data.id as string;
}

/**
 * A tab asks over its socket for one feed's sound and picture, answers the SFU's offer with `pc` (a werift peer
 * playing the browser) and waits until `packets` video packets arrived: the picture reaches the viewer.
 */
export async function receiveFeed(
  ws: SocketClient,
  lessonId: string,
  want: { feedId: string; publication?: string | undefined },
  pc: RTCPeerConnection,
  packets = 20,
): Promise<void> {
  ws.send({ t: 'lesson.subscribe', lessonId, feeds: [{ ...want, audio: true, video: true }] });
  const offer = await ws.next('lesson.offer', 20_000);
  expect(offer.streams.map((s) => s.kind).sort()).toEqual(['audio', 'video']);
  let received = 0;
  pc.onTrack.subscribe((t) => {
    if (t.kind === 'video') t.onReceiveRtp.subscribe(() => { received += 1; });
  });
  await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp ?? '' });
  await pc.setLocalDescription(await pc.createAnswer());
  ws.send({ t: 'lesson.answer', lessonId, sdp: pc.localDescription?.sdp });
  for (let i = 0; i < 300 && received < packets; i++) await sleep(50);
  expect(received).toBeGreaterThanOrEqual(packets);
}
