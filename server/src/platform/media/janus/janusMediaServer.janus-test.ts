import { afterAll, describe, expect, it } from 'vitest';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import { defaultMediaIp } from '../werift/weriftMediaServer.js';
import { JanusMediaServer } from './janusMediaServer.js';

/**
 * The Janus adapter against a real Janus (started by `janus/test.sh` with Parta's configuration). Janus never uses
 * loopback, so the werift peers playing browsers use the machine's own network address.
 */
const url = process.env.JANUS_URL;
if (!url) throw new Error('JANUS_URL is not set: run this through server/janus/test.sh');
const ip = defaultMediaIp();


const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

function pump(track: MediaStreamTrack, payloadType: number, ssrc: number, step: number) {
  let seq = 0;
  const timer = setInterval(() => {
    seq += 1;
    const header = new RtpHeader({ payloadType, ssrc, sequenceNumber: seq % 65536, timestamp: seq * step, marker: true });
    track.writeRtp(new RtpPacket(header, Buffer.alloc(120, seq % 256)));
  }, 20);
  return () => clearInterval(timer);
}

describe('Janus SFU adapter (janode, VideoRoom multistream)', () => {
  const media = new JanusMediaServer([url]);
  afterAll(() => media.close());

  it('publishes, subscribes by feed, forwards; mute-all silences the sound but not the picture; leave and close clean up', async () => {
    const room = `test-${Date.now()}`;
    const ready: string[] = [];
    media.onEvent((e) => {
      if (e.type === 'feed.ready') ready.push(e.peerId);
    });
    await media.createRoom(room);
    await media.createRoom(room);
    const pub = new RTCPeerConnection({ iceServers: [], iceUseIpv6: false, iceInterfaceAddresses: { udp4: ip } });
    const audio = new MediaStreamTrack({ kind: 'audio' });
    const video = new MediaStreamTrack({ kind: 'video' });
    pub.addTransceiver(audio, { direction: 'sendonly' });
    pub.addTransceiver(video, { direction: 'sendonly' });
    await pub.setLocalDescription(await pub.createOffer());
    const { answer } = await media.publish(room, 'teacher', pub.localDescription?.sdp ?? '', { audioAllowed: true });
    expect(answer).toContain(ip);
    await pub.setRemoteDescription({ type: 'answer', sdp: answer });
    await until(() => pub.connectionState === 'connected');
    // Subscribers are let in once the publication's media is up.
    await until(() => ready.includes('teacher'));
    const stops = [pump(audio, 111, 1111, 960), pump(video, 96, 2222, 3000)];

    const both = [{ feedId: 'teacher', audio: true, video: true, publication: 'first' }];
    const sub = new RTCPeerConnection({ iceServers: [], iceUseIpv6: false, iceInterfaceAddresses: { udp4: ip } });
    const got = { audio: 0, video: 0 };
    sub.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe(() => {
        got[track.kind as 'audio' | 'video'] += 1;
      });
    });
    const offer = await media.subscribe(room, 'pupil', both);
    expect(offer?.streams.map((s) => [s.feedId, s.kind]).sort()).toEqual([['teacher', 'audio'], ['teacher', 'video']]);
    await sub.setRemoteDescription({ type: 'offer', sdp: offer?.offer ?? '' });
    await sub.setLocalDescription(await sub.createAnswer());
    await media.answer(room, 'pupil', sub.localDescription?.sdp ?? '');
    await until(() => got.audio > 10 && got.video > 10);
    expect(await media.subscribe(room, 'pupil', both)).toBeNull();

    await media.setAudioAllowed(room, 'teacher', false);
    await new Promise((r) => setTimeout(r, 300));
    const mutedAt = { ...got };
    await new Promise((r) => setTimeout(r, 700));
    expect(got.audio - mutedAt.audio).toBeLessThanOrEqual(2);
    expect(got.video - mutedAt.video).toBeGreaterThan(10);
    await media.setAudioAllowed(room, 'teacher', true);
    const back = got.audio;
    await until(() => got.audio > back + 10);

    // Only the picture (the teacher's microphone is off, say): the sound's stream goes away, the picture stays.
    const videoOnly = await media.subscribe(room, 'pupil', [{ feedId: 'teacher', audio: false, video: true, publication: 'first' }]);
    expect(videoOnly?.streams.map((s) => s.kind)).toEqual(['video']);
    await sub.setRemoteDescription({ type: 'offer', sdp: videoOnly?.offer ?? '' });
    await sub.setLocalDescription(await sub.createAnswer());
    await media.answer(room, 'pupil', sub.localDescription?.sdp ?? '');
    await new Promise((r) => setTimeout(r, 400));
    const partly = { ...got };
    await new Promise((r) => setTimeout(r, 700));
    expect(got.audio - partly.audio).toBeLessThanOrEqual(2);
    expect(got.video - partly.video).toBeGreaterThan(10);

    // The teacher reconnects and publishes again under the same feed id: a new publication is subscribed anew.
    const pub2 = new RTCPeerConnection({ iceServers: [], iceUseIpv6: false, iceInterfaceAddresses: { udp4: ip } });
    const video2 = new MediaStreamTrack({ kind: 'video' });
    pub2.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendonly' });
    pub2.addTransceiver(video2, { direction: 'sendonly' });
    await pub2.setLocalDescription(await pub2.createOffer());
    const again = await media.publish(room, 'teacher', pub2.localDescription?.sdp ?? '', { audioAllowed: true });
    await pub2.setRemoteDescription({ type: 'answer', sdp: again.answer });
    await until(() => ready.filter((id) => id === 'teacher').length === 2);
    stops.push(pump(video2, 96, 3333, 3000));
    const renewed = await media.subscribe(room, 'pupil', [{ feedId: 'teacher', audio: false, video: true, publication: 'second' }]);
    expect(renewed?.streams.map((s) => s.kind)).toEqual(['video']);
    await sub.setRemoteDescription({ type: 'offer', sdp: renewed?.offer ?? '' });
    await sub.setLocalDescription(await sub.createAnswer());
    await media.answer(room, 'pupil', sub.localDescription?.sdp ?? '');
    const beforeRenew = got.video;
    await until(() => got.video > beforeRenew + 10);

    await media.leave(room, 'teacher');
    expect(await media.stats()).toEqual({ rooms: 1, publishers: 0, subscribers: 1 });
    await media.closeRoom(room);
    expect(await media.stats()).toEqual({ rooms: 0, publishers: 0, subscribers: 0 });
    for (const stop of stops) stop();
    await Promise.all([pub.close(), pub2.close(), sub.close()]);
  }, 40_000);
});
