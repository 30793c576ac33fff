import type { LessonEvent, LessonFeed, MediaState, PersonSummary } from '@parta/contracts';
import type { LessonFrame, RealtimeClient } from '../chats/realtime';

export interface CallChatLine {
  /** Local, for React keys. */
  id: number;
  from: PersonSummary;
  text: string;
  at: string;
}

export type ClosedReason = 'ended' | 'removed' | 'left' | 'elsewhere';

export interface CallSnapshot {
  /** connecting: entering and publishing; live: in the call; closed: out of it (see reason). */
  phase: 'connecting' | 'live' | 'closed';
  closedReason: ClosedReason | null;
  feeds: LessonFeed[];
  /** Others' audio and video by feed (user) id. */
  remote: Record<string, MediaStream>;
  /** My camera (or screen) and microphone, for my own tile. */
  local: MediaStream | null;
  state: MediaState;
  /** Who is talking loudest now (speaker view follows them). */
  speaker: string | null;
  chat: CallChatLine[];
  /** A lesson frame refused by the server, as an error code (e.g. lesson_muted). */
  error: string | null;
  /** Bumped on each `lesson.changed`: the screen refetches the lesson. */
  version: number;
}

type StreamMap = { mid: string; feedId: string; kind: 'audio' | 'video' }[];

/** Waits for ICE gathering to finish (loopback and LAN: at once; TURN: up to the cap), so one SDP carries all candidates. */
function gathered(pc: RTCPeerConnection, capMs = 2500): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      pc.removeEventListener('icegatheringstatechange', check);
      clearTimeout(timer);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, capMs);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

/**
 * One tab's part in a lesson, outside React: it enters the lesson over Parta's socket, publishes my camera and
 * microphone on a send-only connection, and keeps one receiving connection carrying the feeds I show, renegotiated
 * by the SFU's offers. The screen reads snapshots (`subscribe`/`snapshot`).
 */
export class LessonCall {
  private snap: CallSnapshot;
  private listeners = new Set<() => void>();
  private pub: RTCPeerConnection | null = null;
  private sub: RTCPeerConnection | null = null;
  private audioTx: RTCRtpTransceiver | null = null;
  private videoTx: RTCRtpTransceiver | null = null;
  private camera: MediaStream | null;
  private screen: MediaStream | null = null;
  private streams: StreamMap = [];
  private negotiating = false;
  private dirty = false;
  private published = false;
  private speakerTimer: ReturnType<typeof setInterval> | null = null;
  private chatSeq = 0;
  /** Feeds whose tiles are on screen, with the simulcast layer each needs (null: all, until the screen says). */
  private shown: Record<string, number> | null = null;
  private shownKey: string | null = null;
  /** The last subscription asked for, so an unchanged one is not asked again. */
  private lastRequest: string | null = null;
  /** Subscriptions asked again after a refusal, since the last one that went through. */
  private retries = 0;
  /** `lesson.enter` waiting for the socket to come up (a page that has just loaded). */
  private enterTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly lessonId: string,
    readonly userId: string,
    private readonly client: RealtimeClient,
    private readonly iceServers: RTCIceServer[],
    camera: MediaStream | null,
    state: MediaState,
    /** The SFU takes simulcast (Janus): the picture goes out in three sizes. */
    private readonly simulcast = false,
  ) {
    this.camera = camera;
    this.snap = {
      phase: 'connecting', closedReason: null, feeds: [], remote: {}, local: camera, state, speaker: null, chat: [], error: null, version: 0,
    };
    this.applyTrackSwitches();
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  snapshot = () => this.snap;

  private set(patch: Partial<CallSnapshot>) {
    this.snap = { ...this.snap, ...patch };
    for (const fn of this.listeners) fn();
  }

  /** Enters the lesson's media (again after the socket came back: the server dropped our connections then). */
  enter() {
    if (this.snap.phase === 'closed') return;
    this.resetPeers();
    this.sendEnter();
    if (!this.speakerTimer) this.speakerTimer = setInterval(() => this.findSpeaker(), 700);
  }

  /**
   * A join right after the page loaded can come before the page's socket is up: a `lesson.enter` not sent then would
   * leave the call «Подключение…» for good (the socket's first opening is no reconnect that enters again), so it goes
   * as soon as the socket is up.
   */
  private sendEnter() {
    if (this.enterTimer) clearTimeout(this.enterTimer);
    this.enterTimer = null;
    if (this.snap.phase === 'closed') return;
    if (!this.client.sendLesson({ t: 'lesson.enter', lessonId: this.lessonId })) this.enterTimer = setTimeout(() => this.sendEnter(), 250);
  }

  handle(frame: LessonFrame) {
    if (frame.t === 'nack') {
      if (frame.ref === 'lesson.subscribe' || frame.ref === 'lesson.answer') {
        this.negotiating = false;
        // The pictures asked for did not come: ask again in a moment (the same request would look already made).
        this.lastRequest = null;
        if (this.retries < 5) {
          this.retries += 1;
          setTimeout(() => {
            if (this.snap.phase !== 'closed') this.requestFeeds();
          }, 1000);
        }
      }
      // A frame that raced entering (or came from a tab the server has since replaced) is refused as not_found;
      // the call carries on and the next state or subscription goes through, so there is nothing to tell.
      if (frame.error.code === 'not_found' && frame.ref !== 'lesson.enter') return;
      this.set({ error: frame.error.code });
      // Everyone is muted: my microphone goes back off.
      if (frame.error.code === 'lesson_muted') {
        this.snap = { ...this.snap, state: { ...this.snap.state, audio: false } };
        void this.applyTrackSwitches();
      }
      if (frame.ref === 'lesson.enter') this.close(frame.error.code === 'lesson_ended' ? 'ended' : 'left');
      return;
    }
    if (frame.lessonId !== this.lessonId) return;
    switch (frame.t) {
      case 'lesson':
        return this.onEvent(frame.event);
      case 'lesson.answer':
        void this.pub?.setRemoteDescription({ type: 'answer', sdp: frame.sdp }).catch(() => this.set({ error: 'internal' }));
        return;
      case 'lesson.offer':
        this.retries = 0;
        void this.onOffer(frame.sdp, frame.streams);
        return;
      case 'lesson.closed':
        this.close(frame.reason);
        return;
    }
  }

  private onEvent(event: LessonEvent) {
    switch (event.type) {
      case 'feeds':
        // The first list after entering: the lesson is read again, as joins while entering reached the room before me.
        this.set({ feeds: event.feeds, ...(this.published ? {} : { version: this.snap.version + 1 }) });
        if (!this.published) void this.publish();
        this.requestFeeds();
        return;
      case 'chat':
        this.chatSeq += 1;
        this.set({ chat: [...this.snap.chat, { id: this.chatSeq, from: event.from, text: event.text, at: event.at }].slice(-200) });
        return;
      case 'lesson.changed':
        this.set({ version: this.snap.version + 1 });
        return;
      case 'lesson.ended':
        this.close('ended');
        return;
    }
  }

  private async publish() {
    this.published = true;
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    this.pub = pc;
    this.audioTx = pc.addTransceiver('audio', { direction: 'sendonly' });
    // Simulcast: the full picture, half and a quarter (rids high to low, as Janus reads them by default).
    this.videoTx = this.simulcast
      ? pc.addTransceiver('video', {
          direction: 'sendonly',
          sendEncodings: [
            { rid: 'h', maxBitrate: 1_200_000 },
            { rid: 'm', maxBitrate: 400_000, scaleResolutionDownBy: 2 },
            { rid: 'l', maxBitrate: 120_000, scaleResolutionDownBy: 4 },
          ],
        })
      : pc.addTransceiver('video', { direction: 'sendonly' });
    await this.applyTrackSwitches();
    // Left or ended while the tracks were being set (a person leaving the pre-join screen at once): nothing to offer.
    if (this.pub !== pc || isClosed(pc)) return;
    try {
      await pc.setLocalDescription(await pc.createOffer());
    } catch (e) {
      if (isClosed(pc)) return;
      throw e;
    }
    await gathered(pc);
    if (this.pub !== pc) return;
    this.client.sendLesson({ t: 'lesson.publish', lessonId: this.lessonId, sdp: pc.localDescription?.sdp ?? '', state: this.snap.state });
    this.set({ phase: 'live' });
  }

  /**
   * The tiles on screen (a grid page, or the speaker and the strip): only their pictures are asked for; sound comes
   * from every open microphone. A 100-person lesson never sends everyone everything.
   */
  setShown(shown: Record<string, number>) {
    const key = JSON.stringify(Object.entries(shown).sort());
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.shown = shown;
    if (this.snap.phase !== 'closed') this.requestFeeds();
  }

  private requestFeeds() {
    if (this.negotiating) {
      this.dirty = true;
      return;
    }
    const shown = this.shown;
    const feeds = this.snap.feeds
      .filter((f) => f.feedId !== this.userId)
      .map((f) => {
        const video = (f.state.video || f.state.screen) && (!shown || shown[f.feedId] !== undefined);
        // A shared screen is text: always its largest picture.
        const layer = f.state.screen ? 2 : shown?.[f.feedId];
        return {
          feedId: f.feedId, audio: f.state.audio, video, publication: f.publication,
          ...(video && this.simulcast && layer !== undefined ? { layer } : {}),
        };
      })
      .filter((w) => w.audio || w.video);
    const key = JSON.stringify(feeds);
    if (key === this.lastRequest) return;
    this.negotiating = true;
    this.dirty = false;
    this.lastRequest = key;
    if (!this.client.sendLesson({ t: 'lesson.subscribe', lessonId: this.lessonId, feeds })) {
      this.negotiating = false;
      this.lastRequest = null;
    }
  }

  private async onOffer(sdp: string | null, streams: StreamMap) {
    try {
      if (sdp !== null) {
        if (!this.sub) {
          const pc = new RTCPeerConnection({ iceServers: this.iceServers });
          this.sub = pc;
          pc.ontrack = () => this.rebuildRemote();
        }
        const pc = this.sub;
        await pc.setRemoteDescription({ type: 'offer', sdp });
        await pc.setLocalDescription(await pc.createAnswer());
        await gathered(pc);
        this.streams = streams;
        this.client.sendLesson({ t: 'lesson.answer', lessonId: this.lessonId, sdp: pc.localDescription?.sdp ?? '' });
        this.rebuildRemote();
      }
    } catch {
      this.set({ error: 'internal' });
    } finally {
      this.negotiating = false;
      if (this.dirty) this.requestFeeds();
    }
  }

  /** Groups the receiving connection's tracks into one stream per feed, keeping streams whose tracks did not change. */
  private rebuildRemote() {
    const pc = this.sub;
    if (!pc) return;
    const byFeed: Record<string, MediaStreamTrack[]> = {};
    for (const t of pc.getTransceivers()) {
      const s = this.streams.find((x) => x.mid === t.mid);
      if (!s || t.currentDirection === 'inactive') continue;
      const list = byFeed[s.feedId] ?? [];
      list.push(t.receiver.track);
      byFeed[s.feedId] = list;
    }
    const remote: Record<string, MediaStream> = {};
    for (const [feedId, tracks] of Object.entries(byFeed)) {
      const old = this.snap.remote[feedId];
      const same = old && old.getTracks().length === tracks.length && tracks.every((tr) => old.getTracks().includes(tr));
      remote[feedId] = same ? old : new MediaStream(tracks);
    }
    this.set({ remote });
  }

  private findSpeaker() {
    const pc = this.sub;
    if (!pc) return;
    let best: { feedId: string; level: number } | null = null;
    for (const t of pc.getTransceivers()) {
      if (t.receiver.track.kind !== 'audio') continue;
      const s = this.streams.find((x) => x.mid === t.mid);
      const level = t.receiver.getSynchronizationSources()[0]?.audioLevel ?? 0;
      if (s && level > 0.02 && (!best || level > best.level)) best = { feedId: s.feedId, level };
    }
    if (best && best.feedId !== this.snap.speaker) this.set({ speaker: best.feedId });
  }

  /** Microphone on or off (refused by the server while the host keeps everyone muted). */
  setMic(on: boolean) {
    this.changeState({ ...this.snap.state, audio: on });
  }

  setCamera(on: boolean) {
    this.changeState({ ...this.snap.state, video: on });
  }

  /** Screen share replaces my picture on the same sender (the tile shows the screen). */
  async shareScreen(on: boolean): Promise<void> {
    if (on) {
      const screen = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      this.screen = screen;
      screen.getVideoTracks()[0]?.addEventListener('ended', () => void this.shareScreen(false));
    } else {
      for (const t of this.screen?.getTracks() ?? []) t.stop();
      this.screen = null;
    }
    this.changeState({ ...this.snap.state, screen: on });
  }

  /** A camera or microphone picked in the settings: the new track goes out on the same sender. */
  setCameraStream(stream: MediaStream | null) {
    for (const t of this.camera?.getTracks() ?? []) if (!stream?.getTracks().includes(t)) t.stop();
    this.camera = stream;
    this.changeState(this.snap.state);
  }

  /**
   * A camera or microphone picked in the call's settings (`track`, opened alone): it takes the place of the one of
   * its kind — the old one is released — and goes out on the same sender (replaceTrack), without renegotiating.
   */
  switchDevice(track: MediaStreamTrack) {
    const others = (track.kind === 'video' ? this.camera?.getAudioTracks() : this.camera?.getVideoTracks()) ?? [];
    this.setCameraStream(new MediaStream([...others, track]));
  }

  /** The device my camera or microphone comes from (null: none). */
  inputDevice(kind: 'videoinput' | 'audioinput'): string | null {
    const track = kind === 'videoinput' ? this.camera?.getVideoTracks()[0] : this.camera?.getAudioTracks()[0];
    return track?.getSettings().deviceId ?? null;
  }

  /** Whether there is a camera to turn on. */
  hasCamera(): boolean {
    return (this.camera?.getVideoTracks().length ?? 0) > 0;
  }

  /** Whether there is a microphone to turn on (none when access was refused or none exists: joined to listen). */
  hasMicrophone(): boolean {
    return (this.camera?.getAudioTracks().length ?? 0) > 0;
  }

  sendChat(text: string) {
    this.client.sendLesson({ t: 'lesson.chat', lessonId: this.lessonId, text });
  }

  private changeState(state: MediaState) {
    this.set({ state, error: null });
    void this.applyTrackSwitches();
    this.client.sendLesson({ t: 'lesson.state', lessonId: this.lessonId, state });
  }

  /** Puts the current tracks on the senders and shows them on my tile. Off means no track: nothing is sent. */
  private async applyTrackSwitches() {
    const { audio, video, screen } = this.snap.state;
    const mic = this.camera?.getAudioTracks()[0] ?? null;
    const picture = screen ? (this.screen?.getVideoTracks()[0] ?? null) : video ? (this.camera?.getVideoTracks()[0] ?? null) : null;
    if (mic) mic.enabled = audio;
    const local = new MediaStream([...(picture ? [picture] : []), ...(mic ? [mic] : [])]);
    this.snap = { ...this.snap, local: local.getTracks().length > 0 ? local : null };
    for (const fn of this.listeners) fn();
    await this.audioTx?.sender.replaceTrack(audio ? mic : null);
    await this.videoTx?.sender.replaceTrack(picture);
  }

  private resetPeers() {
    this.pub?.close();
    this.sub?.close();
    this.pub = null;
    this.sub = null;
    this.audioTx = null;
    this.videoTx = null;
    this.published = false;
    this.negotiating = false;
    this.dirty = false;
    this.lastRequest = null;
    this.streams = [];
    this.set({ remote: {}, phase: this.snap.phase === 'closed' ? 'closed' : 'connecting' });
  }

  /** Out of the call: connections closed, camera and screen released. */
  close(reason: ClosedReason) {
    if (this.snap.phase === 'closed') return;
    this.client.sendLesson({ t: 'lesson.exit', lessonId: this.lessonId });
    this.resetPeers();
    if (this.enterTimer) clearTimeout(this.enterTimer);
    this.enterTimer = null;
    if (this.speakerTimer) clearInterval(this.speakerTimer);
    this.speakerTimer = null;
    for (const t of [...(this.camera?.getTracks() ?? []), ...(this.screen?.getTracks() ?? [])]) t.stop();
    this.set({ phase: 'closed', closedReason: reason, local: null });
  }
}

/** A function, not an inline test: the state changes across awaits, which TypeScript's narrowing does not see. */
function isClosed(pc: RTCPeerConnection): boolean {
  return pc.signalingState === 'closed';
}
