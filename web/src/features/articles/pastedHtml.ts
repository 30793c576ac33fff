/** An opening tag, up to the first `>` (a `>` inside a quoted value ends it early: that tag keeps its attributes). */
const OPENING_TAG = /<[a-zA-Z][^>]*>/g;
/** `style="…"` and event handlers (`onerror=…`), quoted either way or unquoted. */
const INLINE_ATTRIBUTE = /\s(?:style|on[a-z]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)/gi;

/**
 * Pasted HTML without `style` attributes and event handlers, before the editor parses it. The editor's
 * schema would drop them anyway; but merely parsing them makes Chromium report a CSP violation for each
 * (style-src-attr, script-src-attr 'none'), so a paste from Word — styles on every paragraph — would fill
 * the console and the server's CSP report log. Only tags are touched, never the text between them.
 */
export function withoutInlineAttributes(html: string): string {
  return html.replace(OPENING_TAG, (tag) => tag.replace(INLINE_ATTRIBUTE, ''));
}
