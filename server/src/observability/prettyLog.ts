import type { Config } from '../config.js';

const LEVELS: Record<number, [string, string]> = {
  10: ['TRACE', '\x1b[90m'],
  20: ['DEBUG', '\x1b[90m'],
  30: ['INFO ', '\x1b[32m'],
  40: ['WARN ', '\x1b[33m'],
  50: ['ERROR', '\x1b[31m'],
  60: ['FATAL', '\x1b[41m'],
};
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
/** Fields every line has, or that the line's head already shows. */
const SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'req', 'res', 'responseTime', 'err']);

/**
 * The server's log options (docs/OPERATIONS.md «Logs»): JSON lines for log collectors, or, on a terminal (LOG_FORMAT
 * auto, the default) or with LOG_FORMAT=pretty, one readable line per entry: time, level, message, the request and
 * other fields, an error's stack below it.
 */
export function loggerOptions(config: Pick<Config, 'logLevel' | 'logFormat'>, out: NodeJS.WriteStream = process.stdout): object {
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && out.isTTY === true);
  if (!pretty) return { level: config.logLevel };
  const color = out.isTTY === true && !process.env.NO_COLOR;
  return { level: config.logLevel, stream: { write: (line: string) => out.write(prettyLine(line, color)) } };
}

/** One pino JSON line as text; a line that is not JSON passes as it is. */
export function prettyLine(line: string, color = false): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const paint = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text);
  const time = new Date(typeof entry.time === 'number' ? entry.time : Date.now());
  const clock = `${time.toTimeString().slice(0, 8)}.${String(time.getMilliseconds()).padStart(3, '0')}`;
  const [label, code] = LEVELS[Number(entry.level)] ?? ['?    ', ''];
  const parts = [paint(DIM, clock), paint(code, label), String(entry.msg ?? '')];

  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  if (req?.method) parts.push(`${req.method} ${req.url ?? ''}`);
  if (res?.statusCode) parts.push(`→ ${res.statusCode}`);
  if (typeof entry.responseTime === 'number') parts.push(`${entry.responseTime.toFixed(1)} ms`);
  const fields = Object.entries(entry)
    .filter(([k]) => !SHOWN.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`.slice(0, 300));
  if (entry.reqId) fields.push(`reqId=${String(entry.reqId)}`);
  if (fields.length > 0) parts.push(paint(DIM, fields.join(' ')));

  let text = parts.join('  ');
  const err = entry.err as { message?: string; stack?: string; type?: string } | undefined;
  if (err) text += `\n${paint(code, err.stack ?? `${err.type ?? 'Error'}: ${err.message ?? ''}`)}`;
  return `${text}\n`;
}
