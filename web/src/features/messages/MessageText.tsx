import { Anchor } from '@mantine/core';
import { splitLinks } from '../chats/linkify';

/**
 * Message text as React text nodes (never HTML): http/https addresses become links that open in a new
 * tab without access to this page; anything else, `javascript:` included, stays plain text.
 */
export function MessageText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((part, i) =>
        part.kind === 'link' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable text
          <Anchor key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow ugc" style={{ wordBreak: 'break-all' }}>
            {part.text}
          </Anchor>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable text
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
