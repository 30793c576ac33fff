import type { StartLessonRequest } from '@parta/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { lessonKeys, startLesson } from './api';

/** Starts (or finds the going) lesson and opens its pre-join screen. */
export function useStartLesson() {
  const navigate = useNavigate();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StartLessonRequest) => startLesson(body),
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: lessonKeys.live });
      void navigate(`/lessons/${r.data.id}`);
    },
  });
}
