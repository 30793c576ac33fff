import { contactsResponse } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { listContacts } from './listContacts.js';

/** APP-4 «Контакты». */
export async function registerContactsRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  api.get('/contacts', { schema: { tags: ['contacts'], response: { 200: contactsResponse } } }, async (req) => ({
    data: await listContacts(deps.db, req.actor),
  }));
}
