import {
  editMessageRequest, id, messageHistoryQuery, messageHistoryResponse, messageResponse, okResponse, sendMessageRequest,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { deleteMessage } from './deleteMessage.js';
import { editMessage } from './editMessage.js';
import { listMessages } from './listMessages.js';
import { sendMessage } from './sendMessage.js';

/** CHT-2: history, send, edit, delete for everyone. */
export async function registerMessagesRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['messages'];
  const chatParams = z.object({ chatId: id });
  const messageParams = z.object({ messageId: id });

  api.get(
    '/chats/:chatId/messages',
    { schema: { tags, params: chatParams, querystring: messageHistoryQuery, response: { 200: messageHistoryResponse } } },
    async (req) => listMessages(deps.db, req.actor, req.params.chatId, req.query),
  );

  api.post(
    '/chats/:chatId/messages',
    { schema: { tags, params: chatParams, body: sendMessageRequest, response: { 201: messageResponse } } },
    async (req, reply) => reply.status(201).send({ data: await sendMessage(deps, req.actor, { chatId: req.params.chatId, ...req.body }) }),
  );

  api.patch(
    '/messages/:messageId',
    { schema: { tags, params: messageParams, body: editMessageRequest, response: { 200: messageResponse } } },
    async (req) => ({ data: await editMessage(deps, req.actor, req.params.messageId, req.body.text) }),
  );

  api.delete('/messages/:messageId', { schema: { tags, params: messageParams, response: { 200: okResponse } } }, async (req) => {
    await deleteMessage(deps, req.actor, req.params.messageId);
    return { ok: true as const };
  });
}
