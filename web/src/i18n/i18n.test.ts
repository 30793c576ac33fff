import { errorMessages } from '@parta/contracts';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import legalEn from './legal.en.json';
import legalRu from './legal.ru.json';
import firstScreens from './ru.json';
import auth from './ru/auth.json';
import join from './ru/join.json';

/** The Russian texts that come with their screens: ru/<section>.json holds the section `section`. */
const screenSections = Object.fromEntries(
  Object.entries(import.meta.glob<{ default: object }>('./ru/*.json', { eager: true })).map(([path, m]) => [
    path.replace(/^.*\/(\w+)\.json$/, '$1'),
    m.default,
  ]),
);
/** Two text trees as one (a section may be split: the lesson's banner in ru.json, its call screen in ru/lessons.json). */
function merged(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const here = out[k];
    out[k] = typeof here === 'object' && here !== null && typeof v === 'object' && v !== null ? merged(here as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}
/** All of the Russian texts: the first screens' and the others, as the English file has them together. */
const ru = merged(firstScreens, screenSections) as typeof firstScreens & { auth: typeof auth; join: typeof join };

/** Every leaf key of a nested object, with plural suffixes folded so ru (one/few/many) and en (one/other) compare. */
function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return [prefix.replace(/_(one|few|many|other)$/, '')];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('English has every Russian key and no others', () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(ru))].sort());
  });

  it('a text is either with the first screens or with its own screens, never in both', () => {
    const later = keys(screenSections);
    expect(later.length).toBeGreaterThan(0);
    expect(keys(firstScreens).filter((k) => later.includes(k))).toEqual([]);
  });

  it('the legal pages have the same sections in both languages', () => {
    expect(legalEn.terms.sections.length).toBe(legalRu.terms.sections.length);
    expect(legalEn.privacy.sections.length).toBe(legalRu.privacy.sections.length);
  });

  // Names that stay Latin in Russian text: the brand, SMS, the language's own name, a key, a hash name and
  // file formats as people know them, and the schemes a link may start with.
  const allowed = /\b(Parta|SMS|English|Enter|argon2id|cookie|PDF|MP4|WebM|JPEG|PNG|WebP|GIF)\b|\b(https?|mailto):(\/\/)?/g;
  const latinWord = /[A-Za-z]{3,}/;

  it('every error code has a Russian text without English words', () => {
    for (const m of Object.values(errorMessages)) expect(m.ru.replace(allowed, '')).not.toMatch(latinWord);
  });

  it('no Russian UI text carries English words', () => {
    const leaves = (o: unknown): string[] =>
      typeof o === 'string' ? [o] : typeof o === 'object' && o !== null ? Object.values(o).flatMap(leaves) : [];
    const placeholder = /\{\{\w+\}\}/g;
    for (const s of [...leaves(ru), ...leaves(legalRu)]) {
      expect(s.replace(placeholder, '').replace(allowed, '')).not.toMatch(latinWord);
    }
  });

  it('the guide labels are the Russian texts', () => {
    expect(ru.landing.title).toBe('Образовательная платформа');
    expect(ru.auth.submitPhone).toBe('Войти или создать аккаунт');
    expect(ru.auth.phonePlaceholder).toBe('+7 999 999-99-99');
    expect(ru.auth.confirmTitle).toBe('Подтвердите номер');
    expect(ru.auth.newPasswordTitle).toBe('Придумайте пароль');
    expect(ru.join.note).toBe('Ваша заявка на вступление в учебное заведение будет рассмотрена администрацией школы');
  });
});
