import type { myChildrenResponse, PersonSummary } from '@parta/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { z } from 'zod';
import { api } from '../../api/client';
import { useMe } from '../auth/useMe';
import { useUserEvents } from '../chats/RealtimeProvider';

/*
 * PAR-1: a parent with two children (in one school or two) switches between them in the header; the choice is kept
 * in this browser (localStorage) and every parent's screen — «Главная», «Задания» — shows the chosen child.
 */

const KEY = 'parta.child';
const EVENT = 'parta:child';

function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(EVENT, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(EVENT, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** Choose the child every parent's screen shows (in every open tab of this browser). */
export function chooseChild(id: string): void {
  try {
    localStorage.setItem(KEY, id);
  } catch {
    // Private mode without storage: the choice lasts until the page reloads.
  }
  window.dispatchEvent(new Event(EVENT));
}

/** The chosen one of these children: the stored choice while it is still one of them, else the first. */
export function useChosenChild(ids: string[]): string | null {
  const stored = useSyncExternalStore(subscribe, read, () => null);
  return stored && ids.includes(stored) ? stored : (ids[0] ?? null);
}

export interface MyChild {
  child: PersonSummary;
  className: string;
}

export const myChildrenKey = ['me', 'children'] as const;

/** My linked children (one entry per child, by first name) — asked only by a person who is a parent somewhere. */
export function useMyChildren(): MyChild[] {
  const me = useMe().data;
  const isParent = !!me?.memberships.some((m) => m.role === 'parent');
  const client = useQueryClient();
  useUserEvents((event) => {
    if (event.type === 'memberships.changed' || event.type === 'member.joined') void client.invalidateQueries({ queryKey: myChildrenKey });
  });
  const q = useQuery({
    queryKey: myChildrenKey,
    queryFn: () => api<z.infer<typeof myChildrenResponse>>('GET', '/me/children'),
    enabled: isParent,
  });
  if (!isParent || !q.data) return [];
  const seen = new Map<string, MyChild>();
  for (const l of q.data.data) if (!seen.has(l.child.id)) seen.set(l.child.id, { child: l.child, className: l.className });
  return [...seen.values()].sort((a, b) => a.child.firstName.localeCompare(b.child.firstName, 'ru'));
}
