import type { WebSocketRoute } from '@playwright/test';

/** A frame of Parta's socket as the relay saw it (chat events, lesson signalling, …): the fields tests read. */
export type Frame = {
  t: string;
  chatId?: string;
  lessonId?: string;
  seq?: number;
  chats?: Record<string, number>;
  event?: { type: string; message?: { text: string } };
};

/**
 * A person's socket runs through a relay in the test (`context.routeWebSocket(/\/api\/socket$/, relay.handle)`, then a
 * reload or navigation so the page's socket goes through it), so the test can cut the connection as a network drop
 * would, keep the person away for a while, and then let the reconnect through — and read every frame that crossed.
 */
export class SocketRelay {
  connections = 0;
  /** Frames of each connection: what the page sent, what the server sent. */
  readonly sent: Frame[][] = [];
  readonly received: Frame[][] = [];
  private current: { page: WebSocketRoute; server: WebSocketRoute } | null = null;
  private hold: Promise<void> | null = null;
  private release: (() => void) | null = null;

  handle = async (page: WebSocketRoute) => {
    const n = this.connections++;
    this.sent[n] = [];
    this.received[n] = [];
    // While held, the page's socket is open but silent (no `ready`): the app stays «offline» and retries.
    if (this.hold) await this.hold;
    const server = page.connectToServer();
    page.onMessage((m) => {
      this.sent[n]!.push(JSON.parse(String(m)));
      server.send(m);
    });
    server.onMessage((m) => {
      this.received[n]!.push(JSON.parse(String(m)));
      page.send(m);
    });
    this.current = { page, server };
  };

  /** Cuts the live connection and holds the next one until `reconnect`. */
  async drop() {
    this.hold = new Promise((resolve) => {
      this.release = resolve;
    });
    const c = this.current;
    this.current = null;
    await c?.server.close();
    await c?.page.close({ code: 4000, reason: 'network drop' });
  }

  reconnect() {
    this.hold = null;
    this.release?.();
  }
}
