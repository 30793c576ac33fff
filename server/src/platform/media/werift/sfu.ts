import {
  type MediaStreamTrack, RTCPeerConnection, type RTCRtpTransceiver, RtcpPayloadSpecificFeedback, useFIR, useNACK, useOPUS, usePLI, useVP8,
} from 'werift';
import { type FeedWant, type MediaEvent, type SubscribeOffer, wantedStreamKeys } from '../mediaServer.js';

export interface SfuOptions {
  /** The address bound and advertised to browsers (see VIDEO-NOTES: they must be the same). */
  ip: string;
  ports: [number, number];
}

type Kind = 'audio' | 'video';

interface Publisher {
  pc: RTCPeerConnection;
  tracks: Partial<Record<Kind, MediaStreamTrack>>;
  video: RTCRtpTransceiver | null;
  /** False while the host keeps everyone muted: the SFU stops forwarding this person's sound. */
  audioAllowed: boolean;
  lastKeyframeAsk: number;
}

interface Slot {
  transceiver: RTCRtpTransceiver;
  kind: Kind;
  feedId: string | null;
}

interface Subscriber {
  pc: RTCPeerConnection;
  slots: Slot[];
  /** `feedId|kind` of every stream carried now. */
  streams: string[];
  /** Feeds with at least one stream carried. */
  feeds: string[];
}

interface Room {
  publishers: Map<string, Publisher>;
  subscribers: Map<string, Subscriber>;
}

/**
 * A small selective forwarding unit on werift: one receiving peer connection per publisher, one sending peer
 * connection per subscriber carrying every feed it asked for. A publisher's track is put onto each subscriber's
 * sender (`replaceTrack`), so packets are forwarded as they come, without decoding. Keyframes: a subscriber's
 * PLI/FIR goes to the publisher (at most every 300 ms), and a new subscriber asks for one itself; REMB (the same
 * RTCP type) is not forwarded. ICE lite: the browser does the checks, we never contact a STUN server.
 */
export class WeriftSfu {
  private rooms = new Map<string, Room>();

  constructor(
    private readonly options: SfuOptions,
    private readonly emit: (event: MediaEvent) => void,
  ) {}

  private newPeer(): RTCPeerConnection {
    const { ip, ports } = this.options;
    return new RTCPeerConnection({
      iceLite: true,
      iceServers: [],
      iceUseIpv6: false,
      iceUseTcp: false,
      icePortRange: ports,
      iceInterfaceAddresses: { udp4: ip },
      iceAdditionalHostAddresses: [ip],
      // Only the one address we bind: others would be advertised but unreachable.
      iceFilterCandidatePair: (pair) => pair.localCandidate.host === ip,
      codecs: {
        audio: [useOPUS()],
        video: [useVP8({ rtcpFeedback: [useNACK(), usePLI(), useFIR()] })],
      },
    });
  }

  private room(roomId: string): Room {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = { publishers: new Map(), subscribers: new Map() };
      this.rooms.set(roomId, room);
    }
    return room;
  }

  createRoom(roomId: string): void {
    this.room(roomId);
  }

  closeRoom(roomId: string): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    for (const p of room.publishers.values()) void p.pc.close();
    for (const s of room.subscribers.values()) void s.pc.close();
    this.rooms.delete(roomId);
  }

  /** The browser's offer (audio and video, send only) → our answer with our candidates. Replaces an earlier publication. */
  async publish(roomId: string, peerId: string, offer: string, audioAllowed: boolean): Promise<string> {
    const room = this.room(roomId);
    const old = room.publishers.get(peerId);
    if (old) void old.pc.close();
    const pc = this.newPeer();
    const pub: Publisher = { pc, tracks: {}, video: null, audioAllowed, lastKeyframeAsk: 0 };
    pc.onTrack.subscribe((track) => {
      pub.tracks[track.kind as Kind] = track;
      this.attachToSubscribers(roomId, peerId);
    });
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') {
        this.askKeyframe(pub, true);
        if (this.rooms.get(roomId)?.publishers.get(peerId) === pub) this.emit({ type: 'feed.ready', roomId, peerId });
      }
      if (state === 'failed' || state === 'closed') {
        if (this.rooms.get(roomId)?.publishers.get(peerId) === pub) this.emit({ type: 'peer.failed', roomId, peerId, pc: 'publish' });
      }
    });
    room.publishers.set(peerId, pub);
    await pc.setRemoteDescription({ type: 'offer', sdp: offer });
    pub.video = pc.getTransceivers().find((t) => t.kind === 'video') ?? null;
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    this.attachToSubscribers(roomId, peerId);
    return pc.localDescription?.sdp ?? '';
  }

  unpublish(roomId: string, peerId: string): void {
    const room = this.rooms.get(roomId);
    const pub = room?.publishers.get(peerId);
    if (!room || !pub) return;
    room.publishers.delete(peerId);
    for (const sub of room.subscribers.values()) {
      for (const slot of sub.slots) if (slot.feedId === peerId) void slot.transceiver.sender.replaceTrack(null);
    }
    void pub.pc.close();
  }

  /**
   * Makes the subscriber's connection carry exactly these streams (a slot per feed and kind), reusing freed slots;
   * returns our offer, or null when nothing changed.
   */
  async subscribe(roomId: string, peerId: string, wants: FeedWant[]): Promise<SubscribeOffer | null> {
    const room = this.room(roomId);
    const streams = wantedStreamKeys(peerId, wants);
    let sub = room.subscribers.get(peerId);
    if (sub && sub.streams.join() === streams.join() && sub.pc.signalingState === 'stable') return null;
    if (!sub && streams.length === 0) return null;
    if (!sub) {
      const pc = this.newPeer();
      sub = { pc, slots: [], streams: [], feeds: [] };
      const created = sub;
      pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected') for (const id of created.feeds) this.keyframeFor(roomId, id, true);
        if (state === 'failed' && this.rooms.get(roomId)?.subscribers.get(peerId) === created) {
          this.emit({ type: 'peer.failed', roomId, peerId, pc: 'subscribe' });
        }
      });
      room.subscribers.set(peerId, sub);
    }
    const s = sub;
    for (const slot of s.slots) {
      if (slot.feedId !== null && !streams.includes(`${slot.feedId}|${slot.kind}`)) {
        slot.feedId = null;
        void slot.transceiver.sender.replaceTrack(null);
        slot.transceiver.setDirection('inactive');
      }
    }
    const wanted = [...new Set(streams.map((k) => k.split('|')[0] as string))];
    for (const key of streams) {
      const [feedId, kind] = key.split('|') as [string, Kind];
      if (s.slots.some((slot) => slot.feedId === feedId && slot.kind === kind)) continue;
      let slot = s.slots.find((x) => x.feedId === null && x.kind === kind);
      if (!slot) {
        const transceiver = s.pc.addTransceiver(kind, { direction: 'sendonly' });
        slot = { transceiver, kind, feedId };
        s.slots.push(slot);
        // A viewer's keyframe request goes to whoever this slot carries now.
        transceiver.sender.onRtcp.subscribe((rtcp) => {
          if (rtcp.type !== RtcpPayloadSpecificFeedback.type) return;
          const count = (rtcp as RtcpPayloadSpecificFeedback).feedback.count;
          const current = s.slots.find((x) => x.transceiver === transceiver)?.feedId;
          if ((count === 1 || count === 4) && current) this.keyframeFor(roomId, current, false);
        });
      } else {
        slot.feedId = feedId;
        slot.transceiver.setDirection('sendonly');
      }
    }
    s.feeds = wanted;
    s.streams = streams;
    for (const feedId of wanted) this.attach(room, s, feedId);
    const offer = await s.pc.createOffer();
    await s.pc.setLocalDescription(offer);
    return {
      offer: s.pc.localDescription?.sdp ?? '',
      streams: s.slots
        .filter((slot) => slot.feedId !== null && slot.transceiver.mid !== null)
        .map((slot) => ({ mid: slot.transceiver.mid as string, feedId: slot.feedId as string, kind: slot.kind })),
    };
  }

  async answer(roomId: string, peerId: string, sdp: string): Promise<void> {
    const sub = this.rooms.get(roomId)?.subscribers.get(peerId);
    if (!sub) throw new Error('no subscription');
    await sub.pc.setRemoteDescription({ type: 'answer', sdp });
    for (const id of sub.feeds) this.keyframeFor(roomId, id, true);
  }

  /** Mute-all: stop (or resume) forwarding a publisher's sound to everyone. */
  setAudioAllowed(roomId: string, peerId: string, allowed: boolean): void {
    const room = this.rooms.get(roomId);
    const pub = room?.publishers.get(peerId);
    if (!room || !pub) return;
    pub.audioAllowed = allowed;
    this.attachToSubscribers(roomId, peerId);
  }

  leave(roomId: string, peerId: string): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    this.unpublish(roomId, peerId);
    const sub = room.subscribers.get(peerId);
    if (sub) {
      room.subscribers.delete(peerId);
      void sub.pc.close();
    }
  }

  stats(): { rooms: number; publishers: number; subscribers: number } {
    let publishers = 0;
    let subscribers = 0;
    for (const r of this.rooms.values()) {
      publishers += r.publishers.size;
      subscribers += r.subscribers.size;
    }
    return { rooms: this.rooms.size, publishers, subscribers };
  }

  close(): void {
    for (const id of [...this.rooms.keys()]) this.closeRoom(id);
  }

  private attachToSubscribers(roomId: string, feedId: string): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    for (const sub of room.subscribers.values()) if (sub.feeds.includes(feedId)) this.attach(room, sub, feedId);
  }

  /** Puts the publisher's current tracks on the subscriber's slots for that feed (sound only when allowed). */
  private attach(room: Room, sub: Subscriber, feedId: string): void {
    const pub = room.publishers.get(feedId);
    for (const slot of sub.slots) {
      if (slot.feedId !== feedId) continue;
      const track = pub?.tracks[slot.kind];
      const allowed = slot.kind === 'video' || pub?.audioAllowed === true;
      const next = track && allowed ? track : null;
      if (slot.transceiver.sender.track === next) continue;
      void slot.transceiver.sender.replaceTrack(next).catch(() => undefined);
    }
  }

  private keyframeFor(roomId: string, feedId: string, force: boolean): void {
    const pub = this.rooms.get(roomId)?.publishers.get(feedId);
    if (pub) this.askKeyframe(pub, force);
  }

  private askKeyframe(pub: Publisher, force: boolean): void {
    const now = Date.now();
    if (!force && now - pub.lastKeyframeAsk < 300) return;
    const ssrc = pub.tracks.video?.ssrc;
    if (!pub.video || ssrc === undefined) return;
    pub.lastKeyframeAsk = now;
    void pub.video.receiver.sendRtcpPLI(ssrc).catch(() => undefined);
  }
}
