import { afterAll, describe, expect, it } from 'vitest';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import { WeriftMediaServer } from './weriftMediaServer.js';

/** A werift peer on loopback playing a browser: no STUN, only 127.0.0.1. */
const clientPeer = () =>
  new RTCPeerConnection({ iceServers: [], iceUseIpv6: false, iceInterfaceAddresses: { udp4: '127.0.0.1' }, iceAdditionalHostAddresses: ['127.0.0.1'] });

const until = async (check: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Writes fake RTP (the SFU forwards without decoding) on a track every 20 ms. */
function pump(track: MediaStreamTrack, payloadType: number, ssrc: number) {
  let seq = 0;
  const timer = setInterval(() => {
    seq += 1;
    const header = new RtpHeader({ payloadType, ssrc, sequenceNumber: seq % 65536, timestamp: seq * 960, marker: true });
    track.writeRtp(new RtpPacket(header, Buffer.alloc(120, seq % 256)));
  }, 20);
  return () => clearInterval(timer);
}

describe('embedded SFU (werift in a child process)', () => {
  const media = new WeriftMediaServer({ ip: '127.0.0.1', ports: [45000, 45999] });
  afterAll(() => media.close());

  it('forwards a publisher to a subscriber; mute-all stops the sound but not the picture; leave stops both', async () => {
    const ready: string[] = [];
    media.onEvent((e) => {
      if (e.type === 'feed.ready') ready.push(e.peerId);
    });
    await media.createRoom('room1');
    const pub = clientPeer();
    const audio = new MediaStreamTrack({ kind: 'audio' });
    const video = new MediaStreamTrack({ kind: 'video' });
    pub.addTransceiver(audio, { direction: 'sendonly' });
    pub.addTransceiver(video, { direction: 'sendonly' });
    await pub.setLocalDescription(await pub.createOffer());
    const { answer } = await media.publish('room1', 'teacher', pub.localDescription?.sdp ?? '', { audioAllowed: true });
    expect(answer).toContain('a=ice-lite');
    expect(answer).toContain('127.0.0.1');
    await pub.setRemoteDescription({ type: 'answer', sdp: answer });
    await until(() => pub.connectionState === 'connected');
    // Subscribers are let in once the publication's media is up.
    await until(() => ready.includes('teacher'));
    const stops = [pump(audio, 111, 1111), pump(video, 96, 2222)];

    const both = [{ feedId: 'teacher', audio: true, video: true }];
    const sub = clientPeer();
    const got = { audio: 0, video: 0 };
    sub.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe(() => {
        got[track.kind as 'audio' | 'video'] += 1;
      });
    });
    const offer = await media.subscribe('room1', 'pupil', both);
    expect(offer?.streams.map((s) => [s.feedId, s.kind]).sort()).toEqual([['teacher', 'audio'], ['teacher', 'video']]);
    await sub.setRemoteDescription({ type: 'offer', sdp: offer?.offer ?? '' });
    await sub.setLocalDescription(await sub.createAnswer());
    await media.answer('room1', 'pupil', sub.localDescription?.sdp ?? '');
    await until(() => got.audio > 10 && got.video > 10);
    // Asking for the same feeds again changes nothing.
    expect(await media.subscribe('room1', 'pupil', both)).toBeNull();

    await media.setAudioAllowed('room1', 'teacher', false);
    await new Promise((r) => setTimeout(r, 200));
    const mutedAt = { ...got };
    await new Promise((r) => setTimeout(r, 600));
    expect(got.audio - mutedAt.audio).toBeLessThanOrEqual(2);
    expect(got.video - mutedAt.video).toBeGreaterThan(10);
    await media.setAudioAllowed('room1', 'teacher', true);
    const back = got.audio;
    await until(() => got.audio > back + 10);

    // Only the picture (the teacher's microphone is off, say): the sound's stream goes away, the picture stays.
    const videoOnly = await media.subscribe('room1', 'pupil', [{ feedId: 'teacher', audio: false, video: true }]);
    expect(videoOnly?.streams.map((s) => s.kind)).toEqual(['video']);
    await sub.setRemoteDescription({ type: 'offer', sdp: videoOnly?.offer ?? '' });
    await sub.setLocalDescription(await sub.createAnswer());
    await media.answer('room1', 'pupil', sub.localDescription?.sdp ?? '');
    await new Promise((r) => setTimeout(r, 400));
    const partly = { ...got };
    await new Promise((r) => setTimeout(r, 700));
    expect(got.audio - partly.audio).toBeLessThanOrEqual(2);
    expect(got.video - partly.video).toBeGreaterThan(10);

    await media.leave('room1', 'teacher');
    await new Promise((r) => setTimeout(r, 200));
    const leftAt = { ...got };
    await new Promise((r) => setTimeout(r, 500));
    expect(got.video - leftAt.video).toBeLessThanOrEqual(2);
    expect(await media.stats()).toEqual({ rooms: 1, publishers: 0, subscribers: 1 });
    await media.closeRoom('room1');
    expect(await media.stats()).toEqual({ rooms: 0, publishers: 0, subscribers: 0 });
    for (const stop of stops) stop();
    await Promise.all([pub.close(), sub.close()]);
  }, 30_000);
});
