/**
 * `npm run bench:lesson`: one lesson on each SFU — a teacher publishing ≈1.5 Mbps of video and audio, and
 * LESSON_BENCH_SUBSCRIBERS (99) lightweight werift bots subscribing through Parta's MediaServer interface (the
 * same calls the socket makes). Figures per SFU: its CPU per subscriber, its memory, and per bot the received
 * bitrate and packet loss (sequence gaps). Ends with one JSON line. Janus runs when Debian's `janus` is installed.
 *
 * The bots share this process, so their own CPU is reported too: when it nears a whole core, loss may be theirs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import { JanusMediaServer } from '../../server/src/platform/media/janus/janusMediaServer.js';
import type { MediaServer } from '../../server/src/platform/media/mediaServer.js';
import { defaultMediaIp, WeriftMediaServer } from '../../server/src/platform/media/werift/weriftMediaServer.js';
import { cpuSeconds, machine, percentile, round, rssMiB, sleep } from '../lib/stats.js';

const SUBSCRIBERS = Number(process.env.LESSON_BENCH_SUBSCRIBERS ?? 99);
const SECONDS = Number(process.env.LESSON_BENCH_SECONDS ?? 15);
const only = new Set((process.env.LESSON_BENCH_SFU ?? 'werift,janus').split(','));
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ip = defaultMediaIp();

interface Bot {
  pc: RTCPeerConnection;
  bytes: number;
  packets: number;
  lost: number;
  lastSeq: Map<number, number>;
}

const peer = () => new RTCPeerConnection({ iceServers: [], iceUseIpv6: false, iceInterfaceAddresses: { udp4: ip }, iceAdditionalHostAddresses: [ip] });

/** ≈1.5 Mbps of video (150 packets of 1200 bytes a second) and 50 audio packets a second. */
function teacherStream(video: MediaStreamTrack, audio: MediaStreamTrack) {
  let vseq = 0;
  let aseq = 0;
  const timer = setInterval(() => {
    for (let i = 0; i < 3; i++) {
      vseq = (vseq + 1) % 65536;
      video.writeRtp(new RtpPacket(new RtpHeader({ payloadType: 96, ssrc: 5001, sequenceNumber: vseq, timestamp: vseq * 1000, marker: i === 2 }), Buffer.alloc(1200, vseq % 251)));
    }
    aseq = (aseq + 1) % 65536;
    audio.writeRtp(new RtpPacket(new RtpHeader({ payloadType: 111, ssrc: 5002, sequenceNumber: aseq, timestamp: aseq * 960 }), Buffer.alloc(100, 1)));
  }, 20);
  return () => clearInterval(timer);
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await sleep(100);
  }
  return true;
}

async function runLesson(name: 'werift' | 'janus', media: MediaServer, sfuPid: () => number | null) {
  const room = `bench-${Date.now()}`;
  const ready: string[] = [];
  media.onEvent((e) => {
    if (e.type === 'feed.ready') ready.push(e.peerId);
  });
  await media.createRoom(room);
  const pub = peer();
  const video = new MediaStreamTrack({ kind: 'video' });
  const audio = new MediaStreamTrack({ kind: 'audio' });
  pub.addTransceiver(audio, { direction: 'sendonly' });
  pub.addTransceiver(video, { direction: 'sendonly' });
  await pub.setLocalDescription(await pub.createOffer());
  const { answer } = await media.publish(room, 'teacher', pub.localDescription?.sdp ?? '', { audioAllowed: true });
  await pub.setRemoteDescription({ type: 'answer', sdp: answer });
  if (!(await until(() => ready.includes('teacher'), 15_000))) throw new Error(`${name}: the teacher's feed never came up`);
  const stop = teacherStream(video, audio);

  const bots: Bot[] = [];
  const joinStarted = Date.now();
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const bot: Bot = { pc: peer(), bytes: 0, packets: 0, lost: 0, lastSeq: new Map() };
    bot.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        bot.bytes += rtp.payload.length + 12;
        bot.packets += 1;
        const ssrc = rtp.header.ssrc;
        const last = bot.lastSeq.get(ssrc);
        if (last !== undefined) {
          const gap = (rtp.header.sequenceNumber - last + 65536) % 65536;
          if (gap > 1 && gap < 1000) bot.lost += gap - 1;
        }
        bot.lastSeq.set(ssrc, rtp.header.sequenceNumber);
      });
    });
    const offer = await media.subscribe(room, `bot${i}`, [{ feedId: 'teacher', audio: true, video: true }]);
    if (!offer) throw new Error('no offer');
    await bot.pc.setRemoteDescription({ type: 'offer', sdp: offer.offer });
    await bot.pc.setLocalDescription(await bot.pc.createAnswer());
    await media.answer(room, `bot${i}`, bot.pc.localDescription?.sdp ?? '');
    bots.push(bot);
  }
  const connected = await until(() => bots.every((b) => b.packets > 0), 30_000);
  const joinSeconds = round((Date.now() - joinStarted) / 1000);
  await sleep(2000);

  const pid = sfuPid();
  const before = { sfu: pid ? cpuSeconds(pid) : 0, self: process.cpuUsage(), at: Date.now() };
  for (const b of bots) {
    b.bytes = 0;
    b.packets = 0;
    b.lost = 0;
  }
  await sleep(SECONDS * 1000);
  const wall = (Date.now() - before.at) / 1000;
  const sfuCpu = pid ? (cpuSeconds(pid) - before.sfu) / wall : Number.NaN;
  const self = process.cpuUsage(before.self);
  const botsCpu = (self.user + self.system) / 1e6 / wall;
  const kbps = bots.map((b) => (b.bytes * 8) / wall / 1000);
  const loss = bots.map((b) => (b.lost + b.packets > 0 ? (100 * b.lost) / (b.lost + b.packets) : 100));
  const result = {
    sfu: name,
    subscribers: SUBSCRIBERS,
    allReceiving: connected,
    joinSeconds,
    sfuCpuCores: round(sfuCpu, 3),
    sfuCpuPctPerSubscriber: round((100 * sfuCpu) / SUBSCRIBERS, 2),
    sfuRssMiB: pid ? rssMiB(pid) : null,
    botsCpuCores: round(botsCpu, 2),
    receivedKbps: { p50: round(percentile(kbps, 0.5)), min: round(Math.min(...kbps)) },
    lossPct: { p50: round(percentile(loss, 0.5), 2), p95: round(percentile(loss, 0.95), 2), max: round(Math.max(...loss), 2) },
  };
  stop();
  await Promise.all(bots.map((b) => b.pc.close()));
  await pub.close();
  await media.closeRoom(room);
  return result;
}

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function startJanus(): Promise<{ proc: ChildProcess; url: string; dir: string } | null> {
  const dir = mkdtempSync(path.join(tmpdir(), 'parta-bench-janus-'));
  const port = 8290;
  const proc = spawn('bash', [path.join(repo, 'server/janus/start.sh')], {
    env: { ...process.env, JANUS_CONFIG_DIR: dir, JANUS_WS_PORT: String(port), JANUS_RTP_PORTS: '23000-23999' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    if (await portOpen(port)) return { proc, url: `ws://127.0.0.1:${port}`, dir };
    if (proc.exitCode !== null) break;
    await sleep(200);
  }
  proc.kill();
  rmSync(dir, { recursive: true, force: true });
  return null;
}

const started = Date.now();
console.log(`lesson: 1 teacher at ≈1.5 Mbps + audio, ${SUBSCRIBERS} subscriber bots, ${SECONDS} s measured per SFU, media on ${ip}`);
const runs: object[] = [];
if (only.has('werift')) {
  const media = new WeriftMediaServer({ ip, ports: [47000, 47999] });
  try {
    runs.push(await runLesson('werift', media, () => media.pid));
  } catch (err) {
    runs.push({ sfu: 'werift', error: String(err) });
  }
  await media.close();
  console.log(JSON.stringify(runs.at(-1)));
}
if (only.has('janus')) {
  const janus = await startJanus();
  if (!janus) {
    runs.push({ sfu: 'janus', skipped: 'janus is not installed (apt-get install -y janus)' });
  } else {
    const media = new JanusMediaServer([janus.url]);
    try {
      runs.push(await runLesson('janus', media, () => janus.proc.pid ?? null));
    } catch (err) {
      runs.push({ sfu: 'janus', error: String(err) });
    }
    await media.close();
    janus.proc.kill();
    rmSync(janus.dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(runs.at(-1)));
}
console.log(JSON.stringify({ bench: 'lesson', machine: machine(), subscribers: SUBSCRIBERS, seconds: SECONDS, runs, tookSeconds: Math.round((Date.now() - started) / 1000) }));
process.exit(0);
