/**
 * The embedded SFU's own process (forked by WeriftMediaServer): forwarding media costs CPU per packet, and the
 * API's event loop must stay responsive. It speaks to its parent over the IPC channel: `{id, method, args}` in,
 * `{id, result}` / `{id, error}` or `{event}` out. It exits when the parent goes away.
 */
import type { FeedWant } from '../mediaServer.js';
import { WeriftSfu } from './sfu.js';

const ip = process.env.PARTA_SFU_IP ?? '127.0.0.1';
const [min, max] = (process.env.PARTA_SFU_PORTS ?? '40000-40999').split('-').map(Number) as [number, number];
const send = (msg: object) => {
  // The callback takes a send that fails because the parent has just gone (EPIPE): the process is exiting anyway.
  if (process.connected) process.send?.(msg, undefined, {}, () => undefined);
};
const sfu = new WeriftSfu({ ip, ports: [min, max] }, (event) => send({ event }));

type Call = { id: number; method: string; args: unknown[] };

const methods: Record<string, (...args: never[]) => unknown> = {
  createRoom: (roomId: string) => sfu.createRoom(roomId),
  closeRoom: (roomId: string) => sfu.closeRoom(roomId),
  publish: (roomId: string, peerId: string, offer: string, audioAllowed: boolean) => sfu.publish(roomId, peerId, offer, audioAllowed),
  unpublish: (roomId: string, peerId: string) => sfu.unpublish(roomId, peerId),
  subscribe: (roomId: string, peerId: string, wants: FeedWant[]) => sfu.subscribe(roomId, peerId, wants),
  answer: (roomId: string, peerId: string, sdp: string) => sfu.answer(roomId, peerId, sdp),
  setAudioAllowed: (roomId: string, peerId: string, allowed: boolean) => sfu.setAudioAllowed(roomId, peerId, allowed),
  leave: (roomId: string, peerId: string) => sfu.leave(roomId, peerId),
  stats: () => sfu.stats(),
};

/** Calls for one peer run one after another: an answer must not overtake the subscribe whose offer it answers. */
const chains = new Map<string, Promise<unknown>>();

process.on('message', (msg: Call) => {
  const fn = methods[msg.method];
  if (!fn) return send({ id: msg.id, error: `unknown method ${msg.method}` });
  const key = `${String(msg.args[0] ?? '')}/${String(msg.args[1] ?? '')}`;
  const run = (chains.get(key) ?? Promise.resolve()).then(() => (fn as (...a: unknown[]) => unknown)(...msg.args));
  const settled = run.then(
    (result) => send({ id: msg.id, result: result ?? null }),
    (err: unknown) => send({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
  chains.set(key, settled);
  void settled.finally(() => {
    if (chains.get(key) === settled) chains.delete(key);
  });
});
process.on('disconnect', () => {
  sfu.close();
  process.exit(0);
});
send({ ready: true });
