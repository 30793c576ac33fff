// The support endpoints (SUP-1, SUP-2), typed from the shared contracts.
import type {
  AskQuestionRequest, deskResponse, feedbackListResponse, myQuestionsResponse, QuestionState, questionResponse,
  SupportMessageRequest, supportBadgeResponse,
} from '@parta/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, query } from '../../api/client';
import { useUserEvents } from '../chats/RealtimeProvider';

export type QuestionResponse = z.infer<typeof questionResponse>;
export type MyQuestions = z.infer<typeof myQuestionsResponse>;
export type DeskResponse = z.infer<typeof deskResponse>;
export type SupportBadge = z.infer<typeof supportBadgeResponse>;
export type FeedbackList = z.infer<typeof feedbackListResponse>;

export const supportKeys = {
  all: ['support'] as const,
  mine: ['support', 'mine'] as const,
  question: (id: string) => ['support', 'question', id] as const,
  desk: (state: string, schoolId: string) => ['support', 'desk', state, schoolId] as const,
  badge: ['support', 'badge'] as const,
  feedback: ['support', 'feedback'] as const,
};

/** A question of mine (or, for an operator, any) changed, or feedback came: what is shown refetches. */
export function useSupportLive() {
  const client = useQueryClient();
  useUserEvents((event) => {
    if (event.type === 'support.changed' || event.type === 'support.feedback') void client.invalidateQueries({ queryKey: supportKeys.all });
  });
}

export function useMyQuestions() {
  useSupportLive();
  return useQuery({ queryKey: supportKeys.mine, queryFn: () => api<MyQuestions>('GET', '/support/questions') });
}

export function useQuestion(id: string) {
  useSupportLive();
  return useQuery({ queryKey: supportKeys.question(id), queryFn: () => api<QuestionResponse>('GET', `/support/questions/${id}`) });
}

export function useDesk(state: QuestionState | '', schoolId: string) {
  useSupportLive();
  return useQuery({
    queryKey: supportKeys.desk(state, schoolId),
    queryFn: () => api<DeskResponse>('GET', `/operator/support/questions${query({ state: state || null, schoolId: schoolId || null })}`),
    placeholderData: (prev) => prev,
  });
}

export function useFeedbackList() {
  useSupportLive();
  return useQuery({ queryKey: supportKeys.feedback, queryFn: () => api<FeedbackList>('GET', '/operator/support/feedback') });
}

export const askQuestion = (body: AskQuestionRequest) => api<QuestionResponse>('POST', '/support/questions', body);
export const writeToQuestion = (id: string, body: SupportMessageRequest) => api<QuestionResponse>('POST', `/support/questions/${id}/messages`, body);
export const closeQuestion = (id: string) => api<QuestionResponse>('POST', `/support/questions/${id}/close`);
export const sendFeedback = (text: string) => api<unknown>('POST', '/support/feedback', { text });
