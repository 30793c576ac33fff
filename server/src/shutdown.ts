import type { FastifyInstance } from 'fastify';
import type { Db } from './db/client.js';
import { writerFor } from './modules/messages/groupCommit.js';
import { gatewayOf } from './realtime/route.js';

export interface GracefulStopOptions {
  app: FastifyInstance;
  db: Db;
  /** Closes what the app does not own (the event bus, the database), after the app has closed. */
  closeRest: () => Promise<void>;
  /** The whole stop may take this long; past it the process exits with 1 (a supervisor sees a failed stop). */
  timeoutMs?: number;
  /** How long a socket's frames in flight may take to be answered before it is closed anyway. */
  answerMs?: number;
  exit?: (code: number) => void;
}

/**
 * A graceful stop, on SIGTERM (systemd's stop, a rolling restart) and SIGINT. In order:
 * 1. stop listening: new connections are refused, so the proxy sends them to another node (docs/DEPLOY.md);
 * 2. every socket's frames in flight are answered, then it is closed with `restarting` (1012): the client reconnects
 *    at once, through the proxy, to another node and resumes each chat by seq, showing nothing to the person;
 * 3. HTTP requests in flight are answered (kept-alive connections are closed as soon as they are idle);
 * 4. the messages' group commit is flushed, so every send taken is committed or refused;
 * 5. the app, the event bus and the database are closed, and the process exits 0.
 */
export function stopGracefully(opts: GracefulStopOptions): () => Promise<void> {
  const { app, db, closeRest, timeoutMs = 25_000, answerMs = 5_000, exit = (code) => process.exit(code) } = opts;
  let stopping: Promise<void> | null = null;
  const stop = async () => {
    const bound = setTimeout(() => {
      app.log.error(`shutdown: not done in ${timeoutMs} ms; exiting anyway`);
      exit(1);
    }, timeoutMs);
    bound.unref();
    app.log.info('shutdown: no new connections; sockets are told to reconnect elsewhere');
    const server = app.server;
    const ended = new Promise<void>((resolve) => server.close(() => resolve()));
    // A kept-alive connection closes once its request is answered, not when the client next speaks.
    const sweeper = setInterval(() => server.closeIdleConnections(), 100);
    try {
      await gatewayOf(app)?.drain(answerMs);
      await ended;
    } finally {
      clearInterval(sweeper);
    }
    await writerFor(db).idle();
    await app.close();
    await closeRest();
    clearTimeout(bound);
    app.log.info('shutdown: done');
    exit(0);
  };
  return () => {
    stopping ??= stop().catch((err: unknown) => {
      app.log.error({ err }, 'shutdown: failed');
      exit(1);
    });
    return stopping;
  };
}

/** Wires stopGracefully to SIGTERM and SIGINT. */
export function stopGracefullyOnSignals(opts: GracefulStopOptions): void {
  const stop = stopGracefully(opts);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop());
}
