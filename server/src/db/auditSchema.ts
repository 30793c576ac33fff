import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * SAFE-1 «Журнал действий»: one line per action of administration and moderation, written in the action's own
 * transaction. Append-only: no endpoint changes it, and a trigger (migration `audit`) refuses UPDATE and DELETE.
 * No foreign keys on purpose: a line outlives the person, message or school it names (a cascade would be a DELETE).
 */
export const auditLog = pgTable('audit_log', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Null for the platform operator's own actions outside any school. */
  schoolId: uuid('school_id'),
  actorId: uuid('actor_id'),
  /** Stable kind, e.g. `role.granted`, `report.decided` (contracts' auditKinds). */
  kind: text('kind').notNull(),
  targetType: text('target_type').notNull(),
  targetId: text('target_id'),
  /** What happened, as facts the UI words: names at the time, role, chat, until… */
  details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
  /** The request's client address (behind a trusted proxy, the forwarded one). */
  ip: text('ip'),
  createdAt: createdAt(),
}, (t) => [
  index('audit_log_school_idx').on(t.schoolId, t.createdAt),
  index('audit_log_actor_idx').on(t.actorId),
]);
