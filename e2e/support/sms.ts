import { readFileSync, statSync } from 'node:fs';
import { serverLog } from './paths.js';

/** A place in the server log; SMS lines before it are ignored, so an old code is never reused. */
export interface LogMark {
  offset: number;
}

/** Marks the end of the server log now: take it just before the click that sends an SMS. */
export function markLog(): LogMark {
  return { offset: statSync(serverLog).size };
}

/**
 * The SMS lines for one E.164 number written after `since`, oldest first. The dev provider logs
 * `SMS to +79000000001: <text>`, either bare or as the `msg` of a pino JSON line.
 */
export function smsSince(phone: string, since: LogMark): string[] {
  const text = readFileSync(serverLog).subarray(since.offset).toString('utf8');
  const needle = `SMS to ${phone}:`;
  return text
    .split('\n')
    .filter((line) => line.includes(needle))
    .map((line) => line.slice(line.indexOf(needle) + needle.length));
}

/**
 * The code of the newest SMS to `phone` logged after `since`, polling up to `timeoutMs`.
 * Throws with the last lines of the log when none arrives, so a failure says what the server did.
 */
export async function readSmsCode(phone: string, since: LogMark, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = smsSince(phone, since);
    const newest = messages.at(-1);
    const code = newest === undefined ? undefined : /\b(\d{6})\b/.exec(newest)?.[1];
    if (code) return code;
    if (Date.now() > deadline) {
      const tail = readFileSync(serverLog, 'utf8').split('\n').slice(-15).join('\n');
      throw new Error(`No SMS code to ${phone} in the server log within ${timeoutMs} ms. Log tail:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
