import { Suspense, useState } from 'react';
import { lazyScreen } from '../../app/lazyScreen';
import type { Can, Chat } from './ChatMembersPanel';

// The members' drawer (people pickers, menus, dialogs) loads when it is first opened, not with the chat.
const ChatMembersPanel = lazyScreen(() => import('./ChatMembersPanel').then((m) => m.ChatMembersPanel));

/** The members screen, opened from the chat header: see ChatMembersPanel.tsx. */
export function ChatMembersDrawer(props: { chat: Chat; can: Can; opened: boolean; onClose: () => void }) {
  // Once opened it stays mounted, as a Mantine drawer does: closing animates.
  const [wanted, setWanted] = useState(props.opened);
  if (props.opened && !wanted) setWanted(true);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <ChatMembersPanel {...props} />
    </Suspense>
  );
}
