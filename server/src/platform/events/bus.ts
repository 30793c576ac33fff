/**
 * Events between use-cases and the real-time gateway. Use-cases publish only after their
 * transaction commits, to explicit rooms (`school:ID`, `class:ID`, `chat:ID`, `user:ID`).
 * The in-process bus serves one node; a Redis implementation serves many (chats issue).
 */
export interface AppEvent {
  type: string;
  [key: string]: unknown;
}

export interface EventBus {
  publish(room: string, event: AppEvent): Promise<void>;
  subscribe(handler: (room: string, event: AppEvent) => void): () => void;
  close(): Promise<void>;
}

export class InProcessBus implements EventBus {
  private handlers = new Set<(room: string, event: AppEvent) => void>();
  async publish(room: string, event: AppEvent): Promise<void> {
    for (const h of this.handlers) h(room, event);
  }
  subscribe(handler: (room: string, event: AppEvent) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
  async close(): Promise<void> {
    this.handlers.clear();
  }
}
