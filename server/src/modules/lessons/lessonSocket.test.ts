import cookie from '@fastify/cookie';
import { and, count, eq, isNull } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import { lessonPresence } from '../../db/lessonSchema.js';
import { installRequestContext } from '../../http/context.js';
import { registerRealtime } from '../../realtime/route.js';
import { SocketClient, sleep } from '../../realtime/testing/socketClient.js';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { api, classLesson, receiveFeed } from './testHelpers.js';

/**
 * Lessons over the socket with the real embedded SFU: the call rings live, a tab enters the lesson, publishes and
 * subscribes through Parta's socket only, media flows, mute-all and removal hold, a dropped tab's stay closes after
 * the grace period.
 */
let ctx: TestContext;
let base: string;
let socketApp: FastifyInstance;
const open: SocketClient[] = [];

const peer = () =>
  new RTCPeerConnection({ iceServers: [], iceUseIpv6: false, iceInterfaceAddresses: { udp4: '127.0.0.1' }, iceAdditionalHostAddresses: ['127.0.0.1'] });

async function connect(cookieHeader: string): Promise<SocketClient> {
  const c = await SocketClient.connect(base, cookieHeader);
  open.push(c);
  c.send({ t: 'resume', chats: {} });
  await c.next('resumed');
  return c;
}

beforeAll(async () => {
  ctx = await createTestContext({ MEDIA_IP: '127.0.0.1', MEDIA_PORTS: '46000-46999' });
  // The socket side on its own server with a short grace period; HTTP calls go to ctx.app (same database and bus).
  socketApp = Fastify({ logger: false });
  await socketApp.register(cookie);
  installRequestContext(socketApp, ctx.deps);
  await registerRealtime(socketApp, ctx.deps, { lessonGraceMs: 300 });
  base = await socketApp.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await socketApp.close();
  await ctx.close();
});

describe('lessons over the socket (VID-2..4)', () => {
  it('rings live; enter, publish, subscribe and media through the socket; mute-all refuses unmuting; removal and end close the media', async () => {
    const f = await freshSchool(ctx);
    const [teacherWs, studentWs] = await Promise.all([connect(f.cookies.teacher), connect(f.cookies.student)]);
    const lessonId = await classLesson(ctx, f);
    const ring = await studentWs.waitFor((x) => x.t === 'user' && x.event.type === 'lesson.calling');
    expect(ring).toMatchObject({ event: { lesson: { id: lessonId, title: '7А' } } });

    // Not in the call yet: the lesson's media is not theirs.
    studentWs.send({ t: 'lesson.enter', lessonId });
    expect(await studentWs.waitFor((x) => x.t === 'nack' && x.ref === 'lesson.enter')).toMatchObject({ error: { code: 'not_found' } });

    await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/join`);
    teacherWs.send({ t: 'lesson.enter', lessonId });
    expect(await teacherWs.waitFor((x) => x.t === 'lesson' && x.event.type === 'feeds')).toMatchObject({ event: { feeds: [] } });

    const pub = peer();
    const video = new MediaStreamTrack({ kind: 'video' });
    pub.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendonly' });
    pub.addTransceiver(video, { direction: 'sendonly' });
    await pub.setLocalDescription(await pub.createOffer());
    teacherWs.send({ t: 'lesson.publish', lessonId, sdp: pub.localDescription?.sdp, state: { audio: true, video: true, screen: false } });
    const answer = await teacherWs.next('lesson.answer');
    await pub.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    let seq = 0;
    const pumping = setInterval(() => {
      seq += 1;
      video.writeRtp(new RtpPacket(new RtpHeader({ payloadType: 96, ssrc: 4242, sequenceNumber: seq, timestamp: seq * 3000, marker: true }), Buffer.alloc(200, 1)));
    }, 20);

    await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`);
    studentWs.send({ t: 'lesson.enter', lessonId });
    const feeds = await studentWs.waitFor((x) => x.t === 'lesson' && x.event.type === 'feeds' && x.event.feeds.length === 1);
    expect(feeds).toMatchObject({ event: { feeds: [{ feedId: f.teacher.id, userId: f.teacher.id, state: { audio: true, video: true } }] } });
    const sub = peer();
    await receiveFeed(studentWs, lessonId, { feedId: f.teacher.id }, sub);

    // The call's chat reaches everyone in the call.
    studentWs.send({ t: 'lesson.chat', lessonId, text: 'Меня слышно?' });
    expect(await teacherWs.waitFor((x) => x.t === 'lesson' && x.event.type === 'chat')).toMatchObject({
      event: { text: 'Меня слышно?', from: { id: f.student.id } },
    });

    await api(ctx, f.cookies.teacher).patch(`/lessons/${lessonId}`, { mutedAll: true });
    studentWs.send({ t: 'lesson.state', lessonId, state: { audio: true, video: false, screen: false } });
    expect(await studentWs.waitFor((x) => x.t === 'nack' && x.ref === 'lesson.state')).toMatchObject({ error: { code: 'lesson_muted' } });
    await api(ctx, f.cookies.teacher).patch(`/lessons/${lessonId}`, { mutedAll: false });
    await sleep(100);
    const before = studentWs.frames.length;
    studentWs.send({ t: 'lesson.state', lessonId, state: { audio: true, video: false, screen: false } });
    await sleep(200);
    expect(studentWs.frames.slice(before).some((x) => x.t === 'nack')).toBe(false);

    await api(ctx, f.cookies.teacher).del(`/lessons/${lessonId}/participants/${f.student.id}`);
    expect(await studentWs.waitFor((x) => x.t === 'lesson.closed')).toMatchObject({ lessonId, reason: 'removed' });
    studentWs.send({ t: 'lesson.subscribe', lessonId, feeds: [{ feedId: f.teacher.id, audio: true, video: true }] });
    expect(await studentWs.waitFor((x) => x.t === 'nack' && x.ref === 'lesson.subscribe')).toMatchObject({ error: { code: 'not_found' } });

    await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/end`);
    expect(await teacherWs.waitFor((x) => x.t === 'lesson' && x.event.type === 'lesson.ended')).toBeTruthy();
    expect(await teacherWs.waitFor((x) => x.t === 'lesson.closed')).toMatchObject({ reason: 'ended' });
    clearInterval(pumping);
    await Promise.all([pub.close(), sub.close()]);
  }, 40_000);

  it('a tab whose socket drops keeps its place for the grace period, then its stay closes', async () => {
    const f = await freshSchool(ctx);
    const lessonId = await classLesson(ctx, f);
    await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/join`);
    await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`);
    const openStay = async () =>
      (await ctx.deps.db.select({ n: count() }).from(lessonPresence)
        .where(and(eq(lessonPresence.lessonId, lessonId), eq(lessonPresence.userId, f.student.id), isNull(lessonPresence.leftAt))))[0]?.n;
    const ws = await connect(f.cookies.student);
    ws.send({ t: 'lesson.enter', lessonId });
    await ws.waitFor((x) => x.t === 'lesson');
    await ws.close();
    // Back within the grace period (a reload): still in.
    const again = await connect(f.cookies.student);
    again.send({ t: 'lesson.enter', lessonId });
    await again.waitFor((x) => x.t === 'lesson');
    await sleep(500);
    expect(await openStay()).toBe(1);
    await again.close();
    await sleep(800);
    expect(await openStay()).toBe(0);
  }, 20_000);
});
