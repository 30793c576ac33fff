import { describe, expect, it } from 'vitest';
import { splitLinks } from './linkify';

describe('splitLinks', () => {
  it('makes http and https addresses links and keeps the rest as text', () => {
    expect(splitLinks('см. https://example.org/a?b=1, и http://x.ru.')).toEqual([
      { kind: 'text', text: 'см. ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: ', и ' },
      { kind: 'link', text: 'http://x.ru', href: 'http://x.ru/' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('never makes javascript: or data: a link', () => {
    for (const text of ['javascript:alert(1)', '<a href="javascript:alert(1)">x</a>', 'data:text/html,<script>alert(1)</script>']) {
      expect(splitLinks(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('stops a link at quotes and angle brackets', () => {
    const parts = splitLinks('"><svg onload=alert(1)>https://a.ru/"onmouseover=alert(1)');
    expect(parts.filter((p) => p.kind === 'link').map((p) => p.text)).toEqual(['https://a.ru/']);
  });
});
