import type { AppDeps } from '../../deps.js';
import type { FileStorage } from '../../platform/storage/index.js';

/** What the document use-cases need: the database, events after commit, the limits and the file store. */
export type DocumentDeps = Pick<AppDeps, 'db' | 'events' | 'config'> & { storage: FileStorage };
