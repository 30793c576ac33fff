/**
 * A process of the bench's participants (forked by run.ts; several of them share the bots so that no single
 * event loop limits the figures): publishers send VP8-shaped video (one size or simulcast h/m/l, with keyframes
 * every 2 s and when the SFU asks) and Opus-sized audio; subscribers receive.
 *
 * Subscribers are "light": after ICE and DTLS, their SRTP is not decrypted. The RTP header travels in the clear,
 * so sequence numbers (loss), SSRCs (which stream, from the SFU's offer) and sizes (bitrate) are read from it as
 * is. Decrypting in JavaScript would cost the bots about as much CPU as the SFU spends forwarding, and on two
 * cores the figure would then be the bots' limit, not the SFU's.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import {
  RTCDtlsTransport, RTCPeerConnection, type RTCRtpTransceiver, RTP_EXTENSION_URI, RtcpPayloadSpecificFeedback, RtpHeader,
  useFIR, useNACK, useOPUS, usePLI, useSdesMid, useSdesRTPStreamId, useVP8,
} from 'werift';
import type { MediaStreamMap } from '../../server/src/platform/media/mediaServer.js';
import { serveRpc } from '../lib/childRpc.js';
import { sleep } from '../lib/stats.js';
import {
  AUDIO, type BotReport, CLASSES, type ClassCount, classOf, type PeersReport, type PublisherSpec, type SentReport, type StreamClass,
  type VideoLayer,
} from './media.js';

// Every socket werift opens here gets a 4 MiB receive buffer (the kernel's default holds well under a second of a
// bot's streams): a bot process descheduled for a moment on this shared machine must not count its own drops as
// the SFU's loss.
const dgram = createRequire(import.meta.url)('node:dgram') as typeof import('node:dgram');
const createSocket = dgram.createSocket;
dgram.createSocket = ((opts: 'udp4' | 'udp6' | import('node:dgram').SocketOptions, listener?: () => void) =>
  createSocket({ ...(typeof opts === 'string' ? { type: opts } : opts), recvBufferSize: 4 << 20 }, listener)) as typeof dgram.createSocket;
syncBuiltinESMExports();

const ip = process.env.LESSON_BENCH_IP ?? '127.0.0.1';
const baseConfig = { iceServers: [], iceUseIpv6: false, iceInterfaceAddresses: { udp4: ip }, iceAdditionalHostAddresses: [ip] };

// ---------- light receiving ----------

interface DtlsInternals {
  srtpStarted: boolean;
  updateSrtpSession(): void;
  iceTransport: { connection: { onData: { subscribe(fn: (data: Buffer) => void): unknown } } };
}
const lightReceivers = new WeakMap<object, (data: Buffer) => void>();
const dtlsProto = RTCDtlsTransport.prototype as unknown as { startSrtp(this: DtlsInternals): void };
const startSrtp = dtlsProto.startSrtp;
dtlsProto.startSrtp = function (this: DtlsInternals) {
  const receive = lightReceivers.get(this);
  if (!receive) return startSrtp.call(this);
  if (this.srtpStarted) return;
  this.srtpStarted = true;
  this.updateSrtpSession();
  this.iceTransport.connection.onData.subscribe((data) => {
    // RTP only (first byte 128..191, second not an RTCP type 192..208); the SFU's sender reports are not read.
    const first = data[0] ?? 0;
    const second = data[1] ?? 0;
    if (first > 127 && first < 192 && !(second >= 192 && second <= 208) && data.length >= 12) receive(data);
  });
};

interface StreamState {
  cls: StreamClass;
  packets: number;
  lost: number;
  bytes: number;
  last: number;
}

interface Bot {
  peerId: string;
  pc: RTCPeerConnection;
  streams: Map<number, StreamState>;
  unknown: number;
}

const bots = new Map<string, Bot>();

/** SSRC → m-line id, from the SFU's offer (each of its m-lines names the SSRC it sends). */
function ssrcsByMid(sdp: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const section of sdp.split(/\r?\nm=/).slice(1)) {
    const mid = /\r?\na=mid:(\S+)/.exec(section)?.[1];
    if (!mid) continue;
    // The first SSRC is the stream's; a second one (ssrc-group FID) is its retransmissions, never sent here.
    const ssrc = /\r?\na=ssrc:(\d+) /.exec(section)?.[1];
    if (ssrc) out.set(Number(ssrc), mid);
  }
  return out;
}

/** SRTP adds a 10-byte tag (AES_CM_128_HMAC_SHA1_80): counted out so bitrates compare with what was sent. */
const SRTP_TAG = 10;

/** Rooms the orchestrator has closed: a join that finishes after that (it was left behind) is dropped. */
const closedRooms = new Set<string>();

async function subscribe(room: string, peerId: string, offer: string, streams: MediaStreamMap[]): Promise<string> {
  if (closedRooms.has(room)) throw new Error('the lesson is over');
  const pc = new RTCPeerConnection(baseConfig);
  const bot: Bot = { peerId, pc, streams: new Map(), unknown: 0 };
  const byMid = new Map(streams.map((s) => [s.mid, s]));
  for (const [ssrc, mid] of ssrcsByMid(offer)) {
    const s = byMid.get(mid);
    if (s) bot.streams.set(ssrc, { cls: classOf(s.feedId, s.kind), packets: 0, lost: 0, bytes: 0, last: -1 });
  }
  const receive = (data: Buffer) => {
    const st = bot.streams.get(data.readUInt32BE(8));
    if (!st) {
      bot.unknown += 1;
      return;
    }
    const seq = data.readUInt16BE(2);
    if (st.last >= 0) {
      const gap = (seq - st.last + 65536) % 65536;
      if (gap === 0 || gap > 32768) return; // a duplicate or a late one: neither new nor lost
      st.lost += gap - 1;
    }
    st.last = seq;
    st.packets += 1;
    st.bytes += data.length - SRTP_TAG;
  };
  await pc.setRemoteDescription({ type: 'offer', sdp: offer });
  for (const t of pc.getTransceivers()) lightReceivers.set(t.dtlsTransport, receive);
  await pc.setLocalDescription(await pc.createAnswer());
  if (closedRooms.has(room)) {
    await pc.close();
    throw new Error('the lesson is over');
  }
  bots.set(peerId, bot);
  return pc.localDescription?.sdp ?? '';
}

// ---------- publishing ----------

interface LayerState {
  spec: VideoLayer;
  ssrc: number;
  seq: number;
  frames: number;
  sent: number;
  keyframeDue: boolean;
}

interface Publisher {
  spec: PublisherSpec;
  pc: RTCPeerConnection;
  audioT: RTCRtpTransceiver;
  videoT: RTCRtpTransceiver;
  layers: LayerState[];
  audio: { ssrc: number; seq: number; sent: number };
  ext: { mid?: number | undefined; rid?: number | undefined };
  started: number;
  audioTicks: number;
  lastKeyframe: number;
  keyframesAsked: number;
  askedAtReset: number;
}

const publishers = new Map<string, Publisher>();
const ssrc32 = () => (Math.random() * 0xffffffff) >>> 0;

async function publish(spec: PublisherSpec): Promise<string> {
  const simulcast = spec.video.length > 1;
  // One mid extension object for both kinds: werift numbers the list of both, so it ends with one id, as a browser
  // does (Janus keeps one mid id per connection and drops simulcast packets it cannot place otherwise).
  const mid = useSdesMid();
  const pc = new RTCPeerConnection({
    ...baseConfig,
    codecs: { audio: [useOPUS()], video: [useVP8({ rtcpFeedback: [useNACK(), usePLI(), useFIR()] })] },
    headerExtensions: { audio: [mid], video: simulcast ? [mid, useSdesRTPStreamId()] : [mid] },
  });
  // Audio first, video second: the m-line order of Parta's pages.
  const audioT = pc.addTransceiver('audio', { direction: 'sendonly' });
  const videoT = pc.addTransceiver('video', {
    direction: 'sendonly',
    ...(simulcast ? { sendEncodings: spec.video.map((l) => ({ rid: l.rid as string })) } : {}),
  });
  await pc.setLocalDescription(await pc.createOffer());
  const pub: Publisher = {
    spec, pc, audioT, videoT,
    layers: spec.video.map((l, i) => ({ spec: l, ssrc: i === 0 && !simulcast ? videoT.sender.ssrc : ssrc32(), seq: 0, frames: 0, sent: 0, keyframeDue: true })),
    audio: { ssrc: audioT.sender.ssrc, seq: 0, sent: 0 },
    ext: {}, started: 0, audioTicks: 0, lastKeyframe: 0, keyframesAsked: 0, askedAtReset: 0,
  };
  publishers.set(spec.peerId, pub);
  return pc.localDescription?.sdp ?? '';
}

async function publishAnswer(peerId: string, answer: string): Promise<void> {
  const pub = publishers.get(peerId);
  if (!pub) throw new Error(`no publisher ${peerId}`);
  await pub.pc.setRemoteDescription({ type: 'answer', sdp: answer });
  const exts = pub.videoT.headerExtensions;
  pub.ext = {
    mid: exts.find((e) => e.uri === RTP_EXTENSION_URI.sdesMid)?.id,
    rid: exts.find((e) => e.uri === RTP_EXTENSION_URI.sdesRTPStreamID)?.id,
  };
  const end = Date.now() + 20_000;
  while (pub.pc.connectionState !== 'connected') {
    if (Date.now() > end) throw new Error(`${peerId}: publishing connection never connected (${pub.pc.connectionState})`);
    await sleep(50);
  }
  // A keyframe when the SFU asks (a new subscriber, a simulcast switch), at most every 300 ms.
  pub.videoT.dtlsTransport.onRtcp.subscribe((rtcp) => {
    if (rtcp.type !== RtcpPayloadSpecificFeedback.type) return;
    const fmt = (rtcp as RtcpPayloadSpecificFeedback).feedback.count;
    if (fmt !== 1 && fmt !== 4) return;
    pub.keyframesAsked += 1;
    if (Date.now() - pub.lastKeyframe < 300) return;
    for (const l of pub.layers) l.keyframeDue = true;
  });
  pub.started = performance.now();
}

/**
 * A VP8 payload Janus can parse (it looks for keyframes to switch simulcast layers): the payload descriptor with a
 * 15-bit picture id, then on a frame's first packet the frame tag, and on a keyframe the start code and size.
 */
function vp8Payload(bytes: number, first: boolean, keyframe: boolean, picId: number, fill: number): Buffer {
  const b = Buffer.alloc(bytes, fill);
  b[0] = first ? 0x90 : 0x80; // X, S on the first packet, partition 0
  b[1] = 0x80; // I: a picture id follows
  b[2] = 0x80 | ((picId >> 8) & 0x7f); // M: 15 bits
  b[3] = picId & 0xff;
  if (first) {
    b[4] = keyframe ? 0x10 : 0x11; // bit 0: 0 on a keyframe; show_frame
    b[5] = 0x00;
    b[6] = 0x00;
    if (keyframe) {
      b[7] = 0x9d;
      b[8] = 0x01;
      b[9] = 0x2a;
      b.writeUInt16LE(1280, 10);
      b.writeUInt16LE(720, 12);
    }
  }
  return b;
}

function sendVideoFrame(pub: Publisher, layer: LayerState) {
  const { spec } = layer;
  const keyframe = layer.keyframeDue || layer.frames % (spec.framesPerSecond * 2) === 0;
  if (keyframe) {
    layer.keyframeDue = false;
    pub.lastKeyframe = Date.now();
  }
  const timestamp = (layer.frames * (90000 / spec.framesPerSecond)) >>> 0;
  const extensions = [
    ...(pub.ext.mid !== undefined && pub.videoT.mid ? [{ id: pub.ext.mid, payload: Buffer.from(pub.videoT.mid) }] : []),
    ...(pub.ext.rid !== undefined && spec.rid ? [{ id: pub.ext.rid, payload: Buffer.from(spec.rid) }] : []),
  ];
  const dtls = pub.videoT.dtlsTransport;
  for (let i = 0; i < spec.packetsPerFrame; i++) {
    layer.seq = (layer.seq + 1) % 65536;
    const header = new RtpHeader({
      payloadType: pub.videoT.sender.codec?.payloadType ?? 96, ssrc: layer.ssrc, sequenceNumber: layer.seq, timestamp,
      marker: i === spec.packetsPerFrame - 1, extensions,
    });
    void dtls.sendRtp(vp8Payload(spec.bytes, i === 0, keyframe, layer.frames & 0x7fff, layer.seq % 251), header).catch(() => undefined);
    layer.sent += 1;
  }
  layer.frames += 1;
}

function sendAudio(pub: Publisher) {
  pub.audio.seq = (pub.audio.seq + 1) % 65536;
  const extensions = pub.ext.mid !== undefined && pub.audioT.mid ? [{ id: pub.ext.mid, payload: Buffer.from(pub.audioT.mid) }] : [];
  const header = new RtpHeader({
    payloadType: pub.audioT.sender.codec?.payloadType ?? 111, ssrc: pub.audio.ssrc, sequenceNumber: pub.audio.seq,
    timestamp: (pub.audioTicks * 960) >>> 0, extensions,
  });
  void pub.audioT.dtlsTransport.sendRtp(Buffer.alloc(AUDIO.bytes, 1), header).catch(() => undefined);
  pub.audio.sent += 1;
  pub.audioTicks += 1;
}

/**
 * Sends what is due since each publisher started, by the clock: a late timer catches up (up to 100 ms) instead of
 * quietly lowering the rate.
 */
const pacer = setInterval(() => {
  const now = performance.now();
  for (const pub of publishers.values()) {
    if (!pub.started) continue;
    const elapsed = now - pub.started;
    for (const layer of pub.layers) {
      const due = Math.floor((elapsed * layer.spec.framesPerSecond) / 1000);
      if (due - layer.frames > 3) layer.frames = due - 3;
      while (layer.frames < due) sendVideoFrame(pub, layer);
    }
    const audioDue = Math.floor((elapsed * AUDIO.packetsPerSecond) / 1000);
    if (audioDue - pub.audioTicks > 5) pub.audioTicks = audioDue - 5;
    while (pub.audioTicks < audioDue) sendAudio(pub);
  }
}, 10);

// ---------- reports ----------

let windowStart = performance.now();

function reset(): void {
  windowStart = performance.now();
  for (const bot of bots.values()) {
    bot.unknown = 0;
    for (const st of bot.streams.values()) {
      st.packets = 0;
      st.lost = 0;
      st.bytes = 0;
    }
  }
  for (const pub of publishers.values()) {
    pub.audio.sent = 0;
    pub.askedAtReset = pub.keyframesAsked;
    for (const l of pub.layers) l.sent = 0;
  }
}

/** Whether every bot has received on every stream it asked for. */
function receiving(): { receiving: number; of: number } {
  let n = 0;
  for (const bot of bots.values()) if ([...bot.streams.values()].every((s) => s.last >= 0)) n += 1;
  return { receiving: n, of: bots.size };
}

function report(): PeersReport {
  const seconds = (performance.now() - windowStart) / 1000;
  const botReports: BotReport[] = [...bots.values()].map((bot) => {
    const classes = Object.fromEntries(CLASSES.map((c) => [c, { streams: 0, packets: 0, lost: 0, bytes: 0 }])) as Record<StreamClass, ClassCount>;
    for (const st of bot.streams.values()) {
      const c = classes[st.cls];
      c.streams += 1;
      c.packets += st.packets;
      c.lost += st.lost;
      c.bytes += st.bytes;
    }
    return {
      peerId: bot.peerId, connection: bot.pc.connectionState, receiving: [...bot.streams.values()].every((s) => s.packets > 0), classes,
      unknown: bot.unknown,
    };
  });
  const sent: SentReport[] = [...publishers.values()].map((pub) => ({
    peerId: pub.spec.peerId,
    video: Object.fromEntries(pub.layers.map((l) => [l.spec.rid ?? 'single', l.sent])),
    audio: pub.audio.sent,
    connection: pub.pc.connectionState,
    keyframesAsked: pub.keyframesAsked,
    keyframesAskedInWindow: pub.keyframesAsked - pub.askedAtReset,
  }));
  return { bots: botReports, sent, seconds };
}

async function closeAll(room: string): Promise<void> {
  closedRooms.add(room);
  const pcs = [...bots.values()].map((b) => b.pc).concat([...publishers.values()].map((p) => p.pc));
  bots.clear();
  publishers.clear();
  await Promise.all(pcs.map((pc) => pc.close().catch(() => undefined)));
}

serveRpc({
  publish: (spec: PublisherSpec) => publish(spec),
  publishAnswer: (peerId: string, answer: string) => publishAnswer(peerId, answer),
  subscribe: (room: string, peerId: string, offer: string, streams: MediaStreamMap[]) => subscribe(room, peerId, offer, streams),
  receiving: () => receiving(),
  reset: () => reset(),
  report: () => report(),
  closeAll: (room: string) => closeAll(room),
});
process.on('exit', () => clearInterval(pacer));
