import { describe, expect, it } from 'vitest';
import { allowedLink } from './RichTextEditor';
import { sanitizeForDisplay } from './SafeHtml';

const ID = '0b0e1f4c-1111-4222-8333-123456789abc';

describe('the article text is cleaned again before it is shown (DOMPurify)', () => {
  it('drops script, handlers, frames, foreign pictures and script links even if the server let them through', () => {
    const out = sanitizeForDisplay(
      '<p onclick="alert(1)">a</p><script>alert(2)</script><img src=x onerror=alert(3)>' +
        '<img src="https://evil.example/t.png"><img src="data:image/png;base64,AAAA">' +
        '<a href="javascript:alert(4)">js</a><iframe src="https://evil.example"></iframe><svg onload=alert(5)></svg>' +
        '<p style="color:red">s</p><form><input autofocus onfocus=alert(6)></form>',
    );
    const doc = new DOMParser().parseFromString(out, 'text/html');
    expect(doc.querySelectorAll('script, iframe, svg, form, input, [style], [onclick], [onerror], [onload]')).toHaveLength(0);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelector('a')?.hasAttribute('href')).toBe(false);
    expect(doc.body.textContent).toContain('js');
  });

  it('keeps what the editor makes: formatting, our pictures, safe links opening apart', () => {
    const out = sanitizeForDisplay(
      `<h2>Т</h2><p><strong>ж</strong> <em>к</em></p><ul><li>1</li></ul><blockquote><p>ц</p></blockquote>` +
        `<img src="/api/files/${ID}/preview" alt="доска"><a href="https://example.org">ссылка</a>`,
    );
    const doc = new DOMParser().parseFromString(out, 'text/html');
    expect(doc.querySelectorAll('h2, strong, em, ul li, blockquote')).toHaveLength(5);
    expect(doc.querySelector('img')?.getAttribute('src')).toBe(`/api/files/${ID}/preview`);
    const a = doc.querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://example.org');
    expect(a?.getAttribute('target')).toBe('_blank');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
  });

  it('the editor accepts links to the web and mail only', () => {
    expect(allowedLink('https://ya.ru')).toBe(true);
    expect(allowedLink('mailto:school@example.org')).toBe(true);
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'vbscript:x', '/relative', 'ftp://x']) {
      expect(allowedLink(bad), bad).toBe(false);
    }
  });
});
