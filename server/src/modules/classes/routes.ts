import type { AppDeps } from '../../app.js';
import type { ApiInstance } from '../../http/types.js';

export async function registerClassesRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  void api;
  void deps;
}
