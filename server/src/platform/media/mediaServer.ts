/**
 * The SFU behind video lessons, as Parta's lesson code sees it. Browsers never talk to the SFU's control API: every
 * offer and answer goes through Parta's socket and one of these calls. A room is a lesson; a peer is one
 * participant's tab (it publishes one feed: camera or screen plus microphone, and subscribes to others' feeds).
 *
 * Implementations: `werift` (embedded, in a child process: zero setup, small lessons) and, next, Janus through
 * janode (production: simulcast layers, many hosts). The interface is shaped for both: the subscriber asks for the
 * feeds it shows (a grid page, the speaker), so a 100-person lesson never sends everyone everything.
 */
export interface MediaStreamMap {
  /** The m-line of the subscriber's connection that carries this feed's track. */
  mid: string;
  feedId: string;
  kind: 'audio' | 'video';
}

/** What a subscriber shows of one feed: its sound (the microphone is on), its picture (the tile is on screen). */
export interface FeedWant {
  feedId: string;
  audio: boolean;
  video: boolean;
  /** With simulcast: which size of the picture, 0 (smallest) to 2; SFUs without simulcast send the only one. */
  layer?: number | undefined;
  /** The publication wanted: when the feed was published again, the subscription is made anew. */
  publication?: string | undefined;
}

export interface SubscribeOffer {
  /** Our offer for the subscriber's receiving connection (it answers with `answer`). */
  offer: string;
  streams: MediaStreamMap[];
}

export type MediaEvent =
  /** A publication's media is up: others may subscribe to it now (Janus refuses feeds before that). */
  | { type: 'feed.ready'; roomId: string; peerId: string }
  | { type: 'peer.failed'; roomId: string; peerId: string; pc: 'publish' | 'subscribe' };

export interface MediaServer {
  readonly kind: 'werift' | 'janus';
  /** The SFU hosts this node reaches (Janus: its JANUS_URLs; werift: its own process). A lesson lives on one. */
  readonly hosts: readonly string[];
  /** Makes the lesson's room (if no node has yet) on `host`, one of `hosts`; later calls for the room go there. */
  createRoom(roomId: string, host?: string): Promise<void>;
  closeRoom(roomId: string): Promise<void>;
  /**
   * A participant's send-only offer → the SFU's answer. Their feed id is their peer id. Replaces an earlier one.
   * Others subscribe after the `feed.ready` event.
   */
  publish(roomId: string, peerId: string, offer: string, opts: { audioAllowed: boolean }): Promise<{ answer: string }>;
  unpublish(roomId: string, peerId: string): Promise<void>;
  /**
   * Makes the peer's receiving connection carry exactly these streams (a feed's audio and/or video); null when
   * nothing changed. A 100-person lesson asks for the pictures of one grid page and the sound of open microphones.
   */
  subscribe(roomId: string, peerId: string, wants: FeedWant[]): Promise<SubscribeOffer | null>;
  /** The browser's answer to the last subscribe offer. */
  answer(roomId: string, peerId: string, sdp: string): Promise<void>;
  /** Mute-all: the SFU stops forwarding this publisher's sound (a modified page cannot talk over the lesson). */
  setAudioAllowed(roomId: string, peerId: string, allowed: boolean): Promise<void>;
  /** The peer's tab is gone: drop its publication and subscription. */
  leave(roomId: string, peerId: string): Promise<void>;
  onEvent(listener: (event: MediaEvent) => void): () => void;
  stats(): Promise<{ rooms: number; publishers: number; subscribers: number }>;
  close(): Promise<void>;
}

/**
 * The streams a subscriber wants, as sorted `feedId|kind` keys (never its own feed): what both SFUs compare with
 * what the subscription carries now.
 */
export function wantedStreamKeys(peerId: string, wants: FeedWant[]): string[] {
  const keys = wants
    .filter((w) => w.feedId !== peerId)
    .flatMap((w) => [...(w.audio ? [`${w.feedId}|audio`] : []), ...(w.video ? [`${w.feedId}|video`] : [])]);
  return [...new Set(keys)].sort();
}
