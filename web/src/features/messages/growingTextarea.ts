import { type RefObject, useLayoutEffect } from 'react';

/** Whether the browser sizes a textarea to its text by itself (CSS `field-sizing: content`, chats/chat.css). */
const sizesItself = typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

/**
 * The message input's height follows its text (up to the CSS max-height) in a browser without `field-sizing`: measured
 * only when the text changes, never when the chat opens with an empty input.
 */
export function useGrowingTextarea(ref: RefObject<HTMLTextAreaElement | null>, value: string): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (sizesItself || !el) return;
    el.style.height = 'auto';
    if (value) el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
  }, [ref, value]);
}
