import WebSocket from 'ws';
import { percentile, round, sleep } from '../lib/stats.js';

/**
 * The load generator: `members` sockets in one chat; `senders` of them post at a fixed total rate.
 * Latency is send → the moment the last of the members (the sender included) received the event.
 * Frames are not JSON-parsed on the hot path (a byte search finds the clientId), so the generator's
 * own CPU stays well below the server's.
 */
export interface StepResult {
  targetRate: number;
  sent: number;
  deliveredToAll: number;
  /** Messages fully delivered per second of the step. */
  rate: number;
  p50: number;
  p99: number;
  max: number;
  ackP50: number;
  ackP99: number;
  nacks: number;
}

const EVENT = Buffer.from('{"t":"event"');
const ACK = Buffer.from('{"t":"ack"');
const CLIENT_ID = Buffer.from('"clientId":"');
const REF = Buffer.from('"ref":"');

function stringAfter(buf: Buffer, key: Buffer): string | null {
  const i = buf.indexOf(key);
  if (i < 0) return null;
  const start = i + key.length;
  return buf.toString('latin1', start, buf.indexOf(0x22, start));
}

export class FanoutLoad {
  private sockets: WebSocket[] = [];
  private inflight = new Map<string, { t0: number; n: number }>();
  private sentAt = new Map<string, number>();
  private latencies: number[] = [];
  private acks: number[] = [];
  private nacks = 0;
  acked = 0;
  private counter = 0;

  constructor(
    private url: string,
    private cookies: string[],
    private chatId: string,
  ) {}

  async connect(): Promise<void> {
    const wsUrl = `${this.url.replace(/^http/, 'ws')}/api/socket`;
    this.sockets = await Promise.all(
      this.cookies.map(
        (cookie) =>
          new Promise<WebSocket>((resolve, reject) => {
            const ws = new WebSocket(wsUrl, { headers: { cookie }, perMessageDeflate: false });
            ws.once('error', reject);
            ws.on('message', (data: Buffer) => this.onFrame(ws, data));
            ws.once('open', () => {
              ws.send(JSON.stringify({ t: 'resume', chats: { [this.chatId]: 0 } }));
              const wait = (d: Buffer) => {
                if (d.toString().includes('"resumed"')) {
                  ws.off('message', wait);
                  resolve(ws);
                }
              };
              ws.on('message', wait);
            });
          }),
      ),
    );
  }

  private onFrame(_ws: WebSocket, data: Buffer): void {
    const now = performance.now();
    if (data.subarray(0, EVENT.length).equals(EVENT)) {
      const id = stringAfter(data, CLIENT_ID);
      const rec = id ? this.inflight.get(id) : undefined;
      if (!rec || !id) return;
      rec.n += 1;
      if (rec.n === this.sockets.length) {
        this.latencies.push(now - rec.t0);
        this.inflight.delete(id);
      }
    } else if (data.subarray(0, ACK.length).equals(ACK)) {
      const ref = stringAfter(data, REF);
      const t0 = ref ? this.sentAt.get(ref) : undefined;
      if (ref && t0 !== undefined) {
        this.acks.push(now - t0);
        this.sentAt.delete(ref);
        this.acked += 1;
      }
    } else if (data.includes('"nack"')) this.nacks += 1;
  }

  /** Posts at `rate` messages/s for `seconds`, spread over `senders` sockets; then waits for stragglers. */
  async step(rate: number, seconds: number, senders: number): Promise<StepResult> {
    this.latencies = [];
    this.acks = [];
    this.nacks = 0;
    const start = performance.now();
    let sent = 0;
    const total = Math.round(rate * seconds);
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      for (; sent < due; sent++) {
        const ws = this.sockets[sent % Math.min(senders, this.sockets.length)]!;
        const id = `b${this.counter++}`;
        const t0 = performance.now();
        this.inflight.set(id, { t0, n: 0 });
        this.sentAt.set(id, t0);
        ws.send(`{"t":"send","ref":"${id}","chatId":"${this.chatId}","clientId":"${id}","text":"Домашнее задание на завтра: параграф 12, упражнения 3–5, сообщение ${id}"}`);
      }
      await sleep(2);
    }
    const sendEnd = performance.now();
    for (let waited = 0; this.inflight.size > 0 && waited < 3000; waited += 20) await sleep(20);
    const elapsed = (sendEnd - start) / 1000;
    const dropped = this.inflight.size;
    this.inflight.clear();
    return {
      targetRate: rate,
      sent,
      deliveredToAll: sent - dropped,
      rate: round((sent - dropped) / elapsed),
      p50: round(percentile(this.latencies, 0.5)),
      p99: round(percentile(this.latencies, 0.99)),
      max: round(Math.max(0, ...this.latencies)),
      ackP50: round(percentile(this.acks, 0.5)),
      ackP99: round(percentile(this.acks, 0.99)),
      nacks: this.nacks,
    };
  }

  close(): void {
    for (const ws of this.sockets) ws.terminate();
  }
}
