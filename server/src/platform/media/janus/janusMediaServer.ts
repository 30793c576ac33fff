/// <reference path="./janode.d.ts" />
import type { JanodeConnection, JanodeSession } from 'janode';
import type { JanusStream, VideoRoomHandle } from 'janode/plugins/videoroom';
import { type FeedWant, type MediaEvent, type MediaServer, type SubscribeOffer, wantedStreamKeys } from '../mediaServer.js';
import { PeerQueue } from '../peerQueue.js';

interface Host {
  url: string;
  ready: Promise<{
    connection: JanodeConnection;
    session: JanodeSession;
    admin: VideoRoomHandle;
    Janode: Awaited<ReturnType<typeof loadJanode>>['Janode'];
    VideoRoomPlugin: Awaited<ReturnType<typeof loadJanode>>['VideoRoomPlugin'];
  }> | null;
}

interface Peer {
  publisher: VideoRoomHandle | null;
  /** The publisher's m-line ids by kind, from its offer. */
  mids: { audio: string | null; video: string | null };
  subscriber: VideoRoomHandle | null;
  /** `feedId|kind` of every stream the subscriber carries now. */
  streams: string[];
  /** The publication of each feed subscribed to (a new one is subscribed anew). */
  publications: Map<string, string>;
  /** The subscriber's m-line of each feed's picture, and the simulcast layer asked for and applied. */
  videoMids: Map<string, string>;
  wantLayers: Map<string, number>;
  layers: Map<string, number>;
}

/** The m-line id of the first section of this kind in an SDP. */
function midOf(sdp: string, kind: 'audio' | 'video'): string | null {
  const sections = sdp.split(/\r?\nm=/).slice(1);
  const section = sections.find((s) => s.startsWith(kind));
  return section ? (/\r?\na=mid:(\S+)/.exec(section)?.[1] ?? null) : null;
}

/**
 * Parta's pages add the audio transceiver first and the video one second, so a publisher's mids are "0" and "1";
 * used for a feed published through another Parta node (this node did not see its offer).
 */
const defaultMids = { audio: '0', video: '1' };

/** janode and its native transport load only when Janus is configured: the embedded default never needs them. */
async function loadJanode() {
  const [{ default: Janode }, { default: VideoRoomPlugin }] = await Promise.all([import('janode'), import('janode/plugins/videoroom')]);
  // janode's own log is chatty (every transaction at info); Parta logs what matters.
  Janode.Logger.setLevel('error');
  return { Janode, VideoRoomPlugin };
}

/**
 * The production SFU: Janus's VideoRoom, driven through janode. A lesson is a room on one Janus host (chosen by the
 * lesson id, so every Parta node picks the same one); a participant is a publisher handle and one multistream
 * subscriber handle that carries exactly the feeds they show (`update` adds and drops them). Janus does NACK,
 * keyframe requests and bandwidth caps itself; mute-all is VideoRoom's `moderate` on the publisher's audio.
 */
export class JanusMediaServer implements MediaServer {
  readonly kind = 'janus' as const;
  private janusHosts: Host[];
  /** Where each room this node serves lives (the lesson's recorded host). */
  private roomHosts = new Map<string, Host>();
  readonly hosts: readonly string[];
  private peers = new Map<string, Peer>();
  private listeners = new Set<(event: MediaEvent) => void>();
  private loaded: ReturnType<typeof loadJanode> | null = null;
  private queue = new PeerQueue();

  private janode() {
    this.loaded ??= loadJanode();
    return this.loaded;
  }

  constructor(urls: string[]) {
    if (urls.length === 0) throw new Error('Janus needs at least one JANUS_URL');
    this.janusHosts = urls.map((url) => ({ url, ready: null }));
    this.hosts = urls;
  }

  /**
   * The host of a room: the one it was made on (the lesson records it, so every node uses the same one even while
   * JANUS_URL changes node by node); without one, a hash of the room id (the same on every node with the same list).
   */
  private hostOf(roomId: string): Host {
    const placed = this.roomHosts.get(roomId);
    if (placed) return placed;
    let h = 0;
    for (const ch of roomId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    return this.janusHosts[h % this.janusHosts.length] as Host;
  }

  private connect(host: Host) {
    host.ready ??= (async () => {
      const { Janode, VideoRoomPlugin } = await this.janode();
      const connection = await Janode.connect({ address: { url: host.url }, retry_time_secs: 2, max_retries: 3 });
      const session = await connection.create(15);
      const admin = await session.attach<VideoRoomHandle>(VideoRoomPlugin);
      const reset = () => {
        host.ready = null;
      };
      connection.on(Janode.EVENT.CONNECTION_CLOSED ?? 'connection_closed', reset);
      connection.on(Janode.EVENT.CONNECTION_ERROR ?? 'connection_error', reset);
      return { connection, session, admin, Janode, VideoRoomPlugin };
    })().catch((err: unknown) => {
      host.ready = null;
      throw err;
    });
    return host.ready;
  }

  private peer(roomId: string, peerId: string): Peer {
    const key = `${roomId}/${peerId}`;
    let p = this.peers.get(key);
    if (!p) {
      p = {
        publisher: null, mids: { audio: null, video: null }, subscriber: null, streams: [],
        publications: new Map(), videoMids: new Map(), wantLayers: new Map(), layers: new Map(),
      };
      this.peers.set(key, p);
    }
    return p;
  }

  async createRoom(roomId: string, host?: string): Promise<void> {
    const placed = host === undefined ? undefined : this.janusHosts.find((h) => h.url === host);
    if (host !== undefined && !placed) throw new Error(`Janus host ${host} is not in this node's JANUS_URL`);
    if (placed) this.roomHosts.set(roomId, placed);
    const { admin } = await this.connect(this.hostOf(roomId));
    const { exists } = await admin.exists({ room: roomId });
    if (exists) return;
    try {
      await admin.create({
        room: roomId, max_publishers: 100, bitrate: 1_500_000, fir_freq: 10, audiocodec: 'opus', videocodec: 'vp8',
        notify_joining: false, talking_events: false,
      });
    } catch (err) {
      // Another Parta node made the same lesson's room a moment ago: that is the room we want.
      if (!(await admin.exists({ room: roomId })).exists) throw err;
    }
  }

  async closeRoom(roomId: string): Promise<void> {
    for (const key of [...this.peers.keys()]) if (key.startsWith(`${roomId}/`)) await this.leave(roomId, key.slice(roomId.length + 1));
    const { admin } = await this.connect(this.hostOf(roomId));
    await admin.destroy({ room: roomId }).catch(() => undefined);
    this.roomHosts.delete(roomId);
  }

  /** Each peer's calls run in turn (`PeerQueue`): an update must not overtake the negotiation before it. */
  publish(roomId: string, peerId: string, offer: string, opts: { audioAllowed: boolean }): Promise<{ answer: string }> {
    return this.queue.run(`${roomId}/${peerId}`, () => this.publishNow(roomId, peerId, offer, opts));
  }

  unpublish(roomId: string, peerId: string): Promise<void> {
    return this.queue.run(`${roomId}/${peerId}`, () => this.unpublishNow(roomId, peerId));
  }

  subscribe(roomId: string, peerId: string, wants: FeedWant[]): Promise<SubscribeOffer | null> {
    return this.queue.run(`${roomId}/${peerId}`, () => this.subscribeNow(roomId, peerId, wants));
  }

  answer(roomId: string, peerId: string, sdp: string): Promise<void> {
    return this.queue.run(`${roomId}/${peerId}`, () => this.answerNow(roomId, peerId, sdp));
  }

  setAudioAllowed(roomId: string, peerId: string, allowed: boolean): Promise<void> {
    return this.queue.run(`${roomId}/${peerId}`, () => this.setAudioAllowedNow(roomId, peerId, allowed));
  }

  leave(roomId: string, peerId: string): Promise<void> {
    return this.queue.run(`${roomId}/${peerId}`, () => this.leaveNow(roomId, peerId));
  }

  private async publishNow(roomId: string, peerId: string, offer: string, opts: { audioAllowed: boolean }): Promise<{ answer: string }> {
    const { session, Janode, VideoRoomPlugin } = await this.connect(this.hostOf(roomId));
    const p = this.peer(roomId, peerId);
    if (p.publisher) await this.unpublishNow(roomId, peerId);
    const handle = await session.attach<VideoRoomHandle>(VideoRoomPlugin);
    p.publisher = handle;
    // Janus takes subscribers to a feed only once its media is up.
    handle.on(Janode.EVENT.HANDLE_WEBRTCUP ?? 'handle_webrtcup', () => {
      if (this.peers.get(`${roomId}/${peerId}`)?.publisher === handle) this.emitEvent({ type: 'feed.ready', roomId, peerId });
    });
    p.mids = { audio: midOf(offer, 'audio'), video: midOf(offer, 'video') };
    const joined = await handle.joinConfigurePublisher({
      room: roomId, feed: peerId, display: peerId, audio: true, video: true, jsep: { type: 'offer', sdp: offer },
    });
    if (!joined.jsep) throw new Error('Janus gave no answer');
    if (!opts.audioAllowed) await this.setAudioAllowedNow(roomId, peerId, false);
    return { answer: joined.jsep.sdp };
  }

  private async unpublishNow(roomId: string, peerId: string): Promise<void> {
    const p = this.peers.get(`${roomId}/${peerId}`);
    const handle = p?.publisher;
    if (!p || !handle) return;
    p.publisher = null;
    await handle.detach().catch(() => undefined);
  }

  private async subscribeNow(roomId: string, peerId: string, wants: FeedWant[]): Promise<SubscribeOffer | null> {
    const { session, VideoRoomPlugin } = await this.connect(this.hostOf(roomId));
    const p = this.peer(roomId, peerId);
    const streams = wantedStreamKeys(peerId, wants);
    const toJanus = (key: string) => {
      const [feed, kind] = key.split('|') as [string, 'audio' | 'video'];
      const mids = this.peers.get(`${roomId}/${feed}`)?.mids;
      return { feed, mid: mids?.[kind] ?? defaultMids[kind] };
    };
    // A feed published again (its publisher reconnected) is a new stream in Janus: drop the old, take the new.
    const renewed = new Set(
      wants.filter((w) => w.publication && p.publications.has(w.feedId) && p.publications.get(w.feedId) !== w.publication).map((w) => w.feedId),
    );
    const isRenewed = (k: string) => renewed.has(k.split('|')[0] as string);
    const add = streams.filter((k) => !p.streams.includes(k) || isRenewed(k)).map(toJanus);
    const drop = p.streams.filter((k) => !streams.includes(k) || isRenewed(k)).map(toJanus);
    for (const w of wants) if (w.publication) p.publications.set(w.feedId, w.publication);
    for (const feed of renewed) p.layers.delete(feed);
    p.wantLayers = new Map(wants.flatMap((w) => (w.video && w.layer !== undefined ? [[w.feedId, w.layer] as const] : [])));
    if (add.length === 0 && drop.length === 0) {
      await this.applyLayers(p);
      return null;
    }
    let result: { jsep?: { sdp: string }; streams?: JanusStream[] };
    if (!p.subscriber) {
      if (add.length === 0) return null;
      const handle = await session.attach<VideoRoomHandle>(VideoRoomPlugin);
      p.subscriber = handle;
      result = await handle.joinSubscriber({ room: roomId, streams: add, autoupdate: false, use_msid: false });
    } else {
      result = await p.subscriber.update({
        ...(add.length > 0 ? { subscribe: add } : {}),
        ...(drop.length > 0 ? { unsubscribe: drop } : {}),
      });
    }
    p.streams = streams;
    for (const st of result.streams ?? []) {
      if (st.type === 'video' && st.feed_id && st.active !== false) p.videoMids.set(String(st.feed_id), st.mid);
    }
    for (const feed of [...p.layers.keys()]) if (!streams.includes(`${feed}|video`)) p.layers.delete(feed);
    if (!result.jsep) return null;
    return {
      offer: result.jsep.sdp,
      streams: (result.streams ?? [])
        .filter((s) => (s.type === 'audio' || s.type === 'video') && s.active !== false && s.feed_id)
        .map((s) => ({ mid: s.mid, feedId: String(s.feed_id), kind: s.type as 'audio' | 'video' })),
    };
  }

  private async answerNow(roomId: string, peerId: string, sdp: string): Promise<void> {
    const p = this.peers.get(`${roomId}/${peerId}`);
    if (!p?.subscriber) throw new Error('no subscription');
    await p.subscriber.start({ jsep: { type: 'answer', sdp } });
    await this.applyLayers(p);
  }

  /** Simulcast: each picture at the size its tile needs (VideoRoom's `configure` with `substream` per stream). */
  private async applyLayers(p: Peer): Promise<void> {
    const changes = [...p.wantLayers].filter(([feed, layer]) => p.layers.get(feed) !== layer && p.videoMids.has(feed));
    if (!p.subscriber || changes.length === 0) return;
    await p.subscriber.message({
      request: 'configure',
      streams: changes.map(([feed, layer]) => ({ mid: p.videoMids.get(feed), substream: layer })),
    });
    for (const [feed, layer] of changes) p.layers.set(feed, layer);
  }

  private async setAudioAllowedNow(roomId: string, peerId: string, allowed: boolean): Promise<void> {
    const p = this.peers.get(`${roomId}/${peerId}`);
    if (!p?.publisher || !p.mids.audio) return;
    const { admin } = await this.connect(this.hostOf(roomId));
    await admin.message({ request: 'moderate', room: roomId, id: peerId, mid: p.mids.audio, mute: !allowed });
  }

  private async leaveNow(roomId: string, peerId: string): Promise<void> {
    const key = `${roomId}/${peerId}`;
    const p = this.peers.get(key);
    if (!p) return;
    this.peers.delete(key);
    await p.publisher?.detach().catch(() => undefined);
    await p.subscriber?.detach().catch(() => undefined);
  }

  private emitEvent(event: MediaEvent): void {
    for (const l of this.listeners) l(event);
  }

  onEvent(listener: (event: MediaEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stats(): Promise<{ rooms: number; publishers: number; subscribers: number }> {
    const rooms = new Set<string>();
    let publishers = 0;
    let subscribers = 0;
    for (const [key, p] of this.peers) {
      rooms.add(key.split('/')[0] ?? '');
      if (p.publisher) publishers += 1;
      if (p.subscriber) subscribers += 1;
    }
    return { rooms: rooms.size, publishers, subscribers };
  }

  async close(): Promise<void> {
    for (const host of this.janusHosts) {
      const ready = host.ready;
      host.ready = null;
      if (!ready) continue;
      const { connection, session } = await ready.catch(() => ({ connection: null, session: null }));
      await session?.destroy().catch(() => undefined);
      await connection?.close().catch(() => undefined);
    }
    this.peers.clear();
  }
}
