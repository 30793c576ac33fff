import { describe, expect, it } from 'vitest';
import { faqSections, searchFaq } from './faq';

describe('searching help', () => {
  it('finds answers by every word, ignoring case and «ё»', () => {
    const found = searchFaq(faqSections, 'Пароль ЗАБЫЛ');
    expect(found.map((s) => s.key)).toEqual(['signin']);
    expect(found[0]?.items.map((i) => i.q)).toEqual(['Я забыл пароль']);
    expect(searchFaq(faqSections, 'родители отказываются')[0]?.items[0]?.q).toContain('отказываются регистрировать');
  });

  it('a section title matches the whole section; nothing matching gives nothing; an empty query gives all', () => {
    expect(searchFaq(faqSections, 'видеоуроки')[0]?.items.length).toBe(faqSections.find((s) => s.key === 'lessons')?.items.length);
    expect(searchFaq(faqSections, 'жираф')).toEqual([]);
    expect(searchFaq(faqSections, '  ')).toBe(faqSections);
  });
});
