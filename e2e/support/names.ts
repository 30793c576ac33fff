/** Capital letters for tags that make a name or a title unique to a run. */
const LETTERS = 'БВГДЖЗКЛМНПРСТФХ';

/**
 * A tag unique enough for one run, in Cyrillic capitals: the people and titles a spec creates show up on other
 * specs' screens (the shard's demo school is shared), and those screens are read for Latin words (support/latin.ts).
 */
export function cyrillicTag(length = 5): string {
  return Array.from({ length }, () => LETTERS[Math.floor(Math.random() * LETTERS.length)]).join('');
}
