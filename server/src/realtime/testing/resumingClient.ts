import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

/** The close code of a node stopping on purpose (contracts' socketCloseCodes.restarting), kept here so this file has no imports. */
const RESTARTING = 1012;

interface Sent {
  chatId: string;
  text: string;
  sentAt: number;
}

export interface ResumingClientOptions {
  /** The base URL to connect to (http(s)://…); asked again on each reconnect, so a test may point it elsewhere. */
  url: () => string;
  cookie: string;
  /** Chats to resume from 0 on the first connection. */
  chats: string[];
  /** Accept a self-signed certificate (the nginx test's own). */
  insecure?: boolean;
  /** Called for each acknowledged send with its send-to-ack time. */
  onAck?: (clientId: string, ms: number) => void;
  /** Called for each message.created event received. */
  onMessage?: (chatId: string, clientId: string | null, receivedAt: number) => void;
}

/**
 * A socket client that behaves as the web app's does (web/src/features/chats/realtime.ts), for restart tests and
 * benchmarks: on any close it reconnects (at once after `restarting`), resumes each chat from the last seq it has,
 * and sends again, with the same clientId, every send not yet acknowledged (the server stores it once). It keeps
 * every seq it received, raw, so a test can tell a lost event from a duplicated one.
 */
export class ResumingClient {
  /** Every seq received per chat, in arrival order, duplicates included. */
  readonly received = new Map<string, number[]>();
  /** clientId → the seq it was stored with. */
  readonly acked = new Map<string, number>();
  /** Sends not yet acknowledged. */
  readonly pending = new Map<string, Sent>();
  /** Refusals (nack codes), and close codes seen. */
  readonly nacks: string[] = [];
  readonly closes: number[] = [];
  reconnects = 0;
  private last = new Map<string, number>();
  private ws: WebSocket | null = null;
  private ready = false;
  private stopped = false;
  private firstResume: Promise<void>;
  private resolveFirst!: () => void;
  private waiters = new Set<() => void>();

  constructor(private readonly opts: ResumingClientOptions) {
    for (const chatId of opts.chats) this.last.set(chatId, 0);
    this.firstResume = new Promise((r) => (this.resolveFirst = r));
  }

  /** Connects and waits for the first `resumed`. */
  async start(timeoutMs = 60_000): Promise<void> {
    this.connect();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.firstResume,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no first resume')), timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  get isLive(): boolean {
    return this.ready && this.ws?.readyState === WebSocket.OPEN;
  }

  /** Queues a message; it is sent now if the socket is up, else after the next resume. Returns its clientId. */
  send(chatId: string, text: string): string {
    const clientId = `r-${randomBytes(6).toString('hex')}`;
    this.pending.set(clientId, { chatId, text, sentAt: Date.now() });
    if (this.isLive) this.write(clientId);
    return clientId;
  }

  lastSeq(chatId: string): number {
    return this.last.get(chatId) ?? 0;
  }

  /** Waits until `check` holds (checked on every frame and every 200 ms), or throws after timeoutMs. */
  async until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, 200);
        this.waiters.add(done);
      });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
      setTimeout(() => {
        ws.terminate();
        resolve();
      }, 5_000).unref();
    });
  }

  private connect(): void {
    if (this.stopped) return;
    const url = `${this.opts.url().replace(/^http/, 'ws')}/api/socket`;
    const ws = new WebSocket(url, { headers: { cookie: this.opts.cookie }, rejectUnauthorized: !this.opts.insecure });
    this.ws = ws;
    this.ready = false;
    ws.on('message', (data) => this.onFrame(JSON.parse(data.toString()) as Frame));
    ws.on('error', () => undefined);
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.closes.push(code);
      this.ready = false;
      this.ws = null;
      this.wake();
      if (this.stopped) return;
      this.reconnects += 1;
      // A node restarting: straight to another one; anything else (refused while nginx notices): a short wait.
      setTimeout(() => this.connect(), code === RESTARTING ? Math.random() * 200 : 300 + Math.random() * 300);
    });
  }

  private onFrame(f: Frame): void {
    if (f.t === 'ready') {
      this.write({ t: 'resume', chats: Object.fromEntries(this.last) });
    } else if (f.t === 'resumed') {
      this.ready = true;
      this.resolveFirst();
      for (const clientId of this.pending.keys()) this.write(clientId);
    } else if (f.t === 'event' && f.chatId !== undefined && f.seq !== undefined) {
      const list = this.received.get(f.chatId) ?? [];
      list.push(f.seq);
      this.received.set(f.chatId, list);
      if (f.seq > (this.last.get(f.chatId) ?? 0)) this.last.set(f.chatId, f.seq);
      if (f.event?.type === 'message.created') this.opts.onMessage?.(f.chatId, f.event.message?.clientId ?? null, Date.now());
    } else if (f.t === 'ack' && f.ref) {
      const sent = this.pending.get(f.ref);
      if (sent) {
        this.pending.delete(f.ref);
        this.acked.set(f.ref, f.message?.seq ?? -1);
        this.opts.onAck?.(f.ref, Date.now() - sent.sentAt);
      }
    } else if (f.t === 'nack') {
      this.nacks.push(f.error?.code ?? 'unknown');
      if (f.ref) this.pending.delete(f.ref);
    }
    this.wake();
  }

  private write(frameOrClientId: object | string): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    if (typeof frameOrClientId === 'string') {
      const sent = this.pending.get(frameOrClientId);
      if (!sent) return;
      const { chatId, text } = sent;
      ws.send(JSON.stringify({ t: 'send', ref: frameOrClientId, chatId, clientId: frameOrClientId, text }));
    } else {
      ws.send(JSON.stringify(frameOrClientId));
    }
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}

interface Frame {
  t: string;
  ref?: string;
  chatId?: string;
  seq?: number;
  event?: { type: string; message?: { clientId?: string | null } };
  message?: { seq: number };
  error?: { code: string };
}

/** Per chat: seqs received more than once, and seqs from 1 to `upTo` never received. */
export function deliveryFaults(received: number[], upTo: number): { duplicated: number; lost: number } {
  const seen = new Set<number>();
  let duplicated = 0;
  for (const s of received) {
    if (seen.has(s)) duplicated += 1;
    seen.add(s);
  }
  let lost = 0;
  for (let s = 1; s <= upTo; s++) if (!seen.has(s)) lost += 1;
  return { duplicated, lost };
}
