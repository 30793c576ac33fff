/**
 * A load generator process of `bench:schoolday` (forked, driven over IPC by run.ts): the people of the classes it is
 * given, each with a WebSocket and a school day's habits. Whole classes live in one process, so «delivered to all» is
 * measured here: a message counts once every member with an open socket has its event.
 */
import http from 'node:http';
import https from 'node:https';
import WebSocket from 'ws';
import { serveRpc } from '../lib/childRpc.js';
import type { Person, SeededClass } from './seed.js';

/** Seconds between a person's actions (each jittered ±20 %), as the load profile. */
const EVERY = { send: 5, history: 30, home: 120, upload: 120 };
/** Share of people who upload a small file now and then. */
const UPLOADERS = 0.01;
/** A send not acknowledged, or not delivered to every member, within this is an error. */
const GIVE_UP_MS = 10_000;
const JOIN_CONCURRENCY = 40;

interface Live {
  p: Person;
  ws: WebSocket | null;
  ready: boolean;
  next: { send: number; history: number; home: number; upload: number };
}

interface Sent {
  t0: number;
  chatId: string;
  expected: number;
  got: number;
  acked: boolean;
  delivered: boolean;
}

export interface StepStats {
  http: Record<string, number[]>;
  ack: number[];
  delivered: number[];
  errors: Record<string, number>;
  acked: string[];
  sent: number;
  people: number;
}

let base = '';
let schoolId = '';
let agent: http.Agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let tag = 'x';
const people = new Map<string, Live>();
const members = new Map<string, string[]>();
const lastSeq = new Map<string, number>();
const pending = new Map<string, Sent>();
let counter = 0;
let stats = fresh();
let timer: NodeJS.Timeout | null = null;
const jitter = (s: number) => s * 1000 * (0.8 + Math.random() * 0.4);

function fresh(): StepStats {
  return { http: {}, ack: [], delivered: [], errors: {}, acked: [], sent: 0, people: 0 };
}

function error(kind: string): void {
  stats.errors[kind] = (stats.errors[kind] ?? 0) + 1;
}

function request(kind: string, cookie: string, method: string, path: string, body?: Buffer, type = 'application/json'): Promise<string | null> {
  const t0 = performance.now();
  const get = base.startsWith('https:') ? https.request : http.request;
  return new Promise((resolve) => {
    const req = get(`${base}${path}`, {
      method, agent, rejectUnauthorized: false,
      headers: { cookie, ...(body ? { 'content-type': type, 'content-length': body.length } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const list = stats.http[kind] ?? [];
        list.push(performance.now() - t0);
        stats.http[kind] = list;
        if ((res.statusCode ?? 0) >= 400) {
          error(`http ${res.statusCode} ${kind}`);
          resolve(null);
        } else resolve(Buffer.concat(chunks).toString());
      });
    });
    req.on('error', () => {
      error(`http failed ${kind}`);
      resolve(null);
    });
    req.end(body);
  });
}

const EVENT = Buffer.from('{"t":"event"');
const ACK = Buffer.from('{"t":"ack"');
const NACK = Buffer.from('{"t":"nack"');

function after(buf: Buffer, key: string): string | null {
  const i = buf.indexOf(key);
  if (i < 0) return null;
  const start = i + key.length;
  return buf.toString('latin1', start, buf.indexOf(0x22, start));
}

function onFrame(live: Live, data: Buffer): void {
  const now = performance.now();
  if (data.subarray(0, EVENT.length).equals(EVENT)) {
    const chatId = after(data, '"chatId":"');
    const seqAt = data.indexOf('"seq":');
    if (chatId && seqAt > 0) {
      const seq = Number.parseInt(data.toString('latin1', seqAt + 6, seqAt + 20), 10);
      if (seq > (lastSeq.get(chatId) ?? 0)) lastSeq.set(chatId, seq);
    }
    const id = after(data, '"clientId":"');
    const s = id ? pending.get(id) : undefined;
    if (!s || !id) return;
    s.got += 1;
    if (!s.delivered && s.got >= s.expected) {
      s.delivered = true;
      stats.delivered.push(now - s.t0);
    }
    if (s.delivered && s.acked) pending.delete(id);
  } else if (data.subarray(0, ACK.length).equals(ACK)) {
    const id = after(data, '"ref":"');
    const s = id ? pending.get(id) : undefined;
    if (!s || !id) return;
    s.acked = true;
    stats.ack.push(now - s.t0);
    stats.acked.push(id);
    if (s.delivered) pending.delete(id);
  } else if (data.subarray(0, NACK.length).equals(NACK)) {
    error(`nack ${after(data, '"code":"') ?? ''}`);
    const id = after(data, '"ref":"');
    if (id) pending.delete(id);
  } else if (data.includes('{"t":"ready"')) {
    live.ws?.send(JSON.stringify({ t: 'resume', chats: {} }));
  } else if (data.includes('{"t":"resumed"')) {
    live.ready = true;
  }
}

function connect(live: Live): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/socket`, {
      headers: { cookie: live.p.cookie }, perMessageDeflate: false, rejectUnauthorized: false,
    });
    live.ws = ws;
    let settled = false;
    const done = () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    };
    ws.on('message', (d: Buffer) => {
      onFrame(live, d);
      if (live.ready) done();
    });
    ws.on('error', () => undefined);
    ws.on('unexpected-response', (_req, res) => {
      error(`socket refused ${res.statusCode}`);
      done();
    });
    ws.on('close', () => {
      live.ready = false;
      done();
      if (live.ws !== ws || !timer) return;
      error('socket closed');
      setTimeout(() => void connect(live), 1000);
    });
  });
}

async function openHome(p: Person): Promise<void> {
  await Promise.all([
    request('home: /me', p.cookie, 'GET', '/api/me'),
    request('home: /me/join-requests', p.cookie, 'GET', '/api/me/join-requests'),
    request('chat list', p.cookie, 'GET', '/api/chats'),
    request('home: /lessons/live', p.cookie, 'GET', '/api/lessons/live'),
    request('home: news unread', p.cookie, 'GET', `/api/schools/${schoolId}/news/unread`),
  ]);
}

function send(live: Live): void {
  if (!live.ready || !live.ws) return;
  const chatId = live.p.chatIds[Math.floor(Math.random() * live.p.chatIds.length)] as string;
  const expected = (members.get(chatId) ?? []).filter((u) => people.get(u)?.ready).length;
  const id = `sd-${tag}-${counter++}`;
  pending.set(id, { t0: performance.now(), chatId, expected, got: 0, acked: false, delivered: false });
  stats.sent += 1;
  live.ws.send(`{"t":"send","ref":"${id}","chatId":"${chatId}","clientId":"${id}","text":"Домашнее задание на завтра: параграф 12, упражнения 3–5 (${id})"}`);
}

async function readHistory(p: Person): Promise<void> {
  const chatId = p.chatIds[Math.floor(Math.random() * p.chatIds.length)] as string;
  await request('history page', p.cookie, 'GET', `/api/chats/${chatId}/messages?limit=50`);
  const seq = lastSeq.get(chatId) ?? 0;
  if (seq > 0) await request('mark read', p.cookie, 'POST', `/api/chats/${chatId}/read`, Buffer.from(JSON.stringify({ seq })));
}

const FILE = Buffer.alloc(8 * 1024, 'Конспект урока. ');
async function upload(p: Person): Promise<void> {
  const boundary = `----parta${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="konspekt.txt"\r\nContent-Type: text/plain\r\n\r\n`),
    FILE,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  await request('file upload', p.cookie, 'POST', '/api/files', body, `multipart/form-data; boundary=${boundary}`);
}

function tick(): void {
  const now = Date.now();
  for (const live of people.values()) {
    const n = live.next;
    if (now >= n.send) {
      n.send = now + jitter(EVERY.send);
      send(live);
    }
    if (now >= n.history) {
      n.history = now + jitter(EVERY.history);
      void readHistory(live.p);
    }
    if (now >= n.home) {
      n.home = now + jitter(EVERY.home);
      void openHome(live.p);
    }
    if (now >= n.upload) {
      n.upload = now + jitter(EVERY.upload);
      void upload(live.p);
    }
  }
  const t = performance.now();
  for (const [id, s] of pending) {
    if (t - s.t0 < GIVE_UP_MS) continue;
    error(s.acked ? 'not delivered to all in 10 s' : 'not acknowledged in 10 s');
    pending.delete(id);
  }
}

serveRpc({
  config: (url: string, school: string, name: string) => {
    base = url;
    schoolId = school;
    tag = name;
    agent = url.startsWith('https:') ? new https.Agent({ keepAlive: true, maxSockets: 64, rejectUnauthorized: false }) : agent;
    timer ??= setInterval(tick, 50);
  },
  /** Connects the classes' people (each opens «Главная» and the chat list), then they start their day. */
  join: async (classes: SeededClass[]) => {
    const joining: Live[] = [];
    for (const c of classes) {
      for (const [chatId, m] of Object.entries(c.chats)) members.set(chatId, m);
      for (const p of c.people) {
        const now = Date.now();
        const live: Live = {
          p, ws: null, ready: false,
          next: {
            send: now + Math.random() * EVERY.send * 1000,
            history: now + Math.random() * EVERY.history * 1000,
            home: Number.POSITIVE_INFINITY,
            upload: Math.random() < UPLOADERS ? now + Math.random() * EVERY.upload * 1000 : Number.POSITIVE_INFINITY,
          },
        };
        joining.push(live);
      }
    }
    let i = 0;
    await Promise.all(
      Array.from({ length: JOIN_CONCURRENCY }, async () => {
        while (i < joining.length) {
          const live = joining[i++] as Live;
          await connect(live);
          await openHome(live.p);
          live.next.home = Date.now() + jitter(EVERY.home);
          people.set(live.p.userId, live);
        }
      }),
    );
    return { open: [...people.values()].filter((l) => l.ready).length };
  },
  /** The figures since the last call. */
  take: () => {
    const out = stats;
    out.people = people.size;
    stats = fresh();
    return out;
  },
  stop: () => {
    if (timer) clearInterval(timer);
    timer = null;
    for (const l of people.values()) l.ws?.terminate();
  },
});
