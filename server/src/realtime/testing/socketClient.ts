import { type ServerFrame, serverFrame } from '@parta/contracts';
import WebSocket from 'ws';

type Frame<T extends ServerFrame['t']> = Extract<ServerFrame, { t: T }>;

/**
 * A test's browser tab: a real WebSocket to a listening server, every frame checked against the
 * contract and kept, and waits on what arrives.
 */
export class SocketClient {
  readonly frames: ServerFrame[] = [];
  private waiters = new Set<() => void>();
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(serverFrame.parse(JSON.parse(data.toString())));
      for (const w of [...this.waiters]) w();
    });
    ws.on('close', () => {
      for (const w of [...this.waiters]) w();
    });
  }

  /** Connects and waits for `ready`. */
  static async connect(baseUrl: string, cookie: string, opts: { origin?: string } = {}): Promise<SocketClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/socket`, {
      headers: { cookie, ...(opts.origin ? { origin: opts.origin } : {}) },
    });
    const client = new SocketClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    await client.next('ready');
    return client;
  }

  /** The HTTP status an upgrade attempt is refused with (or 101 when it is accepted). */
  static async upgradeStatus(baseUrl: string, headers: Record<string, string>): Promise<number> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/socket`, { headers });
    return new Promise<number>((resolve, reject) => {
      ws.once('open', () => {
        ws.close();
        resolve(101);
      });
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Waits until some frame matches (already received ones count), or fails after timeoutMs. */
  async waitFor<F extends ServerFrame>(match: (f: ServerFrame) => f is F, timeoutMs?: number): Promise<F>;
  async waitFor(match: (f: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  async waitFor(match: (f: ServerFrame) => boolean, timeoutMs = 10_000): Promise<ServerFrame> {
    const found = () => this.frames.find(match);
    const now = found();
    if (now) return now;
    return new Promise<ServerFrame>((resolve, reject) => {
      const check = () => {
        const f = found();
        if (f) {
          done();
          resolve(f);
        } else if (this.ws.readyState === WebSocket.CLOSED) {
          done();
          reject(new Error('socket closed while waiting'));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting; got ${this.frames.map((f) => f.t).join(',')}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** The first frame of this kind (already received or next). */
  async next<T extends ServerFrame['t']>(t: T, timeoutMs?: number): Promise<Frame<T>> {
    return this.waitFor((f): f is Frame<T> => f.t === t, timeoutMs);
  }

  /** Sends a message and waits for its ack (or nack). */
  async sendMessage(chatId: string, text: string, clientId = `c-${Math.random().toString(36).slice(2)}`): Promise<Frame<'ack'> | Frame<'nack'>> {
    const ref = clientId;
    this.send({ t: 'send', ref, chatId, clientId, text });
    return this.waitFor((f): f is Frame<'ack'> | Frame<'nack'> => (f.t === 'ack' || f.t === 'nack') && f.ref === ref);
  }

  /** Chat events received so far, in arrival order. */
  events(chatId?: string): Frame<'event'>[] {
    return this.frames.filter((f): f is Frame<'event'> => f.t === 'event' && (chatId === undefined || f.chatId === chatId));
  }

  /** Texts of the messages created in a chat, in arrival order. */
  messageTexts(chatId: string): string[] {
    return this.events(chatId).flatMap((f) => (f.event.type === 'message.created' ? [f.event.message.text] : []));
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
