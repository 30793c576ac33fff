import type { Me } from '@parta/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ClassesResponse, ClassPageResponse } from '../../api/types';

export interface TeachingClass {
  id: string;
  name: string;
  profile: string | null;
  schoolName: string;
  subjects: string[];
}

/**
 * The classes a teacher teaches. `me` names the schools but not the classes, so this reads each
 * school's classes and keeps those listing this teacher (contract gap: a `classes` list on the
 * teacher's membership would make it one request).
 */
export function useTeachingClasses(me: Me | undefined | null) {
  const schoolIds = [...new Set((me?.memberships ?? []).filter((m) => m.role === 'teacher').map((m) => m.schoolId))];
  return useQuery({
    queryKey: ['teachingClasses', me?.id, schoolIds],
    enabled: !!me && schoolIds.length > 0,
    queryFn: async (): Promise<TeachingClass[]> => {
      const lists = await Promise.all(schoolIds.map((id) => api<ClassesResponse>('GET', `/schools/${id}/classes`)));
      const classes = lists.flatMap((l) => l.data).filter((c) => c.teacherCount > 0);
      const pages = await Promise.all(classes.map((c) => api<ClassPageResponse>('GET', `/classes/${c.id}`)));
      return pages.flatMap((p) => {
        const mine = p.data.teachers.find((tch) => tch.id === me?.id);
        return mine
          ? [{ id: p.data.id, name: p.data.name, profile: p.data.profile, schoolName: p.data.schoolName, subjects: mine.subjects }]
          : [];
      });
    },
    staleTime: 60_000,
  });
}
