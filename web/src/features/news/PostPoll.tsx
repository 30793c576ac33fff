import type { CreatePollRequest, NewsPost } from '@parta/contracts';
import type { ReactNode } from 'react';

/** A post's poll. Polls outside chats come from the polls feature; until then a post shows none. */
export function PostPoll(_props: { post: NewsPost }): ReactNode {
  return null;
}

/** The poll editor for the composer, when polls can be attached to posts. */
export const pollEditor: ((props: { opened: boolean; onClose: () => void; onDone: (poll: CreatePollRequest) => void }) => ReactNode) | undefined =
  undefined;
