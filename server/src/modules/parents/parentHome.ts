import type { ChildTeacher, ParentHomeResponse } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';
import { listChatsOfUser } from '../chats/queries.js';
import { className } from '../homework/queries.js';
import { channelNews, dueOfChildren, linksOfParent, missedLessonsOfChildren, recentMarksOfChildren, teachersOfClasses } from './homeQueries.js';

/**
 * PAR-1 item 2, a parent's «Главная»: for each linked child the homework due, the marks of the last week, the lessons
 * missed and the class's teachers («Написать учителю»); the news of the parent's schools and the chats they are in.
 * Only the actor's own parent_links are read, so what is shown is theirs by construction: nobody else's children,
 * no class chat they are not in, names and never phone numbers. Anyone signed in may ask (no links: no children).
 */
export async function getParentHome(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor | null): Promise<ParentHomeResponse['data']> {
  if (!actor) throw new AppError('unauthenticated');
  const now = deps.clock.now();
  const schoolIds = [...new Set(actor.memberships.map((m) => m.schoolId))];
  const [links, news, chats] = await Promise.all([
    linksOfParent(deps.db, actor.userId),
    channelNews(deps.db, schoolIds, 5),
    listChatsOfUser(deps.db, actor.userId, { limit: 10 }),
  ]);
  // A link whose school membership went with it leaves no trace here: the links are the parent's rights.
  const live = links.filter((l) => rolesIn(actor, l.schoolId).includes('parent'));
  const childIds = [...new Set(live.map((l) => l.child.id))];
  const classIds = [...new Set(live.map((l) => l.classId))];
  const leads = [...new Set(live.map((l) => l.classTeacherId).filter((x): x is string => !!x))];
  const [due, marks, missed, teachers] = await Promise.all([
    live.length ? dueOfChildren(deps.db, actor.userId, now) : [],
    recentMarksOfChildren(deps.db, childIds, now),
    live.length ? missedLessonsOfChildren(deps.db, actor.userId, now) : [],
    teachersOfClasses(deps.db, classIds, leads),
  ]);

  const children = live.map((l) => {
    const byId = new Map<string, ChildTeacher>();
    const teacherOf = (person: ChildTeacher['person']) => {
      const t = byId.get(person.id) ?? { person, subjects: [], classTeacher: person.id === l.classTeacherId, can: { write: person.id !== actor.userId } };
      byId.set(person.id, t);
      return t;
    };
    for (const s of teachers.subjects.filter((x) => x.classId === l.classId)) teacherOf(s.person).subjects.push(s.subject);
    const lead = teachers.people.find((p) => p.id === l.classTeacherId);
    if (lead) teacherOf(lead).classTeacher = true;
    return {
      child: l.child,
      schoolId: l.schoolId,
      schoolName: l.schoolName,
      classId: l.classId,
      className: className(l),
      due: due.filter((d) => d.childId === l.child.id && d.summary.classId === l.classId).map((d) => d.summary),
      marks: marks.filter((m) => m.childId === l.child.id).map(({ childId: _c, ...m }) => m),
      missed: missed.filter((m) => m.childId === l.child.id && m.classId === l.classId).map(({ lessonId, title, startedAt }) => ({ lessonId, title, startedAt })),
      teachers: [...byId.values()],
    };
  });
  return {
    children,
    news: news.map((n) => ({ ...n, text: n.text.length > 300 ? `${n.text.slice(0, 299)}…` : n.text, createdAt: n.createdAt.toISOString() })),
    chats,
  };
}
