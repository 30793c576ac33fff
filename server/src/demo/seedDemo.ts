import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../app.js';

/** Loads «Гимназия №1» and the demo accounts into an empty database. */
export async function seedDemoIfEmpty(deps: AppDeps, log: FastifyBaseLogger): Promise<void> {
  void deps;
  log.info('demo: not yet implemented');
}
