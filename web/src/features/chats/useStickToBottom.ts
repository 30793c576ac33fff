import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Closer than this to the end counts as «at the newest message». */
const NEAR_BOTTOM_PX = 80;

/**
 * A chat's scrolling, as in a messenger: it opens at the newest message and stays there while anything
 * below grows after it is shown (a picture that loads, a poll's card, a font), follows new messages while
 * the person is at the bottom, keeps their place when an older page is put above, and remembers the
 * newest seq they had seen when they scrolled up, so «Новые сообщения ↓» can count what came since.
 */
export function useStickToBottom({ itemCount, typingCount, lastSeq }: { itemCount: number; typingCount: number; lastSeq: number }) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const heightBeforeOlder = useRef<number | null>(null);
  const seenSeq = useRef(lastSeq);
  /** Null while at the bottom; else the newest seq on screen when the person scrolled away. */
  const [awayFrom, setAwayFrom] = useState<number | null>(null);
  if (pinned.current) seenSeq.current = lastSeq;

  const toBottom = useCallback(() => {
    pinned.current = true;
    setAwayFrom(null);
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to the number of items shown
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (heightBeforeOlder.current !== null) {
      el.scrollTop += el.scrollHeight - heightBeforeOlder.current;
      heightBeforeOlder.current = null;
    } else if (pinned.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [itemCount, typingCount]);

  // Whatever changes height after it is shown keeps a pinned view at the bottom.
  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (pinned.current && heightBeforeOlder.current === null) el.scrollTop = el.scrollHeight;
    });
    observer.observe(inner);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  /** Call before an older page is fetched: its height is added above without moving the reader. */
  const keepPlaceForOlder = useCallback(() => {
    heightBeforeOlder.current = scroller.current?.scrollHeight ?? null;
  }, []);

  /** The scroll handler: whether the person is at the newest message now. */
  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    pinned.current = atBottom;
    setAwayFrom((was) => (atBottom ? null : (was ?? seenSeq.current)));
  }, []);

  return { scroller, content, onScroll, toBottom, keepPlaceForOlder, awayFrom };
}
