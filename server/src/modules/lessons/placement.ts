import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { lessons } from '../../db/lessonSchema.js';
import { findLesson } from './queries.js';

/**
 * Which SFU host carries a lesson's media. Chosen once, by the first node to enter the lesson's media, and recorded
 * on the lesson (`media_node`), so every node — and every node after a restart with a longer or reordered JANUS_URL
 * list — sends that lesson's people to the same host. A new lesson goes to the host with the fewest lessons going on.
 * A lesson recorded on a host this node does not know stays there (this node cannot serve it: that is an error the
 * operator must see, not a lesson silently split across two hosts).
 */
export async function placeLesson(deps: Pick<AppDeps, 'db'>, lessonId: string, hosts: readonly string[]): Promise<string> {
  if (hosts.length === 0) throw new Error('no SFU host configured');
  return deps.db.transaction(async (tx) => {
    const lesson = await findLesson(tx, lessonId, { forUpdate: true });
    if (!lesson) throw new Error(`lesson ${lessonId} not found`);
    if (lesson.mediaNode) return lesson.mediaNode;
    const load = new Map<string, number>(hosts.map((h) => [h, 0]));
    const rows = await tx
      .select({ host: lessons.mediaNode, n: count() })
      .from(lessons)
      .where(and(isNull(lessons.endedAt), inArray(lessons.mediaNode, [...hosts])))
      .groupBy(lessons.mediaNode);
    for (const r of rows) if (r.host) load.set(r.host, Number(r.n));
    const host = [...load].reduce((best, next) => (next[1] < best[1] ? next : best))[0];
    await tx.update(lessons).set({ mediaNode: host }).where(eq(lessons.id, lessonId));
    return host;
  });
}
