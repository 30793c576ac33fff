import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { baseUrl } from './paths.js';

/**
 * The network between one browser and the run's server, which a test can cut and mend — for the installable app's
 * offline tests. An HTTP relay on a port of its own (the app is opened at `switch.url`, its own origin, so the
 * service worker and its caches are the test's alone) that passes every request and web socket to the server.
 *
 * - `cut()`: every open connection is dropped and new ones are refused, as when a phone loses its network or the
 *   server's machine goes away — for the page and its service worker alike (the browser's own offline switch,
 *   `context.setOffline`, is set by the tests too, for `navigator.onLine`).
 * - `deploy(path, body)`: from now on the server «has» this file (a new build's service worker).
 */
export class NetSwitch {
  private readonly sockets = new Set<Socket>();
  private readonly deployed = new Map<string, { body: string; type: string }>();
  private up = true;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string = baseUrl): Promise<NetSwitch> {
    const { hostname, port } = new URL(target);
    let relay: NetSwitch | null = null;
    const server = createServer((req, res) => {
      const file = req.method === 'GET' ? relay?.deployed.get(new URL(req.url ?? '/', 'http://x').pathname) : undefined;
      if (file) {
        res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-cache' }).end(file.body);
        return;
      }
      const upstream = httpRequest({ host: hostname, port, method: req.method, path: req.url, headers: req.headers, agent: false }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    server.on('connection', (socket) => {
      if (!relay?.up) {
        socket.destroy();
        return;
      }
      relay.track(socket);
    });
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      const upstream = connect(Number(port), hostname, () => {
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        upstream.write(head);
        socket.pipe(upstream).pipe(socket);
      });
      relay?.track(upstream);
      const close = () => {
        socket.destroy();
        upstream.destroy();
      };
      upstream.on('error', close);
      socket.on('error', close);
      upstream.on('close', close);
      socket.on('close', close);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    relay = new NetSwitch(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return relay;
  }

  private track(socket: Socket) {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  /** No network: open connections drop, new ones are refused. */
  cut(): void {
    this.up = false;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /** The network is back. */
  mend(): void {
    this.up = true;
  }

  /** The server now serves `body` at `path` (GET), as after a deploy. */
  deploy(path: string, body: string, type = 'application/javascript; charset=utf-8'): void {
    this.deployed.set(path, { body, type });
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
