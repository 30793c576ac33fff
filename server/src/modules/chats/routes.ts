import {
  addChatMembersRequest, chatDetailsResponse, classChatsResponse, chatListQuery, chatListResponse, createChatRequest, createChatResponse, id,
  markReadRequest, markReadResponse, okResponse, publicChatsResponse, setChatMemberRoleRequest, unreadResponse, updateChatRequest,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { addChatMembers } from './addChatMembers.js';
import { createChat } from './createChat.js';
import { getChat } from './getChat.js';
import { joinChat } from './joinChat.js';
import { listClassChats } from './listClassChats.js';
import { countUnread, listChats } from './listChats.js';
import { listPublicChats } from './listPublicChats.js';
import { markChatRead } from './markChatRead.js';
import { leaveChat, removeChatMember } from './removeChatMember.js';
import { setChatMemberRole } from './setChatMemberRole.js';
import { updateChat } from './updateChat.js';

/** CHT-1, CHT-2, CHT-5, CLS-4, DASH-3: chats, their members, the list under «Сообщения», read marks. */
export async function registerChatsRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['chats'];
  const chatParams = z.object({ chatId: id });

  api.get('/chats', { schema: { tags, querystring: chatListQuery, response: { 200: chatListResponse } } }, async (req) =>
    listChats(deps.db, req.actor, req.query),
  );

  api.get(
    '/classes/:classId/chats',
    { schema: { tags, params: z.object({ classId: id }), response: { 200: classChatsResponse } } },
    async (req) => listClassChats(deps.db, req.actor, req.params.classId),
  );

  api.get('/chats/unread', { schema: { tags, response: { 200: unreadResponse } } }, async (req) => countUnread(deps.db, req.actor));

  api.post(
    '/chats',
    { schema: { tags, body: createChatRequest, response: { 200: createChatResponse, 201: createChatResponse } } },
    async (req, reply) => {
      const result = await createChat(deps, req.actor, req.body);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  api.get('/chats/:chatId', { schema: { tags, params: chatParams, response: { 200: chatDetailsResponse } } }, async (req) =>
    getChat(deps.db, req.actor, req.params.chatId),
  );

  api.patch(
    '/chats/:chatId',
    { schema: { tags, params: chatParams, body: updateChatRequest, response: { 200: chatDetailsResponse } } },
    async (req) => updateChat(deps, req.actor, req.params.chatId, req.body),
  );

  api.put(
    '/chats/:chatId/members/:userId',
    {
      schema: {
        tags, params: chatParams.extend({ userId: id }), body: setChatMemberRoleRequest, response: { 200: chatDetailsResponse },
      },
    },
    async (req) => setChatMemberRole(deps, req.actor, req.params.chatId, req.params.userId, req.body.role),
  );

  api.post(
    '/chats/:chatId/members',
    { schema: { tags, params: chatParams, body: addChatMembersRequest, response: { 200: chatDetailsResponse } } },
    async (req) => addChatMembers(deps, req.actor, req.params.chatId, req.body.userIds),
  );

  api.delete(
    '/chats/:chatId/members/:userId',
    { schema: { tags, params: chatParams.extend({ userId: id }), response: { 200: okResponse } } },
    async (req) => {
      await removeChatMember(deps, req.actor, req.params.chatId, req.params.userId);
      return { ok: true as const };
    },
  );

  api.post('/chats/:chatId/join', { schema: { tags, params: chatParams, response: { 200: chatDetailsResponse } } }, async (req) =>
    joinChat(deps, req.actor, req.params.chatId),
  );

  api.post('/chats/:chatId/leave', { schema: { tags, params: chatParams, response: { 200: okResponse } } }, async (req) => {
    await leaveChat(deps, req.actor, req.params.chatId);
    return { ok: true as const };
  });

  api.post(
    '/chats/:chatId/read',
    { schema: { tags, params: chatParams, body: markReadRequest, response: { 200: markReadResponse } } },
    async (req) => ({ data: await markChatRead(deps, req.actor, req.params.chatId, req.body.seq) }),
  );

  api.get(
    '/schools/:schoolId/public-chats',
    { schema: { tags, params: z.object({ schoolId: id }), response: { 200: publicChatsResponse } } },
    async (req) => listPublicChats(deps.db, req.actor, req.params.schoolId),
  );
}
