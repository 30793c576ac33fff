import sanitizeHtml from 'sanitize-html';

/** A picture of our own: `/api/files/<uuid>`, optionally its preview. Nothing else may be an `<img src>`. */
const OWN_FILE_SRC = /^\/api\/files\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/preview)?(?:\?preview=1)?$/i;
const STORED_IMG = /<img src="\/api\/files\/([0-9a-f-]{36})\/preview"/g;

/** Links go out only to the web or to mail; everything else (javascript:, data:, relative, protocol-relative) is dropped. */
function safeHref(raw: string | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
}

/**
 * The tags and attributes TipTap's editor produces (StarterKit with links and images), and not one
 * more: no style, no class, no event handlers, no frames, forms, SVG or MathML. A disallowed tag is
 * dropped with its markup, keeping its text (escaped); script-like tags lose their text too.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 's', 'u', 'code', 'pre', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'hr', 'a', 'img'],
  allowedAttributes: { a: ['href', 'target', 'rel'], img: ['src', 'alt'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  allowVulnerableTags: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'xmp', 'noembed', 'noframes', 'select', 'frameset'],
  nestingLimit: 40,
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
  transformTags: {
    // The article's title is its h1; headings in the text start at h2.
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    b: 'strong',
    i: 'em',
    strike: 's',
    del: 's',
    // A link to anywhere else keeps its text and loses its target: an <a> without href is inert.
    a: (_tag, attribs) => {
      const href = safeHref(attribs.href);
      const kept: sanitizeHtml.Attributes = href ? { href, target: '_blank', rel: 'noopener noreferrer nofollow' } : {};
      return { tagName: 'a', attribs: kept };
    },
    // A picture from anywhere else loses its src, and the filter below drops it.
    img: (_tag, attribs) => {
      const m = OWN_FILE_SRC.exec(attribs.src ?? '');
      const kept: sanitizeHtml.Attributes = m?.[1] ? { src: `/api/files/${m[1].toLowerCase()}/preview`, alt: attribs.alt ?? '' } : {};
      return { tagName: 'img', attribs: kept };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

export interface SanitizedArticle {
  /** Safe to store and to render (the browser runs DOMPurify over it again). */
  html: string;
  /** Plain text: the search index and the list's excerpt. */
  text: string;
  /** Files shown as pictures in the text, in their order, without repeats. */
  imageFileIds: string[];
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The plain text of sanitized HTML: blocks and line breaks become spaces so words do not run together. */
function plainText(html: string): string {
  const spaced = html.replace(/<br\s*\/?>|<\/(p|h2|h3|h4|li|blockquote|pre)>/g, '$& ');
  const stripped = sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {}, nonTextTags: options.nonTextTags });
  return decode(stripped).replace(/\s+/g, ' ').trim();
}

/** ART-1 safety: the article's HTML through the allow-list, its plain text and the pictures it shows. */
export function sanitizeArticle(raw: string): SanitizedArticle {
  const html = sanitizeHtml(raw, options);
  const imageFileIds = [...new Set([...html.matchAll(STORED_IMG)].map((m) => m[1] as string))];
  return { html, text: plainText(html), imageFileIds };
}

/** The first words of the text, cut at a word boundary. */
export function excerptOf(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Titles are plain text: control characters go, runs of spaces become one. */
export function cleanTitle(title: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return title.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
}
