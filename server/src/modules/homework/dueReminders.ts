import type { PushPayload } from '@parta/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { inArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { homeworkAssignees, homeworkAssignments, homeworkMarks, homeworkReminders, homeworkSubmissions } from '../../db/homeworkSchema.js';
import { memberships, parentLinks } from '../../db/schema.js';
import { notifyByPush } from '../push/notify.js';
import { glance } from '../push/payloads.js';
import { publishHomeworkChanged } from './events.js';

const DAY = 86_400_000;

type Deps = Pick<AppDeps, 'db' | 'events' | 'clock'>;

/**
 * NTF-1 «Срок сдачи завтра»: an assignment due within the next day that a student has neither handed in nor been
 * marked on reminds the student and their linked parents — once. Only assignments given more than a day ahead are
 * reminded of (one given for tomorrow was just announced by «Новое задание»). One INSERT … SELECT claims the rows:
 * the primary key and ON CONFLICT DO NOTHING make two nodes sweeping at once send each reminder once, and only the
 * rows this sweep inserted are notified (the badge, the socket, a push). Returns how many reminders it sent.
 */
export async function sendDueReminders(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + DAY);
  const result = await deps.db.execute(sql`
    insert into ${homeworkReminders} (assignment_id, user_id, student_id, sent_at)
    select a.id, r.user_id, m.user_id, ${now.toISOString()}::timestamptz
    from ${homeworkAssignments} a
    join ${memberships} m on m.class_id = a.class_id and m.role = 'student'
    cross join lateral (
      select m.user_id as user_id
      union
      select pl.parent_id from ${parentLinks} pl where pl.child_id = m.user_id and pl.class_id = a.class_id
    ) r
    where a.due_at > ${now.toISOString()}::timestamptz and a.due_at <= ${until.toISOString()}::timestamptz
      and a.created_at < a.due_at - interval '1 day'
      and (a.whole_class or exists (select 1 from ${homeworkAssignees} x where x.assignment_id = a.id and x.student_id = m.user_id))
      and not exists (select 1 from ${homeworkSubmissions} s where s.assignment_id = a.id and s.student_id = m.user_id)
      and not exists (select 1 from ${homeworkMarks} k where k.assignment_id = a.id and k.student_id = m.user_id)
    on conflict do nothing
    returning assignment_id, user_id`);
  const rows = (result as unknown as { rows: { assignment_id: string; user_id: string }[] }).rows;
  if (rows.length === 0) return 0;
  const byAssignment = new Map<string, string[]>();
  for (const r of rows) byAssignment.set(r.assignment_id, [...(byAssignment.get(r.assignment_id) ?? []), r.user_id]);
  const titles = await deps.db
    .select({ id: homeworkAssignments.id, subject: homeworkAssignments.subject, title: homeworkAssignments.title })
    .from(homeworkAssignments)
    .where(inArray(homeworkAssignments.id, [...byAssignment.keys()]));
  for (const a of titles) {
    const userIds = byAssignment.get(a.id) ?? [];
    await publishHomeworkChanged(deps, userIds, a.id);
    const payload: PushPayload = {
      title: `Срок сдачи завтра: ${glance(a.subject, 40)}`,
      body: glance(a.title),
      url: `/homework/${a.id}`,
      tag: `due:${a.id}`,
    };
    await notifyByPush(deps.events, userIds, payload);
  }
  return rows.length;
}

/** Each node sweeps every `sweepMs` (HOMEWORK_SWEEP_MS; 0 turns it off, as tests do and drive it by hand). */
export class DueReminders {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly log: Pick<FastifyBaseLogger, 'error'>,
    private readonly sweepMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= sendDueReminders(this.deps)
        .then(() => undefined, (err: unknown) => this.log.error({ err }, 'homework: sending due reminders failed'))
        .finally(() => {
          this.running = null;
        });
    }, this.sweepMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
