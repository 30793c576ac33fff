import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { draft, storedArticle, upload } from './testHelpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

/** Attempts from the usual cheat sheets: script, handlers, URLs, foreign elements, styles, broken markup. */
const corpus = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="/api/files/{PIC}/preview" onerror="alert(1)" onload="alert(2)" style="x:expression(alert(3))">',
  '<img src="/api/files/{PIC}/preview/../../../evil">',
  '<img src="/api/files/{PIC}?preview=1&x=javascript:alert(1)">',
  '<img src="javascript:alert(1)">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="https://evil.example/track.png">',
  '<img src="//evil.example/x.png">',
  '<img srcset="https://evil.example/x.png 1x" src="/api/files/x">',
  '<p onclick="alert(1)" onmouseover=alert(1)>click</p>',
  '<a href="javascript:alert(1)">link</a>',
  '<a href="JaVaScRiPt:alert(1)">link</a>',
  '<a href="  javascript:alert(1)">link</a>',
  '<a href="java&#x09;script:alert(1)">link</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">link</a>',
  '<a href="vbscript:msgbox(1)">link</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">link</a>',
  '<a href="/relative">relative</a>',
  '<a href="https://ya.ru" target="_self" rel="opener" onfocus="alert(1)" autofocus>ok</a>',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">svg</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<div style="width: expression(alert(1))">ie</div>',
  '<style>@import "https://evil.example/x.css"; body{background:red}</style>',
  '<link rel="stylesheet" href="https://evil.example/x.css"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<form action="https://evil.example"><input name="x" autofocus onfocus="alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)"></video><audio src=x onerror=alert(1)>',
  '<<script>script>alert(1)<</script>/script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img """><script>alert(1)</script>">',
  '<p title="</p><script>alert(1)</script>">attr</p>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<template><script>alert(1)</script></template>',
  `${'<p><b><i><u><strong><em>'.repeat(30)}deep`,
  '<h1 class="x" id="y" data-x="1">heading</h1><table><tr><td>cell</td></tr></table>',
  '<ul><li onclick=alert(1)>item</li></ul><blockquote cite="javascript:alert(1)">q</blockquote>',
  '<pre><code class="language-js" onclick="alert(1)">code()</code></pre>',
  '<a href="https://ya.ru"><img src=x onerror=alert(1)>img in link</a>',
  '<isindex type=image src=1 onerror=alert(1)><keygen autofocus onfocus=alert(1)><marquee onstart=alert(1)>',
  '"><script>alert(document.cookie)</script>',
  '<p>Нормальный <strong>жирный</strong> и <em>курсив</em>, <a href="https://example.org/a?b=1&c=2">ссылка</a>.</p>',
];

const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'em', 's', 'u', 'code', 'pre', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'hr', 'a', 'img']);
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * Reads stored HTML the way a browser would have to: every `<` opens a tag (text has `&lt;`), every
 * tag is allow-listed, every attribute is one of a few with a safe value, and nothing is left over.
 */
function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  const tagRe = /<(\/?)([a-zA-Z0-9]+)((?:\s+[a-z]+="[^"<>]*")*)\s*(\/?)>/g;
  let consumed = '';
  let last = 0;
  for (const m of html.matchAll(tagRe)) {
    consumed += html.slice(last, m.index);
    last = (m.index ?? 0) + m[0].length;
    const [, closing, name = '', attrs = ''] = m;
    if (!ALLOWED_TAGS.has(name)) problems.push(`tag ${name}`);
    if (closing && attrs) problems.push(`attributes on </${name}>`);
    for (const a of attrs.matchAll(/\s+([a-z]+)="([^"]*)"/g)) {
      const [, attr = '', value = ''] = a;
      const ok =
        (name === 'a' && attr === 'href' && /^(https?:\/\/|mailto:)/.test(value)) ||
        (name === 'a' && attr === 'target' && value === '_blank') ||
        (name === 'a' && attr === 'rel' && value === 'noopener noreferrer nofollow') ||
        (name === 'img' && attr === 'src' && new RegExp(`^/api/files/${UUID}/preview$`).test(value)) ||
        (name === 'img' && attr === 'alt') ||
        (name === 'ol' && attr === 'start' && /^\d+$/.test(value));
      if (!ok) problems.push(`${name}[${attr}="${value}"]`);
    }
    if (name === 'a' && attrs.includes('href=') && !(attrs.includes('target="_blank"') && attrs.includes('rel="noopener noreferrer nofollow"'))) {
      problems.push('a link without target/rel');
    }
  }
  consumed += html.slice(last);
  if (consumed.includes('<')) problems.push('an unparsed <');
  if (/javascript:|vbscript:|data:/i.test(html.replace(/>[^<]*</g, '><'))) problems.push('a script URL inside a tag');
  return problems;
}

describe('article HTML is sanitized before it is stored (allow-list)', () => {
  it('every attempt of the corpus, through create and through update, leaves only allow-listed markup', async () => {
    const f = await freshSchool(ctx);
    const base = await draft(ctx, f.cookies.teacher, f.school.id);
    const pic = await upload(ctx, f.cookies.teacher);
    for (const attempt of corpus) {
      const payload = attempt.replaceAll('{PIC}', pic);
      const created = await as(ctx, f.cookies.teacher).post(`/schools/${f.school.id}/articles`, { title: payload.slice(0, 200), bodyHtml: payload });
      expect(created.status, payload).toBe(201);
      const stored = await storedArticle(ctx, created.body.data.id);
      expect(unsafeParts(stored?.bodyHtml ?? '<missing>'), payload).toEqual([]);
      expect(created.body.data.bodyHtml).toBe(stored?.bodyHtml);

      const updated = await as(ctx, f.cookies.teacher).patch(`/articles/${base.id}`, { bodyHtml: `<p>ok</p>${payload}` });
      expect(updated.status, payload).toBe(200);
      const again = await storedArticle(ctx, base.id);
      expect(unsafeParts(again?.bodyHtml ?? '<missing>'), payload).toEqual([]);
      // Titles are plain text: stored as typed (trimmed), shown as text by the web, never as markup.
      expect(stored?.title).toBe(payload.slice(0, 200).trim().replace(/\s+/g, ' '));
    }
  });

  it('what the editor produces survives: formatting, links with rel and target, our own pictures', async () => {
    const f = await freshSchool(ctx);
    const pic = await upload(ctx, f.cookies.teacher);
    const html =
      `<h2>Заголовок</h2><p><strong>Жирный</strong>, <em>курсив</em>, <s>зачёркнутый</s>, <u>подчёркнутый</u>, <code>код</code>.</p>` +
      `<ul><li><p>один</p></li></ul><ol start="3"><li><p>три</p></li></ol><blockquote><p>Цитата</p></blockquote><hr>` +
      `<p><a href="https://example.org/a?b=1&amp;c=2">ссылка</a> и <a href="mailto:school@example.org">почта</a></p>` +
      `<img src="/api/files/${pic}?preview=1" alt="Доска"><pre><code>x &lt; y</code></pre>`;
    const a = await draft(ctx, f.cookies.teacher, f.school.id, { bodyHtml: html });
    expect(a.bodyHtml).toBe(
      `<h2>Заголовок</h2><p><strong>Жирный</strong>, <em>курсив</em>, <s>зачёркнутый</s>, <u>подчёркнутый</u>, <code>код</code>.</p>` +
        `<ul><li><p>один</p></li></ul><ol start="3"><li><p>три</p></li></ol><blockquote><p>Цитата</p></blockquote><hr />` +
        `<p><a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow">ссылка</a> и ` +
        `<a href="mailto:school@example.org" target="_blank" rel="noopener noreferrer nofollow">почта</a></p>` +
        `<img src="/api/files/${pic}/preview" alt="Доска" /><pre><code>x &lt; y</code></pre>`,
    );
    const stored = await storedArticle(ctx, a.id);
    expect(stored?.bodyText).toBe('Заголовок Жирный, курсив, зачёркнутый, подчёркнутый, код. один три Цитата ссылка и почта x < y');
    expect(unsafeParts(a.bodyHtml)).toEqual([]);
  });

  it('the checker itself catches unsafe markup', () => {
    expect(unsafeParts('<p onclick="x">a</p>')).not.toEqual([]);
    expect(unsafeParts('<script>alert(1)</script>')).not.toEqual([]);
    expect(unsafeParts('<a href="javascript:alert(1)">x</a>')).not.toEqual([]);
    expect(unsafeParts('<img src="https://evil.example/x.png" />')).not.toEqual([]);
    expect(unsafeParts('<a href="https://ya.ru">x</a>')).not.toEqual([]);
    expect(unsafeParts('<p>fine &lt;b&gt;</p>')).toEqual([]);
  });
});
