/**
 * The ceiling: a bare `ws` broadcaster with no auth and no database. Every `send` frame becomes an
 * event frame shaped like Parta's (same fields, similar size), serialised once and written to every
 * socket; the sender also gets an ack. Prints `PARTA_LISTENING <url>`.
 */
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
const sockets = new Set<WebSocket>();
let seq = 0;
const author = { id: randomUUID(), firstName: 'Ученик', lastName: '№1', middleName: null };

wss.on('connection', (ws) => {
  sockets.add(ws);
  ws.on('close', () => sockets.delete(ws));
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString()) as { t: string; ref: string; chatId: string; clientId: string; text: string };
    if (f.t === 'resume') return ws.send('{"t":"resumed"}');
    if (f.t !== 'send') return;
    seq += 1;
    const message = {
      id: randomUUID(), chatId: f.chatId, seq, clientId: f.clientId, author, text: f.text, replyTo: null,
      attachments: [], poll: null, createdAt: new Date().toISOString(), editedAt: null, deleted: false,
    };
    const wire = Buffer.from(JSON.stringify({ t: 'event', chatId: f.chatId, seq, event: { type: 'message.created', message } }));
    for (const s of sockets) s.send(wire, { binary: false });
    ws.send(JSON.stringify({ t: 'ack', ref: f.ref, message }));
  });
  ws.send('{"t":"ready","userId":"00000000-0000-0000-0000-000000000000"}');
});
wss.on('listening', () => {
  const addr = wss.address();
  if (typeof addr === 'object' && addr) process.stdout.write(`PARTA_LISTENING http://127.0.0.1:${addr.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
