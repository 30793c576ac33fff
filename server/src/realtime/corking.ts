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
 * Returns true when this call corked it: the first write of the turn.
 */
export function corkForThisTurn(socket: Socket): boolean {
  if (corked.has(socket) || socket.destroyed) return false;
  socket.cork();
  corked.add(socket);
  if (!scheduled) {
    scheduled = true;
    setImmediate(uncorkAll);
  }
  return true;
}
