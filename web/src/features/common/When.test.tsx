import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { When } from './When';

let listRenders = 0;
/** A list of two times; counts its own renders to show the minute's tick skips it. */
function List() {
  listRenders++;
  return (
    <ul>
      <li>
        <When iso="2025-11-12T14:05:00+03:00" data-testid="a" />
      </li>
      <li>
        <When iso="2025-11-12T14:02:00+03:00" data-testid="b" />
      </li>
    </ul>
  );
}

describe('When: a time on screen that keeps itself current', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2025-11-12T14:05:10+03:00'));
  });
  afterEach(() => vi.useRealTimers());

  it('turns «только что» into «1 минуту назад», «2 минуты назад» as minutes pass, without the list around it re-rendering', () => {
    renderWithApp(<List />);
    const rendersAfterMount = listRenders;
    expect(screen.getByTestId('a')).toHaveProperty('textContent', 'только что');
    expect(screen.getByTestId('b')).toHaveProperty('textContent', '3 минуты назад');
    expect(screen.getByTestId('a').getAttribute('datetime')).toBe('2025-11-12T14:05:00+03:00');
    expect(screen.getByTestId('a').getAttribute('title')).toMatch(/^12 ноября 2025, \d\d:\d\d$/);

    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.getByTestId('a')).toHaveProperty('textContent', '1 минуту назад');
    expect(screen.getByTestId('b')).toHaveProperty('textContent', '4 минуты назад');
    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.getByTestId('a')).toHaveProperty('textContent', '2 минуты назад');
    expect(screen.getByTestId('b')).toHaveProperty('textContent', '5 минут назад');
    expect(listRenders).toBe(rendersAfterMount);
  });
});
