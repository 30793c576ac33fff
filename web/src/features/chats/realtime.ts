import { type ChatEvent, type ClientFrame, type Message, type ServerFrame, socketCloseCodes } from '@parta/contracts';

/** What the socket tells the app; the provider turns these into cache updates. */
export interface RealtimeHandlers {
  onEvent: (chatId: string, seq: number, event: ChatEvent) => void;
  onResync: (chatId: string) => void;
  onTyping: (chatId: string, userId: string, name: string) => void;
  onUser: (type: string, event: { type: string; [key: string]: unknown }) => void;
  /** Video lessons: the lesson room's events, the SFU's answers and offers, refusals of lesson frames. */
  onLesson?: (frame: LessonFrame) => void;
  /** News, articles, documents, polls outside chats: something new in one of my schools. */
  onSchool?: (schoolId: string, event: { type: string; [key: string]: unknown }) => void;
  /** After each (re)connection's backlog: lists may have changed while away. */
  onResumed: (reconnected: boolean) => void;
  onStatus: (open: boolean) => void;
}

/** Frames of a lesson the tab is in (nacks of lesson frames carry the frame's type as ref). */
export type LessonFrame = Extract<ServerFrame, { t: 'lesson' | 'lesson.answer' | 'lesson.offer' | 'lesson.closed' | 'nack' }>;
type LessonClientFrame = Extract<ClientFrame, { t: `lesson.${string}` }>;

export interface SendInput {
  chatId: string;
  clientId: string;
  text: string;
  replyToId?: string | null;
  fileIds?: string[];
}

/** A refusal of a send, with the server's code (its text is chosen by the UI). */
export class SendError extends Error {
  readonly code: string;
  /** SAFE-1: a chat's flood limit (seconds to wait) or a write ban (its end), as the server said. */
  readonly retryInSeconds: number | null;
  readonly until: string | null;
  constructor(code: string, detail: { retryInSeconds?: number | undefined; until?: string | undefined } = {}) {
    super(code);
    this.code = code;
    this.retryInSeconds = detail.retryInSeconds ?? null;
    this.until = detail.until ?? null;
  }
}

interface Pending {
  resolve: (m: Message) => void;
  reject: (e: SendError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Waits at most this long for an ack; the send may be retried with the same clientId (no duplicate). */
const ACK_TIMEOUT_MS = 15_000;

/**
 * A node closing for a restart (`restarting`): the socket reconnects within this (spread, so a node's thousands of
 * sockets do not land on the other at once), and «нет связи» is shown only if it is not back within RESTART_GRACE_MS.
 */
const RESTART_SPREAD_MS = 1_000;
const RESTART_GRACE_MS = 10_000;

/** The backoff step a socket refused as one too many starts from: its longest wait, 7.5–15 s. */
const TOO_MANY_ATTEMPT = 5;

/** The next reconnect delay: 0.5 s doubling to 15 s, with jitter so a restarted server is not hit all at once. */
export function backoffDelay(attempt: number): number {
  const base = Math.min(15_000, 500 * 2 ** attempt);
  return Math.round(base / 2 + Math.random() * (base / 2));
}

/**
 * One WebSocket per tab to /api/socket. Keeps the last seq seen per chat so a reconnect asks only for
 * what was missed (`resume`); applies each chat's events once and in order (a seq not above the last
 * one seen is a duplicate and is dropped).
 */
export class RealtimeClient {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private connections = 0;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** While a restarted node's socket finds another node: nothing is shown until this fires. */
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly lastSeq = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();
  private ready = false;
  /** The chat this tab shows while visible (told to the server after each `ready`): no push for it meanwhile. */
  private viewingChat: string | null = null;

  constructor(
    private readonly handlers: RealtimeHandlers,
    private readonly url: string = defaultUrl(),
  ) {}

  start() {
    this.stopped = false;
    window.addEventListener('online', this.reconnectNow);
    this.connect();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.reconnectNow);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.endGrace();
    this.socket?.close();
    this.socket = null;
  }

  get isOpen(): boolean {
    return this.ready && this.socket?.readyState === WebSocket.OPEN;
  }

  /** The last seq applied in a chat, if any. */
  seqOf(chatId: string): number | undefined {
    return this.lastSeq.get(chatId);
  }

  /** Sends over the socket and resolves with the stored message once the server acknowledges it. */
  send(input: SendInput): Promise<Message> {
    return new Promise((resolve, reject) => {
      if (!this.isOpen) {
        reject(new SendError('offline'));
        return;
      }
      const ref = input.clientId;
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        reject(new SendError('timeout'));
      }, ACK_TIMEOUT_MS);
      this.pending.set(ref, { resolve, reject, timer });
      this.write({ t: 'send', ref, ...input });
    });
  }

  /** This tab now shows `chatId` and is visible (null: no chat, or hidden): the server holds that chat's pushes back. */
  viewing(chatId: string | null) {
    if (this.viewingChat === chatId) return;
    this.viewingChat = chatId;
    if (this.isOpen) this.write({ t: 'viewing', chatId });
  }

  typing(chatId: string) {
    if (this.isOpen) this.write({ t: 'typing', chatId });
  }

  /** Moves my read mark; false when the socket is down (the caller uses HTTP). */
  read(chatId: string, seq: number): boolean {
    if (!this.isOpen) return false;
    this.write({ t: 'read', chatId, seq });
    return true;
  }

  /**
   * The chat's history was read over HTTP up to `seq`: a reconnect resumes the chat from there. Only
   * moves forward, so events the socket already applied are never asked for twice.
   */
  seenUpTo(chatId: string, seq: number) {
    if ((this.lastSeq.get(chatId) ?? -1) < seq) this.lastSeq.set(chatId, seq);
  }

  /** Applies a frame; exported through the class for tests that feed frames without a socket. */
  handle(frame: ServerFrame) {
    switch (frame.t) {
      case 'ready':
        this.ready = true;
        this.attempt = 0;
        this.endGrace();
        this.write({ t: 'resume', chats: Object.fromEntries(this.lastSeq) });
        if (this.viewingChat) this.write({ t: 'viewing', chatId: this.viewingChat });
        this.handlers.onStatus(true);
        return;
      case 'event': {
        const last = this.lastSeq.get(frame.chatId);
        if (last !== undefined && frame.seq <= last) return;
        this.lastSeq.set(frame.chatId, frame.seq);
        this.handlers.onEvent(frame.chatId, frame.seq, frame.event);
        return;
      }
      case 'resync':
        this.lastSeq.delete(frame.chatId);
        this.handlers.onResync(frame.chatId);
        return;
      case 'resumed':
        this.connections += 1;
        this.handlers.onResumed(this.connections > 1);
        return;
      case 'typing':
        this.handlers.onTyping(frame.chatId, frame.userId, frame.name);
        return;
      case 'user':
        this.handlers.onUser(frame.event.type, frame.event);
        return;
      case 'lesson':
      case 'lesson.answer':
      case 'lesson.offer':
      case 'lesson.closed':
        this.handlers.onLesson?.(frame);
        return;
      case 'school':
        this.handlers.onSchool?.(frame.schoolId, frame.event);
        return;
      case 'ack':
      case 'nack': {
        if (frame.t === 'nack' && frame.ref.startsWith('lesson.')) {
          this.handlers.onLesson?.(frame);
          return;
        }
        const p = this.pending.get(frame.ref);
        if (!p) return;
        this.pending.delete(frame.ref);
        clearTimeout(p.timer);
        if (frame.t === 'ack') p.resolve(frame.message);
        else p.reject(new SendError(frame.error.code, { retryInSeconds: frame.error.retryInSeconds, until: frame.error.until }));
        return;
      }
      case 'pong':
        return;
    }
  }

  /** Sends a lesson frame; false when the socket is down (the call re-enters when it is back). */
  sendLesson(frame: LessonClientFrame): boolean {
    if (!this.isOpen) return false;
    this.write(frame);
    return true;
  }

  private connect() {
    if (this.stopped) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.ready = false;
    socket.onmessage = (e) => {
      if (typeof e.data !== 'string') return;
      try {
        this.handle(JSON.parse(e.data) as ServerFrame);
      } catch {
        // A malformed frame is ignored; the next resume repairs anything missed.
      }
    };
    socket.onclose = (e) => {
      if (this.socket !== socket) return;
      // One tab too many for this browser: try again seldom (a place frees when another tab closes).
      if (e.code === socketCloseCodes.tooMany) this.attempt = Math.max(this.attempt, TOO_MANY_ATTEMPT);
      const restarting = e.code === socketCloseCodes.restarting;
      this.socket = null;
      this.ready = false;
      // A node stopping on purpose answered our sends first; the next node is a moment away: nothing to show.
      if (restarting) this.startGrace();
      else if (!this.graceTimer) this.handlers.onStatus(false);
      // Sends still unanswered go over HTTP with the same clientId (never twice).
      for (const [ref, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new SendError('offline'));
        this.pending.delete(ref);
      }
      if (restarting) {
        this.attempt = 0;
        this.retryTimer = setTimeout(() => this.connect(), Math.round(Math.random() * RESTART_SPREAD_MS));
      } else {
        this.scheduleReconnect();
      }
    };
  }

  private startGrace() {
    if (this.graceTimer) return;
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      if (!this.ready) this.handlers.onStatus(false);
    }, RESTART_GRACE_MS);
  }

  private endGrace() {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
  }

  /**
   * The phone has a network again: a socket waiting out its backoff (up to 15 s after a long time offline) connects at
   * once, so the chat is live as soon as the «Нет связи» bar goes.
   */
  private readonly reconnectNow = () => {
    if (this.stopped || this.socket) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    this.connect();
  };

  private scheduleReconnect() {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private write(frame: ClientFrame) {
    this.socket?.send(JSON.stringify(frame));
  }
}

function defaultUrl(): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${window.location.host}/api/socket`;
}
