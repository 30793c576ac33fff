import type { NewsComment, NewsCommentsResponse } from '@parta/contracts';
import type { InfiniteData } from '@tanstack/react-query';

/**
 * A post's comments as the screen holds them: pages[0] is the newest page, each next page older
 * (fetched with `before` = the oldest shown), every page oldest first. What arrives later is added
 * to the end of pages[0] from `after` = the newest shown, so the list stays one unbroken stretch.
 */
export type CommentPages = InfiniteData<NewsCommentsResponse, string | null>;

/** Oldest first, as they are shown. */
export function commentsInOrder(d: CommentPages | undefined): NewsComment[] {
  return d ? [...d.pages].reverse().flatMap((p) => p.data) : [];
}

/** The newest comment shown: where the comments that arrived meanwhile start. */
export function newestShown(d: CommentPages): string | null {
  return d.pages[0]?.data.at(-1)?.id ?? null;
}

/** Adds newer comments after the newest shown; one already shown (heard twice) is not added again. */
export function appendNewer(d: CommentPages, newer: NewsComment[]): CommentPages {
  const shown = new Set(d.pages.flatMap((p) => p.data.map((c) => c.id)));
  const fresh = newer.filter((c) => !shown.has(c.id));
  const [first, ...rest] = d.pages;
  if (!first || fresh.length === 0) return d;
  return { ...d, pages: [{ ...first, data: [...first.data, ...fresh] }, ...rest] };
}

/** Puts a changed comment (edited, deleted) in its place; one not shown changes nothing. */
export function replaceComment(d: CommentPages, comment: NewsComment): CommentPages {
  if (!d.pages.some((p) => p.data.some((c) => c.id === comment.id))) return d;
  return { ...d, pages: d.pages.map((p) => ({ ...p, data: p.data.map((c) => (c.id === comment.id ? comment : c)) })) };
}
