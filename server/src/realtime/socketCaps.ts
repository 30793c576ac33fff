import { socketCloseCodes } from '@parta/contracts';
import type { Actor } from '../policy/actor.js';

/**
 * The close code of a socket refused for being one too many. The web client waits its longest backoff before trying
 * again, so a tab over the cap does not hammer the server.
 */
export const TOO_MANY_CLOSE_CODE = socketCloseCodes.tooMany;

export interface SocketCapOptions {
  /**
   * Sockets one session (one browser on one device: its tabs share the cookie) may hold on this node. 20 is more tabs
   * of Parta than a person keeps open, with room for tabs whose old socket the server has not yet seen die.
   */
  perSession: number;
  /** Sockets one person may hold on this node across their sessions: a few devices (phone, laptop, classroom PC). */
  perUser: number;
}

/**
 * Counts the sockets of each session and person on this node; over a cap the new socket is refused (closing the
 * oldest instead would make two tabs over the cap close each other in turn). Counted per node: with several nodes a
 * session may hold the cap on each, which still bounds it.
 */
export class SocketCaps {
  private bySession = new Map<string, number>();
  private byUser = new Map<string, number>();

  constructor(private readonly caps: SocketCapOptions) {}

  /** Takes a place for a new socket and returns its release, or null when the session or person is at the cap. */
  admit(actor: Actor): (() => void) | null {
    const session = actor.sessionId ?? `user:${actor.userId}`;
    const inSession = this.bySession.get(session) ?? 0;
    const ofUser = this.byUser.get(actor.userId) ?? 0;
    if (inSession >= this.caps.perSession || ofUser >= this.caps.perUser) return null;
    this.bySession.set(session, inSession + 1);
    this.byUser.set(actor.userId, ofUser + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      decrement(this.bySession, session);
      decrement(this.byUser, actor.userId);
    };
  }
}

function decrement(map: Map<string, number>, key: string): void {
  const n = (map.get(key) ?? 1) - 1;
  if (n <= 0) map.delete(key);
  else map.set(key, n);
}
