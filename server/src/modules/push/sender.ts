import { createHash, randomUUID } from 'node:crypto';
import type { PushPayload } from '@parta/contracts';
import type { FastifyBaseLogger } from 'fastify';
import webpush from 'web-push';
import type { VapidKeys } from '../../db/vapid.js';
import { pushesTotal } from '../../observability/metrics.js';

/** Where one push goes: a subscription's endpoint and the browser's keys. */
export interface PushDevice {
  subscriptionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface Delivery {
  device: PushDevice;
  payload: PushPayload;
  /** How long the push service keeps it for a device that is away (RFC 8030 TTL), in seconds. */
  ttlSeconds: number;
  /** RFC 8030 Urgency: a call rings at once, a message may wait for the phone's next wake-up. */
  urgency: 'normal' | 'high';
}

export interface SenderOptions {
  /** Requests to push services in flight at once (a class of 30 goes out in 4 rounds, not 30 in a row). */
  concurrency: number;
  timeoutMs: number;
  /** Waits before the 2nd, 3rd … try after a 429, a 5xx or no answer; then the push is given up. */
  retryDelaysMs: number[];
  /** Pushes waiting at most; past it the oldest is dropped (a push service that stopped answering must not eat memory). */
  maxQueued: number;
}

export const defaultSenderOptions: SenderOptions = { concurrency: 8, timeoutMs: 10_000, retryDelaysMs: [1_000, 5_000], maxQueued: 10_000 };

/** A Retry-After is honoured up to this (ms): a push is news, there is no point in it an hour late. */
const MAX_RETRY_AFTER_MS = 60_000;

interface Item {
  key: string;
  delivery: Delivery;
  attempt: number;
}

/**
 * Sends pushes (RFC 8030) off the request path: a queue, a few requests in flight, a retry or two for a busy or failing
 * push service, and the gone subscriptions (404, 410) handed back to be removed. web-push encrypts the payload to the
 * browser's keys (RFC 8291, aes128gcm) and signs the VAPID JWT (RFC 8292); the request itself goes through fetch, so
 * its timeout, redirects (never followed: an endpoint must not bounce the server elsewhere) and concurrency are ours.
 * A push not yet sent is replaced by a newer one with the same tag to the same device: a burst of ten messages in a
 * chat makes one request per device, not ten.
 */
export class PushSender {
  private queue: Item[] = [];
  private waiting = new Map<string, Item>();
  private active = 0;
  private retries = new Set<NodeJS.Timeout>();
  private idle: (() => void)[] = [];
  private closed = false;
  readonly counts = { sent: 0, gone: 0, failed: 0, retried: 0, replaced: 0, dropped: 0 };
  private readonly options: SenderOptions;

  constructor(
    private readonly keys: () => Promise<VapidKeys>,
    private readonly subject: string,
    private readonly onGone: (subscriptionId: string) => Promise<void>,
    private readonly log: FastifyBaseLogger,
    options: Partial<SenderOptions> = {},
  ) {
    this.options = { ...defaultSenderOptions, ...options };
  }

  enqueue(delivery: Delivery): void {
    if (this.closed) return;
    const key = `${delivery.device.subscriptionId}|${delivery.payload.tag ?? randomUUID()}`;
    const pending = this.waiting.get(key);
    if (pending) {
      pending.delivery = delivery;
      this.counts.replaced += 1;
      return;
    }
    if (this.queue.length >= this.options.maxQueued) {
      const oldest = this.queue.shift();
      if (oldest) this.waiting.delete(oldest.key);
      this.counts.dropped += 1;
      pushesTotal.inc({ outcome: 'dropped' });
      this.log.warn('push: queue full, the oldest push was dropped');
    }
    const item = { key, delivery, attempt: 0 };
    this.queue.push(item);
    this.waiting.set(key, item);
    this.pump();
  }

  /** Resolves once nothing is queued, in flight or waiting for a retry. */
  settled(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const t of this.retries) clearTimeout(t);
    this.retries.clear();
    this.queue = [];
    this.waiting.clear();
    this.checkIdle();
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.active === 0 && this.retries.size === 0;
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private pump(): void {
    while (this.active < this.options.concurrency && this.queue.length > 0) {
      const item = this.queue.shift() as Item;
      this.waiting.delete(item.key);
      this.active += 1;
      void this.deliver(item)
        .catch((err) => this.log.error({ err }, 'push: delivery failed'))
        .finally(() => {
          this.active -= 1;
          this.pump();
          this.checkIdle();
        });
    }
  }

  private async deliver(item: Item): Promise<void> {
    const { device, payload, ttlSeconds, urgency } = item.delivery;
    const keys = await this.keys();
    const details = webpush.generateRequestDetails(
      { endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } },
      JSON.stringify(payload),
      {
        vapidDetails: { subject: this.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
        TTL: ttlSeconds,
        urgency,
        ...(payload.tag ? { topic: topicOf(payload.tag) } : {}),
      },
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(details.headers)) {
      // fetch counts the body itself.
      if (name.toLowerCase() !== 'content-length') headers[name] = String(value);
    }
    let status = 0;
    let retryAfterMs: number | null = null;
    try {
      const res = await fetch(details.endpoint, {
        method: 'POST',
        headers,
        body: details.body ? new Uint8Array(details.body) : null,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = res.status;
      retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      await res.body?.cancel();
    } catch (err) {
      this.log.debug({ err, service: originOf(device.endpoint) }, 'push: no answer');
    }
    if (status >= 200 && status < 300) {
      this.counts.sent += 1;
      pushesTotal.inc({ outcome: 'sent' });
      return;
    }
    if (status === 404 || status === 410) {
      // The browser unsubscribed, or the push service forgot it: it will never take a push again.
      this.counts.gone += 1;
      pushesTotal.inc({ outcome: 'gone' });
      await this.onGone(device.subscriptionId);
      return;
    }
    const transient = status === 0 || status === 429 || status >= 500;
    const delay = this.options.retryDelaysMs[item.attempt];
    if (transient && delay !== undefined && !this.closed) {
      this.counts.retried += 1;
      // The push service's own Retry-After when it gave one (RFC 8030 §8.4), else our back-off.
      const wait = retryAfterMs === null ? delay : Math.min(MAX_RETRY_AFTER_MS, retryAfterMs);
      const timer = setTimeout(() => {
        this.retries.delete(timer);
        if (this.closed) return this.checkIdle();
        const next = { ...item, attempt: item.attempt + 1 };
        this.queue.push(next);
        this.pump();
        this.checkIdle();
      }, wait);
      timer.unref();
      this.retries.add(timer);
      return;
    }
    this.counts.failed += 1;
    pushesTotal.inc({ outcome: 'failed' });
    this.log.warn({ status, service: originOf(device.endpoint), attempts: item.attempt + 1 }, 'push: not delivered');
  }
}

/** RFC 8030 Topic (≤ 32 base64url characters): the push service keeps only the newest push of a topic for a device away. */
function topicOf(tag: string): string {
  return createHash('sha256').update(tag).digest('base64url').slice(0, 32);
}

/** Retry-After in seconds or as a date, in ms from now; null when absent or unreadable. */
function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** The push service, never the whole endpoint in a log: the endpoint is the device's secret address. */
function originOf(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return '?';
  }
}
