import { randomInt } from 'node:crypto';
import type { DevSmsProvider } from '../../platform/sms/devSms.js';

/** A Russian mobile number no other test uses, in E.164. */
export function newPhone(): string {
  return `+79${randomInt(0, 1_000_000_000).toString().padStart(9, '0')}`;
}

/**
 * A client address no other test uses (from the IPv6 documentation prefix; requests are injected,
 * nothing is sent), so per-IP limits of tests sharing a database never meet.
 */
export function newIp(): string {
  return `2001:db8::${randomInt(0, 0x10000).toString(16)}:${randomInt(0, 0x10000).toString(16)}`;
}

/** The code in the last SMS sent to `phone`, as a person reads it from the message. */
export function lastCode(sms: DevSmsProvider, phone: string): string {
  const msg = sms.outbox.filter((m) => m.to === phone).at(-1);
  const code = msg && /\b(\d{6})\b/.exec(msg.text)?.[1];
  if (!code) throw new Error(`no SMS code was sent to ${phone}`);
  return code;
}

/** How many SMS went to `phone`. */
export function smsCount(sms: DevSmsProvider, phone: string): number {
  return sms.outbox.filter((m) => m.to === phone).length;
}

/** A six-digit code that is not `code`. */
export function wrongCode(code: string): string {
  return ((Number(code) + 1) % 1_000_000).toString().padStart(6, '0');
}
