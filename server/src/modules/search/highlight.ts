import type { HighlightedText } from '@parta/contracts';
import { type SQL, sql } from 'drizzle-orm';

/*
 * ts_headline marks the matched words in the original text. Its parser would treat «<b>» in a
 * message as an HTML tag and drop it, and its default marks are HTML, so neither reaches the client:
 * before the headline, '<' and '>' become two private-use characters and the private-use characters
 * we use are removed from the text; the marks are two more. The client gets plain pieces of text
 * flagged as hits, never markup (see toHighlighted).
 */
const START = '\uE000';
const STOP = '\uE001';
const LT = '\uE002';
const GT = '\uE003';
/** translate(): '<' → LT, '>' → GT, and the four private-use characters themselves are removed. */
const FROM = `<>${START}${STOP}${LT}${GT}`;
const TO = `${LT}${GT}`;

const marks = `StartSel="${START}", StopSel="${STOP}"`;
/** A snippet: up to two fragments around the matches. */
const snippetOptions = `${marks}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
/** A title: the whole of it, matches marked. */
const wholeOptions = `${marks}, HighlightAll=true`;

/** A text this short is shown whole; a longer one as fragments around the matches. */
const SHORT = 240;

/** The SQL of a highlighted `text` for the tsquery `query`: the whole text when it is short (or `whole`), else a snippet. */
export function headline(text: SQL, query: SQL, whole = false): SQL {
  const marked = (options: string) => sql`ts_headline('russian', translate(${text}, ${FROM}, ${TO}), ${query}, ${options})`;
  if (whole) return marked(wholeOptions);
  return sql`case when length(${text}) <= ${SHORT} then ${marked(wholeOptions)} else ${marked(snippetOptions)} end`;
}

/** ts_headline's output (with our marks) → pieces of plain text, hits flagged. */
export function toHighlighted(raw: string): HighlightedText {
  const pieces: HighlightedText = [];
  let hit = false;
  let current = '';
  const flush = () => {
    if (!current) return;
    const last = pieces[pieces.length - 1];
    if (last && last.hit === hit) last.text += current;
    else pieces.push({ text: current, hit });
    current = '';
  };
  for (const ch of raw.trim()) {
    if (ch === START || ch === STOP) {
      flush();
      hit = ch === START;
    } else {
      current += ch === LT ? '<' : ch === GT ? '>' : ch;
    }
  }
  flush();
  return pieces;
}
