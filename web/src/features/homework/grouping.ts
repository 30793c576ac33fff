import type { AssignmentSummary } from '@parta/contracts';

export type DueGroup = 'overdue' | 'today' | 'week' | 'later' | 'done';
export const dueGroups: DueGroup[] = ['overdue', 'today', 'week', 'later', 'done'];

/**
 * Where a student's assignment shows on «Задания»: handed in or marked — «Сдано»; else by its due time against now:
 * past — «Просрочено», before the end of today — «Сегодня», within the next seven days — «На этой неделе», «Позже».
 * Days are the browser's own (a pupil's «today» is their local day).
 */
export function dueGroup(a: Pick<AssignmentSummary, 'status' | 'dueAt'>, now: Date): DueGroup {
  if (a.status !== 'todo') return 'done';
  const due = new Date(a.dueAt).getTime();
  if (due < now.getTime()) return 'overdue';
  const endOfToday = new Date(now);
  endOfToday.setHours(24, 0, 0, 0);
  if (due < endOfToday.getTime()) return 'today';
  if (due < endOfToday.getTime() + 6 * 86_400_000) return 'week';
  return 'later';
}

/** The assignments of each group, in the order given (the server sends them soonest due first). */
export function groupByDue(list: AssignmentSummary[], now: Date): Record<DueGroup, AssignmentSummary[]> {
  const out: Record<DueGroup, AssignmentSummary[]> = { overdue: [], today: [], week: [], later: [], done: [] };
  for (const a of list) out[dueGroup(a, now)].push(a);
  // Done: the most recent first, as one looks back at one's marks.
  out.done.reverse();
  return out;
}
