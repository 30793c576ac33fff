import type { AppDeps } from '../app.js';
import type { ApiInstance } from '../http/types.js';

/** Each domain registers its routes here; the folder name is the feature's name. */
export async function registerModules(api: ApiInstance, deps: AppDeps): Promise<void> {
  void api;
  void deps;
}
