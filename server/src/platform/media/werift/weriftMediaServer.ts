import { type ChildProcess, fork } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { FeedWant, MediaEvent, MediaServer, SubscribeOffer } from '../mediaServer.js';

/** The machine's first non-loopback IPv4 address (what browsers on the school's network can reach), else loopback. */
export function defaultMediaIp(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

/**
 * The embedded SFU (werift) in a child process. Started on first use; if it dies, the next call starts a new one
 * (lessons then reconnect their media). Fit for small lessons: it forwards about 30,000 packets a second on its one core
 * — a class of 30 with 15 cameras on, or a lecture of 150 (`npm run bench:lesson`, docs/PERFORMANCE.md).
 */
export class WeriftMediaServer implements MediaServer {
  readonly kind = 'werift' as const;
  /** One host: the embedded SFU's own process on this node. */
  readonly hosts = ['werift'] as const;
  private child: ChildProcess | null = null;
  private ready: Promise<ChildProcess> | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners = new Set<(event: MediaEvent) => void>();
  private closed = false;

  constructor(private readonly options: { ip: string; ports: [number, number] }) {}

  /** The SFU process's id while it runs (benchmarks read its CPU and memory). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  private start(): Promise<ChildProcess> {
    if (this.ready) return this.ready;
    // Compiled by `npm start` (scripts/start.mjs), this code sits in server/dist beside sfu-process.js; from source
    // (npm run dev, tests) the child runs process.ts through tsx.
    const compiled = import.meta.url.endsWith('.js');
    const entry = fileURLToPath(new URL(compiled ? './sfu-process.js' : './process.ts', import.meta.url));
    const child = fork(entry, [], {
      execArgv: compiled ? ['--enable-source-maps'] : ['--import', 'tsx'],
      env: { ...process.env, PARTA_SFU_IP: this.options.ip, PARTA_SFU_PORTS: this.options.ports.join('-') },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
    this.child = child;
    this.ready = new Promise((resolve, reject) => {
      const onFirst = (msg: { ready?: boolean }) => {
        if (msg.ready) {
          child.off('message', onFirst);
          resolve(child);
        }
      };
      child.on('message', onFirst);
      child.once('exit', (code) => reject(new Error(`SFU process exited (${code})`)));
    });
    child.on('message', (msg: { id?: number; result?: unknown; error?: string; event?: MediaEvent }) => {
      if (msg.event) for (const l of this.listeners) l(msg.event);
      if (msg.id === undefined) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.result);
    });
    child.once('exit', () => {
      if (this.child === child) {
        this.child = null;
        this.ready = null;
      }
      for (const p of this.pending.values()) p.reject(new Error('SFU process exited'));
      this.pending.clear();
    });
    return this.ready;
  }

  private async call<T>(method: string, ...args: unknown[]): Promise<T> {
    if (this.closed) throw new Error('media server closed');
    const child = await this.start();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, method, args });
    });
  }

  async createRoom(roomId: string): Promise<void> {
    await this.call('createRoom', roomId);
  }
  async closeRoom(roomId: string): Promise<void> {
    if (!this.child) return;
    await this.call('closeRoom', roomId);
  }
  async publish(roomId: string, peerId: string, offer: string, opts: { audioAllowed: boolean }): Promise<{ answer: string }> {
    return { answer: await this.call<string>('publish', roomId, peerId, offer, opts.audioAllowed) };
  }
  async unpublish(roomId: string, peerId: string): Promise<void> {
    await this.call('unpublish', roomId, peerId);
  }
  subscribe(roomId: string, peerId: string, wants: FeedWant[]): Promise<SubscribeOffer | null> {
    return this.call('subscribe', roomId, peerId, wants);
  }
  async answer(roomId: string, peerId: string, sdp: string): Promise<void> {
    await this.call('answer', roomId, peerId, sdp);
  }
  async setAudioAllowed(roomId: string, peerId: string, allowed: boolean): Promise<void> {
    await this.call('setAudioAllowed', roomId, peerId, allowed);
  }
  async leave(roomId: string, peerId: string): Promise<void> {
    if (!this.child) return;
    await this.call('leave', roomId, peerId);
  }
  onEvent(listener: (event: MediaEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  stats(): Promise<{ rooms: number; publishers: number; subscribers: number }> {
    return this.call('stats');
  }
  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}
