import type { AppDeps } from '../deps.js';
import type { ApiInstance } from '../http/types.js';
import { registerArticlesRoutes } from './articles/routes.js';
import { registerAuthRoutes } from './auth/routes.js';
import { registerChatsRoutes } from './chats/routes.js';
import { registerClassesRoutes } from './classes/routes.js';
import { registerContactsRoutes } from './contacts/routes.js';
import { registerDocumentsRoutes } from './documents/routes.js';
import { registerFilesRoutes } from './files/routes.js';
import { registerInvitesRoutes } from './invites/routes.js';
import { registerJoinRequestsRoutes } from './joinRequests/routes.js';
import { registerLessonsRoutes } from './lessons/routes.js';
import { registerMessagesRoutes } from './messages/routes.js';
import { registerNewsRoutes } from './news/routes.js';
import { registerOperatorRoutes } from './operator/routes.js';
import { registerParentsRoutes } from './parents/routes.js';
import { registerPhotosRoutes } from './photos/routes.js';
import { registerPollsRoutes } from './polls/routes.js';
import { registerPushRoutes } from './push/routes.js';
import { registerSchoolsRoutes } from './schools/routes.js';
import { registerSearchRoutes } from './search/routes.js';
import { registerSetupRoutes } from './setup/routes.js';
import { registerUploadsRoutes } from './uploads/routes.js';

/** Each domain registers its routes here; the folder name is the feature's name. */
export async function registerModules(api: ApiInstance, deps: AppDeps): Promise<void> {
  await registerAuthRoutes(api, deps);
  await registerSchoolsRoutes(api, deps);
  await registerClassesRoutes(api, deps);
  await registerInvitesRoutes(api, deps);
  await registerJoinRequestsRoutes(api, deps);
  await registerOperatorRoutes(api, deps);
  await registerContactsRoutes(api, deps);
  await registerChatsRoutes(api, deps);
  await registerMessagesRoutes(api, deps);
  await registerFilesRoutes(api, deps);
  await registerUploadsRoutes(api, deps);
  await registerPollsRoutes(api, deps);
  await registerArticlesRoutes(api, deps);
  await registerSearchRoutes(api, deps);
  await registerDocumentsRoutes(api, deps);
  await registerPhotosRoutes(api, deps);
  await registerNewsRoutes(api, deps);
  await registerLessonsRoutes(api, deps);
  await registerSetupRoutes(api, deps);
  await registerPushRoutes(api, deps);
  await registerParentsRoutes(api, deps);
}
