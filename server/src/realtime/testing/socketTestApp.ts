import { createTestContext, type TestContext } from '../../test/testApp.js';
import { SocketClient } from './socketClient.js';

export interface SocketTestApp {
  ctx: TestContext;
  /** `http://127.0.0.1:<port>` of the listening app. */
  base: string;
  /** A socket signed in with `cookie`, closed with the app. */
  connect(cookie: string, opts?: { origin?: string }): Promise<SocketClient>;
  /** Every socket, then the app. */
  close(): Promise<void>;
}

/**
 * A test app listening on a free port, for tests that talk over /api/socket as a browser tab does. `env` as for
 * createTestContext (e.g. raised SOCKET_MESSAGES_PER_10S for a test that sends faster than a person types).
 */
export async function socketTestApp(env: Record<string, string> = {}): Promise<SocketTestApp> {
  const ctx = await createTestContext(env);
  const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const open: SocketClient[] = [];
  return {
    ctx,
    base,
    connect: async (cookie, opts = {}) => {
      const c = await SocketClient.connect(base, cookie, opts);
      open.push(c);
      return c;
    },
    close: async () => {
      await Promise.all(open.map((c) => c.close()));
      await ctx.close();
    },
  };
}
