import type { NewsComment } from '@parta/contracts';
import { describe, expect, it } from 'vitest';
import { appendNewer, type CommentPages, commentsInOrder, newestShown, replaceComment } from './commentThread';

const c = (id: string, text = id): NewsComment => ({
  id, postId: 'p', author: null, text, createdAt: '2026-12-01T10:00:00.000Z', editedAt: null, deleted: false, can: { delete: false, edit: false },
});
const pages = (...ps: string[][]): CommentPages => ({
  pages: ps.map((ids, i) => ({ data: ids.map((x) => c(x)), hasMore: i < ps.length - 1, can: { comment: true } })),
  pageParams: ps.map((_, i) => (i === 0 ? null : `cursor${i}`)),
});

describe('a post’s comment pages', () => {
  it('shows older pages above newer ones, each oldest first', () => {
    expect(commentsInOrder(pages(['c', 'd'], ['a', 'b'])).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(newestShown(pages(['c', 'd'], ['a', 'b']))).toBe('d');
  });

  it('adds what arrived after the newest shown, never twice', () => {
    const d = appendNewer(pages(['c', 'd'], ['a', 'b']), [c('d'), c('e'), c('f')]);
    expect(commentsInOrder(d).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(appendNewer(d, [c('e')])).toBe(d);
  });

  it('replaces an edited comment in its place and ignores one not shown', () => {
    const d = replaceComment(pages(['c', 'd'], ['a', 'b']), { ...c('b', 'исправлено'), editedAt: '2026-12-01T11:00:00.000Z' });
    expect(commentsInOrder(d).map((x) => x.text)).toEqual(['a', 'исправлено', 'c', 'd']);
    const same = pages(['a']);
    expect(replaceComment(same, c('z'))).toBe(same);
  });
});
