import { newsLimits } from '@parta/contracts';
import { AppError } from '../../lib/errors.js';

/** A refusal of one field with a stable message the UI translates (`empty`, `too_long`, …). */
export const invalid = (path: string, message: string) => new AppError('invalid_input', { fields: [{ path, message }] });

/**
 * A post's text as stored, the same whether it is written or edited: trimmed, at most 4000
 * characters, and empty only when files or a poll carry the post.
 */
export function postText(raw: string, carried: { files: number; poll: boolean }): string {
  const text = raw.trim();
  if (text.length > newsLimits.textMax) throw invalid('text', 'too_long');
  if (text.length === 0 && carried.files === 0 && !carried.poll) throw invalid('text', 'empty');
  if (carried.files > newsLimits.filesMax) throw invalid('fileIds', 'too_many');
  return text;
}

/** A comment's text as stored, written or edited: trimmed, 1–2000 characters. */
export function commentText(raw: string): string {
  const text = raw.trim();
  if (text.length === 0) throw invalid('text', 'empty');
  if (text.length > newsLimits.commentMax) throw invalid('text', 'too_long');
  return text;
}
