import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseChild, useChosenChild } from './chosenChild';

describe('useChosenChild', () => {
  afterEach(() => localStorage.clear());

  it('shows the first child until one is chosen; the choice is kept (localStorage) and reaches every screen at once', () => {
    const ids = ['маша', 'петя'];
    const a = renderHook(() => useChosenChild(ids));
    const b = renderHook(() => useChosenChild(ids));
    expect(a.result.current).toBe('маша');
    act(() => chooseChild('петя'));
    expect(a.result.current).toBe('петя');
    expect(b.result.current).toBe('петя');
    // After a reload: the stored choice.
    expect(renderHook(() => useChosenChild(ids)).result.current).toBe('петя');
  });

  it('forgets a choice that is no longer one of the children (a link removed)', () => {
    chooseChild('петя');
    expect(renderHook(() => useChosenChild(['маша'])).result.current).toBe('маша');
    expect(renderHook(() => useChosenChild([])).result.current).toBeNull();
  });
});
