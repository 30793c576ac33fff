import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { chatMembers } from '../../db/chatSchema.js';
import { chatViewers, pushPreferences, pushSubscriptions } from '../../db/pushSchema.js';
import { memberships, sessions, users } from '../../db/schema.js';
import { DEFAULT_QUIET_FROM, DEFAULT_QUIET_TO, type QuietRule } from './quietHours.js';

/** Devices one person keeps; a new one past this replaces their oldest. */
export const MAX_SUBSCRIPTIONS_PER_PERSON = 20;

/** One device to push to, with what decides whether and how: its person's quiet hours and language. */
export interface PushTarget {
  subscriptionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  userId: string;
  locale: 'ru' | 'en';
  quiet: QuietRule;
}

interface PreferenceRow {
  quietEnabled: boolean | null;
  quietFrom: number | null;
  quietTo: number | null;
  timeZone: string | null;
  isStudent: boolean;
}

/** The rule in force: the person's choice, else on for students 22:00–07:00; in their device's zone, else the default. */
export function quietRuleOf(row: PreferenceRow, defaultTimeZone: string): QuietRule {
  return {
    enabled: row.quietEnabled ?? row.isStudent,
    from: row.quietFrom ?? DEFAULT_QUIET_FROM,
    to: row.quietTo ?? DEFAULT_QUIET_TO,
    timeZone: row.timeZone ?? defaultTimeZone,
  };
}

const isStudent = sql<boolean>`exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.role} = 'student')`;

/**
 * Live devices of these people (their session not ended), each with its person's preferences: one query however many
 * people (a school's channel reaches all its members).
 */
export async function targetsOf(db: DbOrTx, userIds: string[], now: Date, defaultTimeZone: string): Promise<PushTarget[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({
      subscriptionId: pushSubscriptions.id,
      endpoint: pushSubscriptions.endpoint,
      p256dh: pushSubscriptions.p256dh,
      auth: pushSubscriptions.auth,
      userId: pushSubscriptions.userId,
      locale: users.locale,
      quietEnabled: pushPreferences.quietEnabled,
      quietFrom: pushPreferences.quietFrom,
      quietTo: pushPreferences.quietTo,
      timeZone: pushPreferences.timeZone,
      isStudent,
    })
    .from(pushSubscriptions)
    .innerJoin(sessions, and(eq(sessions.id, pushSubscriptions.sessionId), gt(sessions.expiresAt, now)))
    .innerJoin(users, eq(users.id, pushSubscriptions.userId))
    .leftJoin(pushPreferences, eq(pushPreferences.userId, pushSubscriptions.userId))
    .where(sql`${pushSubscriptions.userId} = any(${sql.param(userIds)}::uuid[])`);
  return rows.map((r) => ({
    subscriptionId: r.subscriptionId,
    endpoint: r.endpoint,
    p256dh: r.p256dh,
    auth: r.auth,
    userId: r.userId,
    locale: r.locale === 'en' ? 'en' : 'ru',
    quiet: quietRuleOf(r, defaultTimeZone),
  }));
}

/**
 * Who should hear of a new message in a chat, before their devices are looked up: members but the author, those who
 * muted it, and those with a tab showing it now (a viewer row seen after `viewedSince`). Only members with a device
 * come back, so a chat whose members never turned pushes on costs one index probe per member.
 */
export async function messageRecipients(db: DbOrTx, chatId: string, authorId: string, viewedSince: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: chatMembers.userId })
    .from(chatMembers)
    .innerJoin(pushSubscriptions, eq(pushSubscriptions.userId, chatMembers.userId))
    .where(
      and(
        eq(chatMembers.chatId, chatId),
        sql`${chatMembers.userId} <> ${authorId}`,
        eq(chatMembers.muted, false),
        sql`not exists (select 1 from ${chatViewers} where ${chatViewers.chatId} = ${chatId}
          and ${chatViewers.userId} = ${chatMembers.userId} and ${chatViewers.seenAt} > ${viewedSince})`,
      ),
    );
  return rows.map((r) => r.userId);
}

/** A school's members (any role) with a device, but one person (the author of what they are told about). */
export async function schoolRecipients(db: DbOrTx, schoolId: string, exceptUserId: string | null): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(pushSubscriptions, eq(pushSubscriptions.userId, memberships.userId))
    .where(and(eq(memberships.schoolId, schoolId), exceptUserId ? sql`${memberships.userId} <> ${exceptUserId}` : undefined));
  return rows.map((r) => r.userId);
}

/** A person's preferences as stored, with whether they are a student anywhere (for the default). */
export async function preferenceRowOf(db: DbOrTx, userId: string): Promise<PreferenceRow> {
  const [row] = await db
    .select({
      quietEnabled: pushPreferences.quietEnabled,
      quietFrom: pushPreferences.quietFrom,
      quietTo: pushPreferences.quietTo,
      timeZone: pushPreferences.timeZone,
      isStudent,
    })
    .from(users)
    .leftJoin(pushPreferences, eq(pushPreferences.userId, users.id))
    .where(eq(users.id, userId));
  return row ?? { quietEnabled: null, quietFrom: null, quietTo: null, timeZone: null, isStudent: false };
}

/** How many devices a person has, and whether this session is one of them. */
export async function deviceCounts(db: DbOrTx, userId: string, sessionId: string | undefined): Promise<{ devices: number; thisDevice: boolean }> {
  const [row] = await db
    .select({
      devices: sql<number>`count(*)::int`,
      mine: sql<number>`count(*) filter (where ${pushSubscriptions.sessionId} = ${sessionId ?? null})::int`,
    })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));
  return { devices: row?.devices ?? 0, thisDevice: (row?.mine ?? 0) > 0 };
}

/** Removes a subscription its push service reported gone (404, 410). */
export async function deleteSubscription(db: DbOrTx, subscriptionId: string): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscriptionId));
}
