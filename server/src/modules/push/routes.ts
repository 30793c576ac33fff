import {
  chatMuteRequest, chatMuteResponse, id, okResponse, pushKeyResponse, pushPreferencesResponse, pushSubscribeRequest, pushUnsubscribeRequest,
  updatePushPreferencesRequest,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { requireActor } from '../../policy/authorize.js';
import { getPushPreferences, updatePushPreferences } from './preferences.js';
import { startPush, vapidKeysOf } from './service.js';
import { setChatMuted } from './setChatMuted.js';
import { subscribePush, unsubscribePush } from './subscribePush.js';

/** Web Push: the key browsers subscribe with, this device's subscription, quiet hours, «Без звука» in a chat. */
export async function registerPushRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['push'];
  const dispatch = startPush(deps, api.log);
  api.addHook('onClose', async () => dispatch.close());

  api.get('/push/key', { schema: { tags, response: { 200: pushKeyResponse } } }, async (req) => {
    requireActor(req.actor);
    return { data: { publicKey: (await vapidKeysOf(deps)).publicKey } };
  });

  api.post('/push/subscriptions', { schema: { tags, body: pushSubscribeRequest, response: { 201: pushPreferencesResponse } } }, async (req, reply) =>
    reply.status(201).send({ data: await subscribePush(deps, req.actor, req.body) }),
  );

  api.delete('/push/subscriptions', { schema: { tags, body: pushUnsubscribeRequest, response: { 200: okResponse } } }, async (req) => {
    await unsubscribePush(deps, req.actor, req.body.endpoint);
    return { ok: true as const };
  });

  api.get('/push/preferences', { schema: { tags, response: { 200: pushPreferencesResponse } } }, async (req) => ({
    data: await getPushPreferences(deps, req.actor),
  }));

  api.put('/push/preferences', { schema: { tags, body: updatePushPreferencesRequest, response: { 200: pushPreferencesResponse } } }, async (req) => ({
    data: await updatePushPreferences(deps, req.actor, req.body),
  }));

  api.put(
    '/chats/:chatId/mute',
    { schema: { tags, params: z.object({ chatId: id }), body: chatMuteRequest, response: { 200: chatMuteResponse } } },
    async (req) => ({ data: await setChatMuted(deps, req.actor, req.params.chatId, req.body.muted) }),
  );
}
