import type { Socket } from 'node:net';

const corked = new Set<Socket>();
let scheduled = false;

function uncorkAll(): void {
  scheduled = false;
  for (const s of corked) s.uncork();
  corked.clear();
}

/**
 * Holds a socket's writes until the end of this turn of the event loop, so the frames written to it
 * in one turn — say all messages of one group commit — leave in one writev instead of one system
 * call each. ws corks and uncorks around every frame; cork() counts, so ours outlasts those.
 */
export function corkForThisTurn(socket: Socket): void {
  if (corked.has(socket) || socket.destroyed) return;
  socket.cork();
  corked.add(socket);
  if (!scheduled) {
    scheduled = true;
    setImmediate(uncorkAll);
  }
}
