import { Typography } from '@mantine/core';
import DOMPurify from 'dompurify';
import { useMemo } from 'react';

const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 's', 'u', 'code', 'pre', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'hr', 'a', 'img'];
const OWN_PICTURE = /^\/api\/files\/[0-9a-f-]{36}\/preview$/;

let hooked = false;
/** Links open in a new tab without access to this page; pictures come only from our own files. */
function installHooks() {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (/^(https?:|mailto:)/i.test(href)) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer nofollow');
      } else {
        node.removeAttribute('href');
      }
    }
    if (node.tagName === 'IMG' && !OWN_PICTURE.test(node.getAttribute('src') ?? '')) node.remove();
  });
}

/** The article's HTML — sanitized by the server before it was stored — cleaned again with DOMPurify before it is shown. */
export function sanitizeForDisplay(html: string): string {
  installHooks();
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'target', 'rel', 'src', 'alt', 'start'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/api\/files\/)/i,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  });
}

/** ART-5: the article's text, styled for reading (headings, lists, quotes, pictures that fit a phone). */
export function SafeHtml({ html }: { html: string }) {
  const clean = useMemo(() => sanitizeForDisplay(html), [html]);
  return (
    <Typography className="article-body">
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized twice — allow-list on the server, DOMPurify here */}
      <div dangerouslySetInnerHTML={{ __html: clean }} />
    </Typography>
  );
}
