import { describe, expect, it } from 'vitest';
import { dueGroup } from './grouping';

describe('dueGroup', () => {
  const now = new Date(2026, 8, 1, 10, 0);
  const at = (d: Date) => d.toISOString();
  it('sorts what is to do by its due time, and what is handed in into «Сдано»', () => {
    expect(dueGroup({ status: 'todo', dueAt: at(new Date(2026, 8, 1, 9, 0)) }, now)).toBe('overdue');
    expect(dueGroup({ status: 'todo', dueAt: at(new Date(2026, 8, 1, 23, 59)) }, now)).toBe('today');
    expect(dueGroup({ status: 'todo', dueAt: at(new Date(2026, 8, 3, 8, 0)) }, now)).toBe('week');
    expect(dueGroup({ status: 'todo', dueAt: at(new Date(2026, 8, 20, 8, 0)) }, now)).toBe('later');
    expect(dueGroup({ status: 'submitted', dueAt: at(new Date(2026, 8, 1, 9, 0)) }, now)).toBe('done');
    expect(dueGroup({ status: 'marked', dueAt: at(new Date(2026, 8, 20, 8, 0)) }, now)).toBe('done');
  });
});
