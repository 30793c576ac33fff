import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../deps.js';
import { announceClosedPolls, nextPollDeadline } from './announceClosedPolls.js';

/**
 * Each node announces passed poll deadlines (`announceClosedPolls`): once when it starts (deadlines that passed while
 * no node ran), then at the nearest pending deadline, and at least every `sweepMs` (a poll made on another node since
 * the last look). Several nodes doing this at once is safe: each poll is claimed in the database by one of them.
 */
export class PollDeadlines {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
    private readonly log: Pick<FastifyBaseLogger, 'error'>,
    private readonly sweepMs: number,
  ) {}

  /** The first sweep; resolves when it is done (the later ones follow on their own). */
  start(): Promise<void> {
    return this.sweep();
  }

  /** Sweeps now (unless a sweep is under way), then plans the next one. */
  sweep(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    let wait = this.sweepMs;
    try {
      await announceClosedPolls(this.deps);
      const next = await nextPollDeadline(this.deps.db);
      if (next) wait = Math.min(wait, Math.max(0, next.getTime() - this.deps.clock.now().getTime()));
    } catch (err) {
      this.log.error({ err }, 'polls: announcing passed deadlines failed');
    }
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    // A little after the deadline, so the clock has surely passed it; never a busy loop.
    this.timer = setTimeout(() => void this.sweep(), Math.max(wait, 0) + 50);
    this.timer.unref();
  }
}
