import { useQueryClient } from '@tanstack/react-query';
import { useUserEvents } from '../chats/RealtimeProvider';
import { lessonKeys } from './api';

/** Keeps «Главная» and chats' «идёт урок» current: a lesson started or ended somewhere I belong. */
export function useLiveLessonsRefresh() {
  const client = useQueryClient();
  useUserEvents((event) => {
    if (event.type === 'lessons.changed' || event.type === 'lesson.calling') void client.invalidateQueries({ queryKey: lessonKeys.live });
  });
}
