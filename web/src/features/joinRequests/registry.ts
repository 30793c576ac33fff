import { useQuery } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type { RegistryClassesResponse, RegistryPlacesResponse, RegistrySearchResponse } from '../../api/types';

/** ORG-1: the school registry, narrowed country → city → school → its classes. */
export function useCountries() {
  return useQuery({
    queryKey: ['registry', 'countries'],
    queryFn: () => api<RegistryPlacesResponse>('GET', '/registry/countries'),
  });
}

export function useCities(country: string | null) {
  return useQuery({
    queryKey: ['registry', 'cities', country],
    queryFn: () => api<RegistryPlacesResponse>('GET', `/registry/cities${query({ country })}`),
    enabled: !!country,
  });
}

export function useRegistrySchools(country: string | null, city: string | null) {
  return useQuery({
    queryKey: ['registry', 'schools', country, city],
    queryFn: () => api<RegistrySearchResponse>('GET', `/registry/schools${query({ country, city })}`),
    enabled: !!country && !!city,
  });
}

export function useRegistryClasses(schoolId: string | null) {
  return useQuery({
    queryKey: ['registry', 'classes', schoolId],
    queryFn: () => api<RegistryClassesResponse>('GET', `/registry/schools/${schoolId}/classes`),
    enabled: !!schoolId,
  });
}

/** «11А · социально-гуманитарный» — a class as the guide lists it. */
export function classOptionLabel(c: { name: string; profile: string | null }): string {
  return c.profile ? `${c.name} · ${c.profile}` : c.name;
}
