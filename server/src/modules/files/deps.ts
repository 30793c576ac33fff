import type { AppDeps } from '../../deps.js';
import type { FileStorage } from '../../platform/storage/index.js';

/** What the file use-cases need: the database, the limits and where the bytes go. */
export type FileDeps = Pick<AppDeps, 'db' | 'config'> & { storage: FileStorage };
