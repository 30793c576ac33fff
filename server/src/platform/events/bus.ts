/**
 * Events between use-cases and the real-time gateway. Use-cases publish only after their
 * transaction commits, to explicit rooms (`school:ID`, `class:ID`, `chat:ID`, `user:ID`).
 * The in-process bus serves one node; a Redis implementation serves many (chats issue).
 */
export interface AppEvent {
  type: string;
  [key: string]: unknown;
}

/**
 * Where an event was published: on this node ('here'), or on another one and brought by Redis ('elsewhere'). Work
 * that must happen once per event however many nodes hear it (sending a push) is done where it is 'here'.
 */
export type EventOrigin = 'here' | 'elsewhere';

export type EventHandler = (room: string, event: AppEvent, origin: EventOrigin) => void;

export interface EventBus {
  publish(room: string, event: AppEvent): Promise<void>;
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}

export class InProcessBus implements EventBus {
  private handlers = new Set<EventHandler>();
  async publish(room: string, event: AppEvent): Promise<void> {
    for (const h of this.handlers) h(room, event, 'here');
  }
  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
  async close(): Promise<void> {
    this.handlers.clear();
  }
}
