/** The part of janode (1.8, JavaScript only) Parta uses. */
declare module 'janode' {
  export interface JanodeConnection {
    create(keepaliveSeconds?: number): Promise<JanodeSession>;
    close(): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): void;
  }
  export interface JanodeSession {
    attach<H>(plugin: { id: string; Handle: unknown }): Promise<H>;
    destroy(): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): void;
  }
  const Janode: {
    connect(config: { address: { url: string } | { url: string }[]; retry_time_secs?: number; max_retries?: number }): Promise<JanodeConnection>;
    EVENT: Record<string, string>;
    Logger: { setLevel(level: 'debug' | 'verb' | 'info' | 'warn' | 'error' | 'none'): string };
  };
  export default Janode;
}

declare module 'janode/plugins/videoroom' {
  export interface Jsep {
    type: 'offer' | 'answer';
    sdp: string;
  }
  export interface JanusStream {
    type: 'audio' | 'video' | 'data';
    mid: string;
    feed_id?: string;
    active?: boolean;
  }
  export interface VideoRoomHandle {
    create(params: Record<string, unknown>): Promise<unknown>;
    destroy(params: { room: string }): Promise<unknown>;
    exists(params: { room: string }): Promise<{ exists: boolean }>;
    joinConfigurePublisher(params: Record<string, unknown>): Promise<{ jsep?: Jsep; streams?: JanusStream[] }>;
    joinSubscriber(params: Record<string, unknown>): Promise<{ jsep?: Jsep; streams?: JanusStream[] }>;
    update(params: { subscribe?: { feed: string; mid?: string }[]; unsubscribe?: { feed: string; mid?: string }[] }): Promise<{ jsep?: Jsep; streams?: JanusStream[] }>;
    start(params: { jsep: Jsep }): Promise<unknown>;
    message(body: Record<string, unknown>, jsep?: Jsep): Promise<unknown>;
    leave(): Promise<unknown>;
    detach(): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): void;
  }
  const plugin: { id: string; Handle: unknown };
  export default plugin;
}
