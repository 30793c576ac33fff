// The homework endpoints (HW-1), typed from the shared contracts.
import type {
  assignmentResponse, CreateAssignmentRequest, homeworkBadgeResponse, homeworkListResponse, journalResponse, markResponse,
  PutMarkRequest, reviewResponse, SubmitRequest,
} from '@parta/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, query } from '../../api/client';
import { useUserEvents } from '../chats/RealtimeProvider';

export type HomeworkList = z.infer<typeof homeworkListResponse>;
export type AssignmentResponse = z.infer<typeof assignmentResponse>;
export type ReviewResponse = z.infer<typeof reviewResponse>;
export type JournalResponse = z.infer<typeof journalResponse>;
export type MarkResponse = z.infer<typeof markResponse>;
export type BadgeResponse = z.infer<typeof homeworkBadgeResponse>;

export const homeworkKeys = {
  all: ['homework'] as const,
  list: ['homework', 'list'] as const,
  badge: ['homework', 'badge'] as const,
  assignment: (id: string) => ['homework', 'assignment', id] as const,
  review: (id: string) => ['homework', 'review', id] as const,
  journal: (classId: string, subject: string | null) => ['homework', 'journal', classId, subject ?? ''] as const,
};

/** Something about homework changed for me (a new assignment, a mark, a hand-in): everything shown refetches. */
export function useHomeworkLive() {
  const client = useQueryClient();
  useUserEvents((event) => {
    if (event.type === 'homework.changed' || event.type === 'homework.seen') void client.invalidateQueries({ queryKey: homeworkKeys.all });
  });
}

export function useHomeworkList() {
  useHomeworkLive();
  return useQuery({ queryKey: homeworkKeys.list, queryFn: () => api<HomeworkList>('GET', '/homework') });
}

export function useAssignment(id: string) {
  useHomeworkLive();
  return useQuery({ queryKey: homeworkKeys.assignment(id), queryFn: () => api<AssignmentResponse>('GET', `/assignments/${id}`) });
}

export function useReview(id: string, enabled: boolean) {
  return useQuery({ queryKey: homeworkKeys.review(id), queryFn: () => api<ReviewResponse>('GET', `/assignments/${id}/review`), enabled });
}

export function useJournal(classId: string, subject: string | null) {
  useHomeworkLive();
  return useQuery({
    queryKey: homeworkKeys.journal(classId, subject),
    queryFn: () => api<JournalResponse>('GET', `/classes/${classId}/journal${query({ subject })}`),
    placeholderData: (prev) => prev,
  });
}

export const createAssignment = (classId: string, body: CreateAssignmentRequest) =>
  api<AssignmentResponse>('POST', `/classes/${classId}/assignments`, body);
export const submitWork = (id: string, body: SubmitRequest) => api<AssignmentResponse>('PUT', `/assignments/${id}/submission`, body);
export const withdrawWork = (id: string) => api<AssignmentResponse>('DELETE', `/assignments/${id}/submission`);
export const putMark = (id: string, studentId: string, body: PutMarkRequest) =>
  api<MarkResponse>('PUT', `/assignments/${id}/marks/${studentId}`, body);
export const markSeen = () => api<{ ok: true }>('POST', '/homework/seen');

export const journalCsvUrl = (classId: string, subject: string | null) =>
  `/api/classes/${classId}/journal.csv${query({ subject, tz: Intl.DateTimeFormat().resolvedOptions().timeZone })}`;
