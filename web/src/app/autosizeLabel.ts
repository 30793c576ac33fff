import { useEffect } from 'react';

const MEASURE_LABEL = 'autosize measurement';

/**
 * Mantine's autosize Textarea (the news composer, chat input) measures text in one hidden textarea it
 * appends to <body> with the English aria-label «autosize measurement». The node is aria-hidden and
 * invisible, so it needs no name at all; the English one only leaks into tools that read labels.
 * Mantine creates the node once and never touches the attribute again, so removing it once sticks.
 */
export function useAutosizeMeasureUnlabelled(): void {
  useEffect(() => {
    const strip = () => {
      for (const el of document.body.querySelectorAll(`:scope > textarea[aria-label="${MEASURE_LABEL}"]`)) {
        el.removeAttribute('aria-label');
      }
    };
    strip();
    const observer = new MutationObserver(strip);
    observer.observe(document.body, { childList: true });
    return () => observer.disconnect();
  }, []);
}
