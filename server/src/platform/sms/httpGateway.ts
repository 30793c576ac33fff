import type { SmsProvider } from './provider.js';

export interface HttpGatewayOptions {
  /** SMS_HTTP_URL: the gateway's endpoint that accepts one message per POST. */
  url: string;
  /** SMS_HTTP_TOKEN: sent as `Authorization: Bearer …` when set. */
  token: string | undefined;
  /** SMS_HTTP_SENDER: the sender name the phone shows. */
  sender: string;
  /** A gateway that hangs must not hold the sign-in screen: the request is given up after this. */
  timeoutMs?: number;
}

/**
 * ACC-6, scale-out: posts each SMS to an HTTP gateway as JSON `{to, text, sender}` with a bearer
 * token. Most commercial gateways (or a small relay in front of one) accept this shape. Any
 * non-2xx answer, a network error or a timeout throws, so the caller can tell the person to retry.
 */
export class HttpGatewaySmsProvider implements SmsProvider {
  constructor(private readonly opts: HttpGatewayOptions) {}

  async send(to: string, text: string): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    const res = await fetch(this.opts.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ to, text, sender: this.opts.sender }),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
    });
    // Drain the body so the connection is freed; its content is the gateway's business.
    const body = await res.text().catch(() => '');
    if (!res.ok) {
      // The body may help an operator; it never contains the code (we sent that, not them).
      throw new Error(`SMS gateway answered ${res.status}: ${body.slice(0, 200)}`);
    }
  }
}
