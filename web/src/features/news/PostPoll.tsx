import type { CreatePollRequest, NewsPost } from '@parta/contracts';
import type { ReactNode } from 'react';
import { CreatePollModal } from '../polls/CreatePollModal';
import { LivePoll } from '../polls/LivePoll';

/** A post's poll: the polls feature's live card (votes by every member of the school, bars move live). */
export function PostPoll({ post }: { post: NewsPost }): ReactNode {
  if (!post.poll) return null;
  return <LivePoll pollId={post.poll.id} initial={post.poll} />;
}

/**
 * The composer's «Опрос»: the same form as in chats. The poll is not sent on its own: it is handed
 * back to the composer and posted with the news in one request (one transaction on the server).
 */
export function pollEditor(props: { opened: boolean; onClose: () => void; onDone: (poll: CreatePollRequest) => void }): ReactNode {
  return (
    <CreatePollModal
      opened={props.opened}
      onClose={props.onClose}
      onSubmit={async (poll) => {
        props.onDone(poll);
      }}
    />
  );
}
