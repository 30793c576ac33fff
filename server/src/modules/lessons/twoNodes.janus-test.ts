import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import type { EventBus } from '../../platform/events/bus.js';
import { RedisBus } from '../../platform/events/redisBus.js';
import { defaultMediaIp } from '../../platform/media/werift/weriftMediaServer.js';
import { SocketClient } from '../../realtime/testing/socketClient.js';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { api, classLesson, receiveFeed } from './testHelpers.js';

/**
 * A lesson whose people reached two different Parta nodes: two app instances, each with its own Redis connections
 * (the bus between nodes) and its own janode connection to the same real Janus (started by `janus/test.sh`). The
 * teacher's socket is on node A, the student's on node B: each sees the other's feed, the student receives the
 * teacher's media, and when the student opens the lesson on node A, node B lets go of them.
 */
const janusUrl = process.env.JANUS_URL;
if (!janusUrl) throw new Error('JANUS_URL is not set: run this through server/janus/test.sh');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ip = defaultMediaIp();
const peer = () => new RTCPeerConnection({ iceServers: [], iceUseIpv6: false, iceInterfaceAddresses: { udp4: ip } });

interface Node {
  app: FastifyInstance;
  url: string;
  bus: EventBus;
}

let ctx: TestContext;
const nodes: Node[] = [];
const sockets: SocketClient[] = [];

beforeAll(async () => {
  // The factories' context (users, sessions); both nodes share its database and secret, as two processes share one.
  ctx = await createTestContext();
  for (let i = 0; i < 2; i++) {
    const bus = await RedisBus.connect(redisUrl);
    const config = loadConfig({ PARTA_DEMO: '0', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://parta.test', MEDIA_SFU: 'janus', JANUS_URL: janusUrl, LESSON_SWEEP_MS: '0' });
    const app = await buildApp({ ...ctx.deps, config, events: bus }, { logger: false });
    nodes.push({ app, url: await app.listen({ port: 0, host: '127.0.0.1' }), bus });
  }
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  for (const n of nodes) {
    await n.app.close();
    await n.bus.close();
  }
  await ctx.close();
});

async function enter(node: Node, cookie: string, lessonId: string): Promise<SocketClient> {
  const ws = await SocketClient.connect(node.url, cookie);
  sockets.push(ws);
  ws.send({ t: 'resume', chats: {} });
  await ws.next('resumed');
  ws.send({ t: 'lesson.enter', lessonId });
  await ws.waitFor((x) => x.t === 'lesson' && x.event.type === 'feeds');
  return ws;
}

/** A tab publishing a camera and a microphone through its socket; RTP flows until stopped. */
async function publish(ws: SocketClient, lessonId: string, ssrc: number) {
  const pc = peer();
  const video = new MediaStreamTrack({ kind: 'video' });
  pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendonly' });
  pc.addTransceiver(video, { direction: 'sendonly' });
  await pc.setLocalDescription(await pc.createOffer());
  ws.send({ t: 'lesson.publish', lessonId, sdp: pc.localDescription?.sdp, state: { audio: true, video: true, screen: false } });
  await pc.setRemoteDescription({ type: 'answer', sdp: (await ws.next('lesson.answer', 20_000)).sdp });
  let seq = 0;
  const timer = setInterval(() => {
    seq += 1;
    video.writeRtp(new RtpPacket(new RtpHeader({ payloadType: 96, ssrc, sequenceNumber: seq % 65536, timestamp: seq * 3000, marker: true }), Buffer.alloc(300, seq % 256)));
  }, 20);
  return { pc, stop: () => clearInterval(timer) };
}

const feedsOf = (ws: SocketClient, userIds: string[]) =>
  ws.waitFor(
    (x) => x.t === 'lesson' && x.event.type === 'feeds' && x.event.feeds.map((f) => f.userId).sort().join() === [...userIds].sort().join(),
    20_000,
  );

describe('a lesson across two Parta nodes on one Janus', () => {
  it('people on different nodes see and receive each other; moving to another node lets go of the first', async () => {
    const [a, b] = nodes as [Node, Node];
    // HTTP through node A, so its events cross to node B over Redis.
    const viaA = { ...ctx, app: a.app };
    const f = await freshSchool(ctx);
    const lessonId = await classLesson(viaA, f);
    for (const cookie of [f.cookies.teacher, f.cookies.student]) expect((await api(viaA, cookie).post(`/lessons/${lessonId}/join`)).status).toBe(200);

    const teacherWs = await enter(a, f.cookies.teacher, lessonId);
    const studentWs = await enter(b, f.cookies.student, lessonId);
    const teacher = await publish(teacherWs, lessonId, 7001);

    // Node B hears from node A that the teacher publishes, and the student's tab receives the picture from Janus.
    const seen = await feedsOf(studentWs, [f.teacher.id]);
    const publication = seen.t === 'lesson' && seen.event.type === 'feeds' ? seen.event.feeds[0]?.publication : undefined;
    const sub = peer();
    await receiveFeed(studentWs, lessonId, { feedId: f.teacher.id, publication }, sub);

    // The student publishes on node B: the teacher on node A sees both feeds.
    const student = await publish(studentWs, lessonId, 7002);
    await feedsOf(teacherWs, [f.teacher.id, f.student.id]);

    // The student opens the lesson in a tab that reached node A: node B's tab is let go, and the student's old
    // publication is gone from everyone's list until the new tab publishes.
    const moved = await enter(a, f.cookies.student, lessonId);
    expect(await studentWs.waitFor((x) => x.t === 'lesson.closed', 20_000)).toMatchObject({ lessonId, reason: 'elsewhere' });
    await feedsOf(teacherWs, [f.teacher.id]);
    const again = await publish(moved, lessonId, 7003);
    await feedsOf(teacherWs, [f.teacher.id, f.student.id]);

    // The end reaches every node's tabs.
    expect((await api(viaA, f.cookies.teacher).post(`/lessons/${lessonId}/end`)).status).toBe(200);
    expect(await moved.waitFor((x) => x.t === 'lesson.closed', 20_000)).toMatchObject({ reason: 'ended' });
    for (const p of [teacher, student, again]) p.stop();
    await Promise.all([teacher.pc.close(), student.pc.close(), again.pc.close(), sub.close()]);
  }, 90_000);
});
