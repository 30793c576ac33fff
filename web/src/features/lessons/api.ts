import type { attendanceResponse, lessonDetailsResponse, lessonSummaryResponse, liveLessonsResponse, StartLessonRequest } from '@parta/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';

export type LessonDetailsResponse = z.infer<typeof lessonDetailsResponse>;
export type LessonSummaryResponse = z.infer<typeof lessonSummaryResponse>;
export type LiveLessonsResponse = z.infer<typeof liveLessonsResponse>;
export type AttendanceData = z.infer<typeof attendanceResponse>['data'];

export const lessonKeys = {
  live: ['lessons', 'live'] as const,
  details: (id: string) => ['lessons', id] as const,
  attendance: (id: string) => ['lessons', id, 'attendance'] as const,
};

/**
 * Lessons going on that I may join (DASH-1, VID-5); refetched when a `lessons.changed` event arrives (a lesson
 * started or ended). How many are in each changes with every join, which is not sent to the whole audience: while a
 * lesson is listed, the list is read again every 15 s so «в уроке N участников» stays near the truth.
 */
export function useLiveLessons() {
  return useQuery({
    queryKey: lessonKeys.live,
    queryFn: () => api<LiveLessonsResponse>('GET', '/lessons/live'),
    staleTime: 10_000,
    refetchInterval: (query) => ((query.state.data?.data.length ?? 0) > 0 ? 15_000 : false),
  });
}

export function startLesson(body: StartLessonRequest) {
  return api<LessonSummaryResponse>('POST', '/lessons', body);
}
