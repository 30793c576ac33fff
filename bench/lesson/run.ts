/**
 * `npm run bench:lesson`: one lesson on each SFU (werift, then Janus when Debian's `janus` is installed), driven
 * through Parta's MediaServer interface (the calls the socket makes). The lesson: a teacher publishing a 720p camera
 * (≈1.5 Mbps; on Janus as simulcast h/m/l) and Opus-sized sound; LESSON_BENCH_SUBSCRIBERS (99) pupils subscribing,
 * of whom LESSON_BENCH_PUBLISHERS (5) also publish a small camera (≈200 kbps) and sound. Every pupil hears every
 * publisher; most show the speaker view (the teacher large, a strip page of cameras small), a share
 * (LESSON_BENCH_GRID_SHARE, 0.25) a grid page of 9 tiles (every picture small) — see `wantsOf`.
 *
 * Figures per SFU: its CPU (per subscriber and per forwarded packet), its memory, and per participant the received
 * bitrate and loss (sequence gaps) of the teacher's picture, the pupils' pictures and the sound, apart. The bots run
 * in LESSON_BENCH_PEER_PROCS (2) child processes (see peers.ts: they do not decrypt), so their CPU is counted apart;
 * the CPU everything else on the machine used meanwhile is reported too. Ends with one JSON line.
 *
 * LESSON_BENCH_SWEEP=1 (or one series: `participants`, `publishers`, `lecture`) measures werift's limit instead: each
 * series grows the lesson until a step does not hold (p95 loss ≥ 1 %, a participant not receiving everything it asked
 * for, all not in within 60 s, or the SFU's one thread ≥ 90 % busy); a failed step is run again once, so a burst of
 * another job on this shared machine does not end the series.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JanusMediaServer } from '../../server/src/platform/media/janus/janusMediaServer.js';
import type { FeedWant, MediaServer } from '../../server/src/platform/media/mediaServer.js';
import { defaultMediaIp, WeriftMediaServer } from '../../server/src/platform/media/werift/weriftMediaServer.js';
import { ChildRpc } from '../lib/childRpc.js';
import { cpuSeconds, machine, machineBusySeconds, percentile, round, rssMiB, runqueueWaitSeconds, sleep } from '../lib/stats.js';
import {
  audioKbps, type BotReport, CLASSES, layerKbps, type PeersReport, PUPIL_LAYER, type PublisherSpec, type StreamClass, teacherLayers,
} from './media.js';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SUBSCRIBERS = num('LESSON_BENCH_SUBSCRIBERS', 99);
const PUBLISHERS = num('LESSON_BENCH_PUBLISHERS', 5);
const SECONDS = num('LESSON_BENCH_SECONDS', 15);
const GRID_SHARE = num('LESSON_BENCH_GRID_SHARE', 0.25);
const PROCS = num('LESSON_BENCH_PEER_PROCS', 2);
const SIMULCAST = process.env.LESSON_BENCH_SIMULCAST !== '0';
const SWEEP = process.env.LESSON_BENCH_SWEEP ?? '';
/** LESSON_BENCH_VERBOSE=1: progress of the joins on stderr. */
const VERBOSE = process.env.LESSON_BENCH_VERBOSE === '1';
const only = new Set((process.env.LESSON_BENCH_SFU ?? 'werift,janus').split(','));
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ip = defaultMediaIp();
/** A grid page on a computer holds 9 tiles, so Parta asks for the smallest size of each; the strip's page 6. */
const GRID_PAGE = 9;
const STRIP_PAGE = 6;
/** A lesson whose pupils are not all in after this long has not held (and the default run stays short). */
const JOIN_LIMIT_MS = 60_000;

interface Shape {
  subscribers: number;
  publishers: number;
  /** The teacher sends three sizes (Janus only: werift forwards one). */
  simulcast: boolean;
  gridShare: number;
  seconds: number;
}

const isGrid = (i: number, share: number) => Math.floor((i + 1) * share) > Math.floor(i * share);
const pupilId = (j: number) => `pupil${j}`;
const subscriberId = (i: number, publishers: number) => (i < publishers ? pupilId(i) : `bot${i}`);

/**
 * What participant i asks for, as Parta's call screen does (web callLayout.ts): the sound of every publisher, and
 * the pictures of its view. Speaker view: the teacher large and the strip's first page (6 tiles, one of them its
 * own), small; grid view: a page of 9 tiles (one its own), all small. Publishing pupils' tiles are taken first: the
 * most pictures a page can ask for.
 */
function wantsOf(i: number, shape: Shape): FeedWant[] {
  const self = subscriberId(i, shape.publishers);
  const others = Array.from({ length: shape.publishers }, (_, j) => pupilId(j)).filter((id) => id !== self);
  const grid = isGrid(i, shape.gridShare);
  const pictures = new Map<string, number>(
    grid
      ? ['teacher', ...others].slice(0, GRID_PAGE - 1).map((id) => [id, 0])
      : [['teacher', 2], ...others.slice(0, STRIP_PAGE - 1).map((id) => [id, 0] as [string, number])],
  );
  return ['teacher', ...others].map((feedId) => {
    const layer = pictures.get(feedId);
    return { feedId, audio: true, video: layer !== undefined, ...(layer !== undefined ? { layer } : {}) };
  });
}

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) return false;
    await sleep(200);
  }
  return true;
}

/** Runs `fn` over items, `width` at a time. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++] as T);
  }));
}

const pct = (lost: number, packets: number) => (lost + packets > 0 ? (100 * lost) / (lost + packets) : 100);
const spread = (xs: number[], digits = 2) =>
  xs.length === 0 ? null : { p50: round(percentile(xs, 0.5), digits), p95: round(percentile(xs, 0.95), digits), max: round(Math.max(...xs), digits) };
const kbpsSpread = (xs: number[]) => (xs.length === 0 ? null : { p50: round(percentile(xs, 0.5)), min: round(Math.min(...xs)) });

function summarise(bots: BotReport[], seconds: number, shape: Shape, sfu: 'werift' | 'janus') {
  const byClass = (cls: StreamClass, filter: (b: BotReport, i: number) => boolean = () => true) => {
    const having = bots.filter((b, i) => b.classes[cls].streams > 0 && filter(b, i));
    return {
      kbps: kbpsSpread(having.map((b) => (b.classes[cls].bytes * 8) / seconds / 1000)),
      lossPct: spread(having.map((b) => pct(b.classes[cls].lost, b.classes[cls].packets))),
    };
  };
  const gridIds = new Set(Array.from({ length: shape.subscribers }, (_, i) => i).filter((i) => isGrid(i, shape.gridShare)).map((i) => subscriberId(i, shape.publishers)));
  const layers = teacherLayers(shape.simulcast && sfu === 'janus');
  const speaker = byClass('teacherVideo', (b) => !gridIds.has(b.peerId));
  const grid = byClass('teacherVideo', (b) => gridIds.has(b.peerId));
  const pupilVideo = byClass('pupilVideo');
  const lossAll = bots.map((b) => {
    const lost = CLASSES.reduce((s, c) => s + b.classes[c].lost, 0);
    return pct(lost, CLASSES.reduce((s, c) => s + b.classes[c].packets, 0));
  });
  return {
    teacherVideo: {
      speakerView: { expectedKbps: round(layerKbps(layers[0]!)), ...speaker },
      gridView: { expectedKbps: round(layerKbps(layers.at(-1)!)), ...grid },
    },
    /** Summed over the pupils' pictures each participant shows. */
    pupilVideo: { expectedKbpsEach: round(layerKbps(PUPIL_LAYER)), streamsPerParticipant: kbpsSpread(bots.map((b) => b.classes.pupilVideo.streams)), ...pupilVideo },
    /** Summed over the publishers each participant hears. */
    audio: { expectedKbpsEach: round(audioKbps()), teacher: byClass('teacherAudio'), pupils: byClass('pupilAudio') },
    lossPctAll: spread(lossAll),
    unknownPackets: bots.reduce((s, b) => s + b.unknown, 0),
  };
}

/** LESSON_BENCH_QUIET=n: before each lesson, wait (up to 10 min) until the 1-minute load average is at most n. */
async function waitForQuiet(): Promise<void> {
  const quiet = Number(process.env.LESSON_BENCH_QUIET ?? Number.POSITIVE_INFINITY);
  const end = Date.now() + 600_000;
  while ((loadavg()[0] ?? 0) > quiet && Date.now() < end) await sleep(5000);
}

async function runLesson(name: 'werift' | 'janus', media: MediaServer, sfuPid: () => number | null, shape: Shape, peers: ChildRpc[]) {
  const room = `bench-${Date.now()}`;
  await waitForQuiet();
  try {
    return await lesson(name, room, media, sfuPid, shape, peers);
  } finally {
    await Promise.all(peers.map((p) => p.call('closeAll', room).catch(() => undefined)));
    await media.closeRoom(room).catch(() => undefined);
  }
}

async function lesson(name: 'werift' | 'janus', room: string, media: MediaServer, sfuPid: () => number | null, shape: Shape, peers: ChildRpc[]) {
  const load0 = loadavg()[0] ?? 0;
  const ready = new Set<string>();
  const failed: string[] = [];
  const off = media.onEvent((e) => {
    if (e.type === 'feed.ready') ready.add(e.peerId);
    if (e.type === 'peer.failed') failed.push(`${e.peerId}/${e.pc}@${round((Date.now() - started) / 1000)}s`);
  });
  const started = Date.now();
  await media.createRoom(room);
  const specs: PublisherSpec[] = [
    { peerId: 'teacher', video: teacherLayers(shape.simulcast && name === 'janus') },
    ...Array.from({ length: shape.publishers }, (_, j) => ({ peerId: pupilId(j), video: [PUPIL_LAYER] })),
  ];
  // A publishing pupil sends and receives from the same process, as from one tab.
  const procOf = (peerId: string) => {
    const m = /(\d+)$/.exec(peerId);
    return peers[(m ? Number(m[1]) : 0) % peers.length] as ChildRpc;
  };
  for (const spec of specs) {
    const proc = procOf(spec.peerId);
    const offer = await proc.call<string>('publish', spec);
    const { answer } = await media.publish(room, spec.peerId, offer, { audioAllowed: true });
    await proc.call('publishAnswer', spec.peerId, answer);
  }
  if (!(await until(() => specs.every((s) => ready.has(s.peerId)), 20_000))) throw new Error(`${name}: not every feed came up`);

  const indexes = Array.from({ length: shape.subscribers }, (_, i) => i);
  const joinDeadline = Date.now() + JOIN_LIMIT_MS;
  let joined = 0;
  const sfuAtStart = sfuPid();
  let lastCpu = { cpu: sfuAtStart ? cpuSeconds(sfuAtStart) : 0, at: Date.now() };
  const joining = pool(indexes, 4, async (i) => {
    if (Date.now() > joinDeadline) return;
    const peerId = subscriberId(i, shape.publishers);
    const offer = await media.subscribe(room, peerId, wantsOf(i, shape));
    if (!offer) throw new Error(`${name}: no offer for ${peerId}`);
    const answer = await procOf(peerId).call<string>('subscribe', room, peerId, offer.offer, offer.streams);
    await media.answer(room, peerId, answer);
    joined += 1;
    if (VERBOSE && joined % 10 === 0) {
      const pid = sfuPid();
      const cpu = pid ? cpuSeconds(pid) : 0;
      console.error(`${name}: ${joined} in at ${round((Date.now() - started) / 1000)} s, SFU CPU ${round((cpu - lastCpu.cpu) / ((Date.now() - lastCpu.at) / 1000), 2)} core, load ${round(loadavg()[0] ?? 0)}`);
      lastCpu = { cpu, at: Date.now() };
    }
  });
  // Past the limit, those who are in are measured (the lesson has not held); joins still under way are left behind.
  joining.catch(() => undefined);
  await Promise.race([joining, sleep(Math.max(0, joinDeadline - Date.now()))]);
  const joinedAtLimit = joined;
  const count = async () => (await Promise.all(peers.map((p) => p.call<{ receiving: number }>('receiving')))).reduce((s, r) => s + r.receiving, 0);
  const joinedAll = joinedAtLimit === shape.subscribers;
  const connected = joinedAll && (await until(async () => (await count()) === shape.subscribers, 30_000));
  const joinSeconds = round((Date.now() - started) / 1000);
  await sleep(3000); // simulcast layers settle, keyframes asked for by the joins pass

  const pid = sfuPid();
  const peerPids = peers.map((p) => p.pid ?? 0);
  const cpu = () => ({
    sfu: pid ? cpuSeconds(pid) : 0, sfuWait: pid ? runqueueWaitSeconds(pid) : 0,
    peers: peerPids.reduce((s, p) => s + (p ? cpuSeconds(p) : 0), 0), all: machineBusySeconds(), at: performance.now(),
  });
  await Promise.all(peers.map((p) => p.call('reset')));
  const before = cpu();
  await sleep(shape.seconds * 1000);
  const after = cpu();
  const reports = await Promise.all(peers.map((p) => p.call<PeersReport>('report')));
  const wall = (after.at - before.at) / 1000;
  const sfuCpu = (after.sfu - before.sfu) / wall;
  const peersCpu = (after.peers - before.peers) / wall;
  const bots = reports.flatMap((r) => r.bots);
  const seconds = reports[0]?.seconds ?? wall;
  const forwardedPps = bots.reduce((s, b) => s + CLASSES.reduce((t, c) => t + b.classes[c].packets, 0), 0) / seconds;
  const sent = reports.flatMap((r) => r.sent);
  const teacherSent = sent.find((s) => s.peerId === 'teacher');
  const summary = summarise(bots, seconds, shape, name);
  const allReceiving = connected && bots.every((b) => b.receiving);
  const lossP95 = summary.lossPctAll?.p95 ?? 100;
  const result = {
    sfu: name,
    participants: shape.subscribers + 1,
    publishers: shape.publishers + 1,
    teacherSimulcast: shape.simulcast && name === 'janus',
    held: allReceiving && lossP95 < 1 && (name !== 'werift' || sfuCpu < 0.9),
    allReceiving,
    /** Subscribers in when the join limit (60 s) passed: fewer than asked means the SFU could not take them. */
    joined: joinedAtLimit,
    joinSeconds,
    sfuCpuCores: round(sfuCpu, 3),
    sfuCpuPctPerSubscriber: round((100 * sfuCpu) / Math.max(1, bots.length), 2),
    forwardedPps: Math.round(forwardedPps),
    sfuCpuUsPerPacket: round((sfuCpu * 1e6) / Math.max(1, forwardedPps), 1),
    sfuRssMiB: pid ? rssMiB(pid) : null,
    /** werift: the share of the time its event loop was ready to run and waited for a core (another job had it). */
    sfuLoopWaitingPct: name === 'werift' ? round((100 * (after.sfuWait - before.sfuWait)) / wall) : null,
    botsCpuCores: round(peersCpu, 2),
    otherCpuCores: round((after.all - before.all) / wall - sfuCpu - peersCpu, 2),
    loadavg1: [round(load0, 2), round(loadavg()[0] ?? 0, 2)],
    teacherSentPps: teacherSent ? Object.fromEntries(Object.entries(teacherSent.video).map(([k, v]) => [k, round(v / seconds)])) : null,
    /** Connections the SFU reported failed, and the states of ours that are not "connected" at the end. */
    failedConnections: failed.slice(0, 10),
    notConnected: [...sent, ...bots].filter((x) => x.connection !== 'connected').map((x) => `${x.peerId}:${x.connection}`).slice(0, 10),
    keyframesAsked: { total: sent.reduce((s, x) => s + x.keyframesAsked, 0), inWindow: sent.reduce((s, x) => s + x.keyframesAskedInWindow, 0) },
    ...summary,
  };
  off();
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
  // LESSON_BENCH_JANUS_LOG=file keeps Janus's own log (why a stream did not come up).
  const janusLog = process.env.LESSON_BENCH_JANUS_LOG ? openSync(process.env.LESSON_BENCH_JANUS_LOG, 'w') : 'ignore';
  const dir = mkdtempSync(path.join(tmpdir(), 'parta-bench-janus-'));
  const port = 8290;
  const proc = spawn('bash', [path.join(repo, 'server/janus/start.sh')], {
    env: { ...process.env, JANUS_CONFIG_DIR: dir, JANUS_WS_PORT: String(port), JANUS_RTP_PORTS: '23000-23999' },
    stdio: ['ignore', janusLog, janusLog],
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

async function onWerift(shape: Shape, peers: ChildRpc[]) {
  const media = new WeriftMediaServer({ ip, ports: [47000, 47999] });
  try {
    return await runLesson('werift', media, () => media.pid, shape, peers);
  } catch (err) {
    return { sfu: 'werift', participants: shape.subscribers + 1, publishers: shape.publishers + 1, held: false, error: String(err) };
  } finally {
    await media.close();
  }
}

function startPeers(): ChildRpc[] {
  const entry = fileURLToPath(new URL('./peers.ts', import.meta.url));
  return Array.from({ length: PROCS }, () => ChildRpc.fork(entry, { LESSON_BENCH_IP: ip }));
}

const line = (r: object) => console.log(JSON.stringify(r));

async function defaultRun() {
  const shape: Shape = { subscribers: SUBSCRIBERS, publishers: PUBLISHERS, simulcast: SIMULCAST, gridShare: GRID_SHARE, seconds: SECONDS };
  console.log(
    `lesson: teacher (720p ≈1.5 Mbps${SIMULCAST ? ', simulcast on Janus' : ''}) + ${PUBLISHERS} pupils publishing ≈200 kbps + sound, ` +
      `${SUBSCRIBERS} subscribers (${Math.round(GRID_SHARE * 100)} % grid view), ${SECONDS} s measured per SFU, bots in ${PROCS} processes, media on ${ip}`,
  );
  const peers = startPeers();
  const runs: object[] = [];
  if (only.has('werift')) {
    runs.push(await onWerift(shape, peers));
    line(runs.at(-1) as object);
  }
  if (only.has('janus')) {
    const janus = await startJanus();
    if (!janus) {
      runs.push({ sfu: 'janus', skipped: 'janus is not installed (apt-get install -y janus)' });
    } else {
      const media = new JanusMediaServer([janus.url]);
      try {
        runs.push(await runLesson('janus', media, () => janus.proc.pid ?? null, shape, peers));
      } catch (err) {
        runs.push({ sfu: 'janus', held: false, error: String(err) });
      }
      await media.close();
      janus.proc.kill();
      rmSync(janus.dir, { recursive: true, force: true });
    }
    line(runs.at(-1) as object);
  }
  await Promise.all(peers.map((p) => p.close()));
  return { bench: 'lesson', machine: machine(), shape, runs };
}

/** werift's limit: each series grows one dimension of the lesson until a step does not hold (twice). */
async function sweep() {
  const series: { name: string; steps: Shape[] }[] = [];
  const base = { simulcast: false, gridShare: GRID_SHARE, seconds: Math.min(SECONDS, 10) };
  const want = (name: string) => SWEEP === '1' || SWEEP === name;
  if (want('participants')) {
    series.push({
      name: `participants, ${PUBLISHERS} pupils publishing`,
      steps: [10, 20, 30, 40, 50, 60, 70, 80, 99, 120, 150].map((subscribers) => ({ ...base, subscribers, publishers: PUBLISHERS })),
    });
  }
  if (want('publishers')) {
    series.push({
      name: 'publishers, a class of 30',
      steps: [2, 4, 6, 8, 10, 12, 14, 16, 20, 29].map((publishers) => ({ ...base, subscribers: 29, publishers })),
    });
  }
  if (want('lecture')) {
    series.push({
      name: 'participants, only the teacher publishing',
      steps: [50, 99, 150, 200, 250, 300].map((subscribers) => ({ ...base, subscribers, publishers: 0 })),
    });
  }
  console.log(`lesson sweep on werift: ${series.map((s) => s.name).join('; ')}; ${base.seconds} s per step, bots in ${PROCS} processes, media on ${ip}`);
  const peers = startPeers();
  const out: { series: string; steps: object[]; largestHeld: object | null }[] = [];
  for (const s of series) {
    const steps: object[] = [];
    let largestHeld: object | null = null;
    for (const shape of s.steps) {
      let r = await onWerift(shape, peers);
      line(r);
      steps.push(r);
      if (!r.held) {
        r = await onWerift(shape, peers); // once more: a burst of someone else's load may have caused it
        line({ retry: true, ...r });
        steps.push({ retry: true, ...r });
      }
      if (!r.held) break;
      largestHeld = { participants: r.participants, publishers: r.publishers, ...('forwardedPps' in r ? { forwardedPps: r.forwardedPps, sfuCpuCores: r.sfuCpuCores } : {}) };
    }
    out.push({ series: s.name, steps, largestHeld });
  }
  await Promise.all(peers.map((p) => p.close()));
  return { bench: 'lesson-sweep', machine: machine(), series: out.map((s) => ({ series: s.series, largestHeld: s.largestHeld, steps: s.steps })) };
}

const t0 = Date.now();
const result = SWEEP ? await sweep() : await defaultRun();
line({ ...result, tookSeconds: Math.round((Date.now() - t0) / 1000) });
process.exit(0);
