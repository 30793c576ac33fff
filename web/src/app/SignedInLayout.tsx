import { RealtimeProvider } from '../features/chats/RealtimeProvider';
import { IncomingCall } from '../features/lessons/IncomingCall';
import { Shell } from './Shell';

/** The frame of every screen behind sign-in (loaded with the first of them): the socket, the header and menus, calls. */
export function SignedInLayout() {
  return (
    <RealtimeProvider>
      <Shell />
      <IncomingCall />
    </RealtimeProvider>
  );
}
