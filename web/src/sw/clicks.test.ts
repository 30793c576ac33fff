import { describe, expect, it } from 'vitest';
import { type ClientsLike, openFromNotification, type WindowLike } from './clicks';
import type { WorkerMessage } from './protocol';

const origin = 'https://school.example';

function win(url: string, state: Partial<Pick<WindowLike, 'focused' | 'visibilityState'>> = {}, focusRefused = false) {
  const w = {
    url,
    focused: state.focused ?? false,
    visibilityState: state.visibilityState ?? 'hidden',
    focusedByClick: false,
    messages: [] as WorkerMessage[],
    focus: async () => {
      if (focusRefused) throw new DOMException('Not allowed to focus a window.', 'InvalidAccessError');
      w.focusedByClick = true;
    },
    postMessage: (m: WorkerMessage) => void w.messages.push(m),
  };
  return w;
}

function clients(windows: WindowLike[]) {
  const opened: string[] = [];
  const api: ClientsLike = { matchAll: async () => windows, openWindow: async (url) => void opened.push(url) };
  return { api, opened };
}

describe('a click on a notification', () => {
  it('brings the open Parta tab forward and opens the chat in it (its router, no reload)', async () => {
    const tab = win(`${origin}/home`);
    const { api, opened } = clients([tab]);
    expect(await openFromNotification(api, origin, '/chats/1')).toBe('navigated');
    expect(tab.focusedByClick).toBe(true);
    expect(tab.messages).toEqual([{ type: 'navigate', url: '/chats/1' }]);
    expect(opened).toEqual([]);
  });

  it('prefers the focused tab, then a visible one', async () => {
    const hidden = win(`${origin}/home`);
    const visible = win(`${origin}/chats`, { visibilityState: 'visible' });
    const focused = win(`${origin}/documents`, { focused: true, visibilityState: 'visible' });
    await openFromNotification(clients([hidden, visible, focused]).api, origin, '/chats/2');
    expect(focused.messages).toHaveLength(1);
    await openFromNotification(clients([hidden, visible]).api, origin, '/chats/3');
    expect(visible.messages).toEqual([{ type: 'navigate', url: '/chats/3' }]);
    expect(hidden.messages).toEqual([]);
  });

  it('opens a new window when no Parta tab is open (another site’s window does not count)', async () => {
    const { api, opened } = clients([win('https://other.example/')]);
    expect(await openFromNotification(api, origin, '/chats/1')).toBe('opened');
    expect(opened).toEqual(['/chats/1']);
  });

  it('still opens the chat when the browser refuses to raise the window', async () => {
    const tab = win(`${origin}/home`, {}, true);
    expect(await openFromNotification(clients([tab]).api, origin, '/chats/1')).toBe('navigated');
    expect(tab.messages).toEqual([{ type: 'navigate', url: '/chats/1' }]);
  });
});
