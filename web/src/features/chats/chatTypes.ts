// Request and response types of the chat endpoints, inferred from the shared contracts.
import type {
  chatDetailsResponse, chatListResponse, classChatsResponse, createChatRequest, createChatResponse, fileLimitsResponse,
  markReadResponse, messageHistoryResponse, messageResponse, myChatPollVotesResponse, pollResponse,
  publicChatsResponse, unreadResponse, uploadFileResponse,
} from '@parta/contracts';
import type { InfiniteData } from '@tanstack/react-query';
import type { z } from 'zod';

export type ChatListResponse = z.infer<typeof chatListResponse>;
export type ClassChatsResponse = z.infer<typeof classChatsResponse>;
export type ChatDetailsResponse = z.infer<typeof chatDetailsResponse>;
export type CreateChatRequest = z.input<typeof createChatRequest>;
export type CreateChatResponse = z.infer<typeof createChatResponse>;
export type UnreadResponse = z.infer<typeof unreadResponse>;
export type MarkReadResponse = z.infer<typeof markReadResponse>;
export type MessageHistoryResponse = z.infer<typeof messageHistoryResponse>;
export type MessageResponse = z.infer<typeof messageResponse>;
export type PublicChatsResponse = z.infer<typeof publicChatsResponse>;
export type FileLimitsResponse = z.infer<typeof fileLimitsResponse>;
export type UploadFileResponse = z.infer<typeof uploadFileResponse>;
export type PollResponse = z.infer<typeof pollResponse>;
export type MyPollVotesResponse = z.infer<typeof myChatPollVotesResponse>;
/** The history cache: pages newest first, each page oldest first (as the server sends them). */
export type History = InfiniteData<MessageHistoryResponse>;

export const chatKeys = {
  all: ['chats'] as const,
  list: (q: string) => ['chats', 'list', q] as const,
  unread: ['chats', 'unread'] as const,
  details: (id: string) => ['chats', 'details', id] as const,
  history: (id: string) => ['messages', id] as const,
  pollVotes: (id: string) => ['pollVotes', id] as const,
  publicChats: (schoolId: string) => ['chats', 'public', schoolId] as const,
  ofClass: (classId: string) => ['chats', 'class', classId] as const,
};
