/**
 * What the bench's participants send, shared by the orchestrator (run.ts) and the peer processes (peers.ts).
 * Rates are chosen to look like the real thing on the wire: the teacher's 720p camera (≈1.5 Mbps, or three
 * simulcast sizes), a pupil's small camera (320×240, ≈200 kbps) and Opus sound (50 packets a second).
 */

/** One picture size a publisher sends: `framesPerSecond` frames of `packetsPerFrame` packets of `bytes` payload. */
export interface VideoLayer {
  /** The simulcast rid (h, m, l); none when the camera goes out in one size. */
  rid?: string;
  framesPerSecond: number;
  packetsPerFrame: number;
  bytes: number;
}

export interface PublisherSpec {
  peerId: string;
  /** Highest layer first (Janus's VideoRoom reads rids high to low). */
  video: VideoLayer[];
}

export const AUDIO = { packetsPerSecond: 50, bytes: 100 };

/** The teacher's camera: 720p in one size, or as simulcast h/m/l (720p, 360p, 180p). */
export function teacherLayers(simulcast: boolean): VideoLayer[] {
  const h = { framesPerSecond: 25, packetsPerFrame: 6, bytes: 1200 };
  if (!simulcast) return [h];
  return [
    { rid: 'h', ...h },
    { rid: 'm', framesPerSecond: 25, packetsPerFrame: 2, bytes: 1200 },
    { rid: 'l', framesPerSecond: 25, packetsPerFrame: 1, bytes: 800 },
  ];
}

/** A pupil's camera: one 320×240-sized frame per packet. */
export const PUPIL_LAYER: VideoLayer = { framesPerSecond: 25, packetsPerFrame: 1, bytes: 1000 };

/** RTP header (12) + the VP8 payload descriptor we write (4). */
const OVERHEAD = 16;

/** A layer's rate on the wire as RTP (before SRTP's tag), kbps. */
export const layerKbps = (l: VideoLayer) => (l.framesPerSecond * l.packetsPerFrame * (l.bytes + OVERHEAD) * 8) / 1000;
export const audioKbps = () => (AUDIO.packetsPerSecond * (AUDIO.bytes + 12) * 8) / 1000;

export type StreamClass = 'teacherVideo' | 'teacherAudio' | 'pupilVideo' | 'pupilAudio';
export const CLASSES: StreamClass[] = ['teacherVideo', 'teacherAudio', 'pupilVideo', 'pupilAudio'];

export const classOf = (feedId: string, kind: 'audio' | 'video'): StreamClass =>
  `${feedId === 'teacher' ? 'teacher' : 'pupil'}${kind === 'video' ? 'Video' : 'Audio'}`;

/** What one subscriber received of one class of streams in the measured window. */
export interface ClassCount {
  streams: number;
  packets: number;
  lost: number;
  bytes: number;
}

export interface BotReport {
  peerId: string;
  /** Its receiving connection's state (werift's RTCPeerConnection.connectionState). */
  connection: string;
  /** Every stream it asked for has delivered at least one packet. */
  receiving: boolean;
  classes: Record<StreamClass, ClassCount>;
  /** Packets on an SSRC its offer did not name. */
  unknown: number;
}

export interface SentReport {
  peerId: string;
  connection: string;
  /** Per video layer (rid or "single"): packets sent in the measured window. */
  video: Record<string, number>;
  audio: number;
  /** Keyframe requests (PLI/FIR) from the SFU since it started publishing. */
  keyframesAsked: number;
  /** …of which in the measured window. */
  keyframesAskedInWindow: number;
}

export interface PeersReport {
  bots: BotReport[];
  sent: SentReport[];
  seconds: number;
}
