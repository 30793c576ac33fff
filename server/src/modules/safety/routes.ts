import { blockResponse, id, safetySettingsResponse, updateSafetySettingsRequest } from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { getBlock, setBlock } from './blocks.js';
import { closeFloodLimits, floodLimitsFor } from './floodLimits.js';
import { getSafetySettings, updateSafetySettings } from './settings.js';

/** SAFE-1: the school's safety settings and blocks in personal chats. */
export async function registerSafetyRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['safety'];
  const schoolParams = z.object({ schoolId: id });
  const chatParams = z.object({ chatId: id });
  await floodLimitsFor(deps.config).ready();
  api.addHook('onClose', async () => closeFloodLimits(deps.config));

  api.get('/schools/:schoolId/safety', { schema: { tags, params: schoolParams, response: { 200: safetySettingsResponse } } }, async (req) => ({
    data: await getSafetySettings(deps, req.actor, req.params.schoolId),
  }));

  api.put(
    '/schools/:schoolId/safety',
    { schema: { tags, params: schoolParams, body: updateSafetySettingsRequest, response: { 200: safetySettingsResponse } } },
    async (req) => ({ data: await updateSafetySettings(deps, req.actor, req.params.schoolId, req.body) }),
  );

  api.get('/chats/:chatId/block', { schema: { tags, params: chatParams, response: { 200: blockResponse } } }, async (req) => ({
    data: await getBlock(deps, req.actor, req.params.chatId),
  }));
  api.put('/chats/:chatId/block', { schema: { tags, params: chatParams, response: { 200: blockResponse } } }, async (req) => ({
    data: await setBlock(deps, req.actor, req.params.chatId, true),
  }));
  api.delete('/chats/:chatId/block', { schema: { tags, params: chatParams, response: { 200: blockResponse } } }, async (req) => ({
    data: await setBlock(deps, req.actor, req.params.chatId, false),
  }));
}
