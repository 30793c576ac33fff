import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { DevSmsProvider } from './devSms.js';
import { HttpGatewaySmsProvider } from './httpGateway.js';
import { createSmsProvider } from './index.js';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A fake gateway on 127.0.0.1, port chosen by the system; answers with `respond`. */
async function fakeGateway(respond: (res: ServerResponse) => void): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      respond(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1/messages`, seen, server };
}

describe('ACC-6 HTTP SMS gateway provider', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
  });

  it('posts {to, text, sender} as JSON with the bearer token', async () => {
    const gw = await fakeGateway((res) => {
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"id":"m1"}');
    });
    servers.push(gw.server);
    const provider = new HttpGatewaySmsProvider({ url: gw.url, token: 'tok-123', sender: 'Parta' });
    await provider.send('+79000000001', 'Код Parta: 123456. Никому не сообщайте его.');
    expect(gw.seen).toHaveLength(1);
    const [req] = gw.seen;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/v1/messages');
    expect(req?.headers.authorization).toBe('Bearer tok-123');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({
      to: '+79000000001',
      text: 'Код Parta: 123456. Никому не сообщайте его.',
      sender: 'Parta',
    });
  });

  it('throws when the gateway refuses', async () => {
    const gw = await fakeGateway((res) => {
      res.writeHead(401).end('bad token');
    });
    servers.push(gw.server);
    const provider = new HttpGatewaySmsProvider({ url: gw.url, token: 'wrong', sender: 'Parta' });
    await expect(provider.send('+79000000001', 'x')).rejects.toThrow(/401/);
  });

  it('throws when the gateway does not answer in time', async () => {
    const gw = await fakeGateway(() => {
      // Never answers.
    });
    servers.push(gw.server);
    const provider = new HttpGatewaySmsProvider({ url: gw.url, token: undefined, sender: 'Parta', timeoutMs: 200 });
    await expect(provider.send('+79000000001', 'x')).rejects.toThrow();
  });

  it('is chosen by SMS_PROVIDER=http, the log provider by default', () => {
    const http = createSmsProvider(
      loadConfig({ SMS_PROVIDER: 'http', SMS_HTTP_URL: 'http://127.0.0.1:9/sms', SMS_HTTP_TOKEN: 't' }),
    );
    expect(http).toBeInstanceOf(HttpGatewaySmsProvider);
    expect(createSmsProvider(loadConfig({}))).toBeInstanceOf(DevSmsProvider);
  });

  it('the dev provider writes one log line with the E.164 number and the text', async () => {
    const lines: string[] = [];
    const dev = new DevSmsProvider({ info: (_obj: unknown, line?: string) => lines.push(String(line)) });
    await dev.send('+79000000001', 'Код Parta: 123456. Никому не сообщайте его.');
    expect(lines).toEqual(['SMS to +79000000001: Код Parta: 123456. Никому не сообщайте его.']);
    expect(dev.outbox.at(-1)).toEqual({ to: '+79000000001', text: 'Код Parta: 123456. Никому не сообщайте его.' });
  });
});
