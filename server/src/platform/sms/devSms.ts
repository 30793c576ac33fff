import type { FastifyBaseLogger } from 'fastify';
import type { SmsProvider } from './provider.js';

/**
 * The development provider: each SMS becomes one log line with the E.164 number and the text,
 * e.g. `SMS to +79000000001: Код Parta: 123456`. Tests and the demo read codes from here.
 */
export class DevSmsProvider implements SmsProvider {
  /** The last messages, newest last, for tests in the same process. */
  readonly outbox: { to: string; text: string }[] = [];
  constructor(private readonly log: Pick<FastifyBaseLogger, 'info'> | null = null) {}
  async send(to: string, text: string): Promise<void> {
    this.outbox.push({ to, text });
    if (this.outbox.length > 1000) this.outbox.shift();
    const line = `SMS to ${to}: ${text}`;
    if (this.log) this.log.info({ sms: { to } }, line);
    else process.stdout.write(`${line}\n`);
  }
}
