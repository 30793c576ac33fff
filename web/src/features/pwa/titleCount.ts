// The unread count in the tab's title: «(3) Сообщения — Parta». Pages set their own titles (useDocumentTitle); the
// count is put in front of whatever title the page has, and again whenever a page changes it.

const COUNT_PREFIX = /^\(\d+\+?\) /;
let count = 0;
let observer: MutationObserver | null = null;

/** «99+» beyond 99, as the left menu's badge says. */
export function countLabel(n: number): string {
  return n > 99 ? '99+' : String(n);
}

export function titleWithCount(title: string, n: number): string {
  const base = title.replace(COUNT_PREFIX, '');
  return n > 0 ? `(${countLabel(n)}) ${base}` : base;
}

function apply() {
  const next = titleWithCount(document.title, count);
  // Only a change is written: the observer sees our own write too, and must not loop.
  if (document.title !== next) document.title = next;
}

export function setTitleCount(n: number): void {
  count = Math.max(0, n);
  apply();
  const title = document.querySelector('title');
  if (!observer && title) {
    observer = new MutationObserver(apply);
    observer.observe(title, { childList: true, characterData: true, subtree: true });
  }
}
