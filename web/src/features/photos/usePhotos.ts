import type { PhotosResponse } from '@parta/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, query } from '../../api/client';

type Kind = 'users' | 'schools';
interface Waiter {
  kind: Kind;
  id: string;
  resolve: (url: string | null) => void;
  reject: (e: unknown) => void;
}

/** Photos asked for in the same tick go out as one GET /api/photos (200 ids at most each). */
let queue: Waiter[] = [];
let scheduled = false;
const BATCH = 200;

async function flush() {
  scheduled = false;
  const waiters = queue;
  queue = [];
  for (let i = 0; i < waiters.length; i += BATCH) {
    const batch = waiters.slice(i, i + BATCH);
    const ids = (kind: Kind) => [...new Set(batch.filter((w) => w.kind === kind).map((w) => w.id))].join(',') || undefined;
    try {
      const res = await api<PhotosResponse>('GET', `/photos${query({ users: ids('users'), schools: ids('schools') })}`);
      for (const w of batch) w.resolve(res.data[w.kind][w.id] ?? null);
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }
}

function load(kind: Kind, id: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    queue.push({ kind, id, resolve, reject });
    if (!scheduled) {
      scheduled = true;
      setTimeout(() => void flush(), 0);
    }
  });
}

export const photoKeys = {
  all: ['photos'] as const,
  one: (kind: Kind, id: string) => ['photos', kind, id] as const,
};

/** The URL of a person's photo (kind 'users') or a school's logo ('schools'), or null: none, or not mine to see. */
export function usePhotoUrl(kind: Kind, id: string | null | undefined): string | null {
  const q = useQuery({
    queryKey: photoKeys.one(kind, id ?? ''),
    queryFn: () => load(kind, id ?? ''),
    enabled: !!id,
    staleTime: 300_000,
  });
  return q.data ?? null;
}
