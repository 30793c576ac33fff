import type { ChatEvent, Message } from '@parta/contracts';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { ApiError, api } from '../../api/client';
import { meKey } from '../auth/useMe';
import { schoolKey } from '../school/useSchool';
import { type History, type MessageResponse, chatKeys } from './chatTypes';
import { addMessage, applyEvent } from './historyCache';
import { listRefresher } from './listRefresh';
import { type LessonFrame, RealtimeClient, SendError } from './realtime';

/** A message typed here and not yet acknowledged (or refused: then its text stays to be sent again). */
export interface PendingMessage {
  clientId: string;
  chatId: string;
  text: string;
  replyToId: string | null;
  fileIds: string[];
  status: 'sending' | 'failed';
  error: string | null;
  /** SAFE-1: how long to wait (a chat's flood limit) or when a write ban ends, with the refusal. */
  retryInSeconds?: number | null;
  until?: string | null;
}

interface Typist {
  name: string;
  until: number;
}

/** Small observable state (pending sends, who is typing) shared by the chat screens of this tab. */
export type SchoolEvent = { type: string; [key: string]: unknown };
type SchoolListener = (schoolId: string, event: SchoolEvent) => void;

class LiveState {
  pending: PendingMessage[] = [];
  /** Whether the socket is up; true until a first failure so a page does not flash «нет связи» while connecting. */
  online = true;
  /** Sockets made again after the first (a network drop, a server node restarting): a lesson re-enters on each. */
  reconnects = 0;
  typing: Record<string, Record<string, Typist>> = {};
  private listeners = new Set<() => void>();
  /** Screens of news, articles and documents listen here for events of the person's schools. */
  readonly schoolListeners = new Set<SchoolListener>();
  /** Lessons: the call screen hears its lesson's frames, the incoming-call notice hears events about me. */
  readonly lessonListeners = new Set<(frame: LessonFrame) => void>();
  readonly userListeners = new Set<(event: SchoolEvent) => void>();
  /** Every chat's events as they arrive (a hidden tab's notifications of new messages). */
  readonly chatListeners = new Set<(chatId: string, event: ChatEvent) => void>();
  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  emit() {
    for (const fn of this.listeners) fn();
  }
  setPending(fn: (p: PendingMessage[]) => PendingMessage[]) {
    this.pending = fn(this.pending);
    this.emit();
  }
  setTyping(chatId: string, userId: string, name: string) {
    this.typing = { ...this.typing, [chatId]: { ...this.typing[chatId], [userId]: { name, until: Date.now() + 5000 } } };
    this.emit();
    // A new snapshot after the mark expires, so screens re-render and drop «печатает…».
    setTimeout(() => {
      this.typing = { ...this.typing };
      this.emit();
    }, 5100);
  }
  clearTyping(chatId: string, userId: string) {
    const chat = this.typing[chatId];
    if (!chat?.[userId]) return;
    const { [userId]: _gone, ...rest } = chat;
    this.typing = { ...this.typing, [chatId]: rest };
    this.emit();
  }
}

interface Live {
  client: RealtimeClient;
  state: LiveState;
  send: (input: Omit<PendingMessage, 'status' | 'error'>) => Promise<void>;
  /** Reads the chat lists, unread counts and chat cards again, at most a few times a second (listRefresh.ts). */
  refreshLists: () => void;
}

const LiveContext = createContext<Live | null>(null);

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive outside RealtimeProvider');
  return live;
}

export function usePending(chatId: string): PendingMessage[] {
  const { state } = useLive();
  const all = useSyncExternalStore(state.subscribe, () => state.pending);
  return useMemo(() => all.filter((p) => p.chatId === chatId), [all, chatId]);
}

/** False while the socket is down and reconnecting. */
/**
 * Calls `handler` for each live event of the person's schools (`{ t: 'school' }` frames) while the
 * component is mounted: news posted, an article published, a poll outside chats updated.
 */
export function useSchoolEvents(handler: SchoolListener): void {
  const { state } = useLive();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const fn: SchoolListener = (schoolId, event) => latest.current(schoolId, event);
    state.schoolListeners.add(fn);
    return () => {
      state.schoolListeners.delete(fn);
    };
  }, [state]);
}

/** Calls `handler` for each event about me (`{ t: 'user' }`: a lesson calling, my chats changed) while mounted. */
export function useUserEvents(handler: (event: SchoolEvent) => void): void {
  const { state } = useLive();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const fn = (event: SchoolEvent) => latest.current(event);
    state.userListeners.add(fn);
    return () => {
      state.userListeners.delete(fn);
    };
  }, [state]);
}

/** Calls `handler` for each event of any of my chats while mounted (each once, in order). */
export function useChatEvents(handler: (chatId: string, event: ChatEvent) => void): void {
  const { state } = useLive();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const fn = (chatId: string, event: ChatEvent) => latest.current(chatId, event);
    state.chatListeners.add(fn);
    return () => {
      state.chatListeners.delete(fn);
    };
  }, [state]);
}

/** Calls `handler` for each frame of the lessons this tab is in while mounted (the call screen). */
export function useLessonFrames(handler: (frame: LessonFrame) => void): void {
  const { state } = useLive();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const fn = (frame: LessonFrame) => latest.current(frame);
    state.lessonListeners.add(fn);
    return () => {
      state.lessonListeners.delete(fn);
    };
  }, [state]);
}

export function useOnline(): boolean {
  const { state } = useLive();
  return useSyncExternalStore(state.subscribe, () => state.online);
}

/** How many times the socket came back (0 until the first reconnect): a lesson enters its media again on each. */
export function useReconnects(): number {
  const { state } = useLive();
  return useSyncExternalStore(state.subscribe, () => state.reconnects);
}

/** Names of those typing in a chat now. */
export function useTyping(chatId: string): string[] {
  const { state } = useLive();
  const typing = useSyncExternalStore(state.subscribe, () => state.typing);
  const now = Date.now();
  return Object.values(typing[chatId] ?? {})
    .filter((t) => t.until > now)
    .map((t) => t.name);
}

/** Lists and badges refetch at most a few times a second however many events arrive. */
function debounced(fn: () => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
}

/** Events in my `user:` room that change my schools, roles or classes: `me` (left menu, «Главная») is read again. */
const MY_MEMBERSHIPS_CHANGED = new Set(['member.joined', 'member.left', 'memberships.changed', 'class.teacherJoined']);
/** My join requests' list on «Главная» («На рассмотрении» → «Одобрена»). */
export const myRequestsKey = ['myRequests'] as const;

function eventHandlers(client: QueryClient, state: LiveState, refreshLists: () => void) {
  const refreshMe = debounced(() => void client.invalidateQueries({ queryKey: meKey }), 100);
  return {
    onEvent: (chatId: string, _seq: number, event: ChatEvent) => {
      client.setQueryData<History>(chatKeys.history(chatId), (h) => applyEvent(h, event));
      if (event.type === 'message.created') state.clearTyping(chatId, event.message.author.id);
      if (event.type !== 'poll.updated' && event.type !== 'poll.closed') refreshLists();
      for (const fn of state.chatListeners) fn(chatId, event);
    },
    onResync: (chatId: string) => {
      void client.invalidateQueries({ queryKey: chatKeys.history(chatId) });
      refreshLists();
    },
    onTyping: (chatId: string, userId: string, name: string) => state.setTyping(chatId, userId, name),
    onUser: (type: string, event: SchoolEvent) => {
      refreshLists();
      if (MY_MEMBERSHIPS_CHANGED.has(type)) refreshMe();
      // The applicant sees «Одобрена» or «Отклонена» at once, without a reload or polling.
      if (type.startsWith('joinRequest.')) {
        void client.invalidateQueries({ queryKey: myRequestsKey });
        // A class teacher hears parents' requests in their own room (PAR-1): their «Заявки» badge and list.
        const schoolId = (event as { schoolId?: unknown }).schoolId;
        if (typeof schoolId === 'string') {
          void client.invalidateQueries({ queryKey: schoolKey(schoolId) });
          void client.invalidateQueries({ queryKey: ['schoolRequests', schoolId] });
        }
      }
      for (const fn of state.userListeners) fn(event);
    },
    onLesson: (frame: LessonFrame) => {
      for (const fn of state.lessonListeners) fn(frame);
    },
    onSchool: (schoolId: string, event: SchoolEvent) => {
      // Only the school's administration hears these: the «Заявки» badge (on the school page's count) and the list.
      if (event.type === 'joinRequest.created' || event.type === 'joinRequest.decided') {
        void client.invalidateQueries({ queryKey: schoolKey(schoolId) });
        void client.invalidateQueries({ queryKey: ['schoolRequests', schoolId] });
      }
      for (const fn of state.schoolListeners) fn(schoolId, event);
    },
    onResumed: (reconnected: boolean) => {
      // Away from the socket, chats without a known position may have changed: the chat list and the left menu's
      // unread badge are read again at once (not after the lists' debounce), so they are right as soon as we are back.
      void client.invalidateQueries({ queryKey: chatKeys.all });
      if (reconnected) {
        state.reconnects += 1;
        state.emit();
        void client.invalidateQueries({ queryKey: ['messages'] });
        // User and school events missed while away: my schools, my requests' outcome, the «Заявки» badge.
        void client.invalidateQueries({ queryKey: meKey });
        void client.invalidateQueries({ queryKey: myRequestsKey });
        void client.invalidateQueries({ queryKey: ['school'] });
      }
    },
    onStatus: (open: boolean) => {
      state.online = open;
      state.emit();
    },
  };
}

/**
 * A socket made while the tab already shows chats (the frame mounted again after the app came back online, or after
 * a sign-in check) resumes each of them from the newest message on screen: without this its first resume names no
 * chat, and a message sent in the moment between the old socket and the new one never arrives.
 */
function resumeFromShownHistories(queryClient: QueryClient, client: RealtimeClient) {
  for (const [key, history] of queryClient.getQueriesData<History>({ queryKey: ['messages'] })) {
    const chatId = key[1];
    const newest = history?.pages[0];
    if (typeof chatId !== 'string' || !newest) continue;
    client.seenUpTo(chatId, Math.max(newest.lastSeq, ...newest.data.map((m) => m.seq)));
  }
}

/** One socket for the signed-in tab; chat events update the react-query caches. */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const ref = useRef<Live | null>(null);
  if (!ref.current) {
    const state = new LiveState();
    const refreshLists = listRefresher(queryClient);
    const client = new RealtimeClient(eventHandlers(queryClient, state, refreshLists));
    resumeFromShownHistories(queryClient, client);
    const send: Live['send'] = async (input) => {
      state.setPending((p) => [...p.filter((x) => x.clientId !== input.clientId), { ...input, status: 'sending', error: null }]);
      try {
        const message = await sendVia(client, input);
        queryClient.setQueryData<History>(chatKeys.history(input.chatId), (h) => addMessage(h, message));
        state.setPending((p) => p.filter((x) => x.clientId !== input.clientId));
        refreshLists();
      } catch (e) {
        const code = e instanceof SendError || e instanceof ApiError ? e.code : e instanceof Error ? e.message : 'internal';
        const detail = e instanceof SendError || e instanceof ApiError ? { retryInSeconds: e.retryInSeconds, until: e.until } : {};
        state.setPending((p) => p.map((x) => (x.clientId === input.clientId ? { ...x, status: 'failed', error: code, ...detail } : x)));
      }
    };
    ref.current = { client, state, send, refreshLists };
  }
  useEffect(() => {
    const live = ref.current;
    live?.client.start();
    return () => live?.client.stop();
  }, []);
  return <LiveContext.Provider value={ref.current}>{children}</LiveContext.Provider>;
}

/** The socket when it is up; otherwise the same send over HTTP (same clientId, so never twice). */
async function sendVia(client: RealtimeClient, input: Omit<PendingMessage, 'status' | 'error'>): Promise<Message> {
  const body = { text: input.text, replyToId: input.replyToId, fileIds: input.fileIds };
  if (client.isOpen) {
    try {
      return await client.send({ chatId: input.chatId, clientId: input.clientId, ...body });
    } catch (e) {
      if (!(e instanceof SendError) || (e.code !== 'offline' && e.code !== 'timeout')) throw e;
    }
  }
  const r = await api<MessageResponse>('POST', `/chats/${input.chatId}/messages`, { clientId: input.clientId, ...body });
  return r.data;
}
