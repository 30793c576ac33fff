import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client.js';
import { createSession } from '../../server/src/modules/auth/sessions.js';

/*
 * A school for `npm run bench:journal`, seeded by SQL (INSERT … SELECT over generate_series): `classes` classes of
 * `perClass` students, 10 subjects each taught in every class by one teacher, `assignments` assignments per class
 * spread over a school year (the last tenth still to come), and for every past one a submission and a mark per
 * student. One parent is linked to two children in two classes. Fast on both PGlite and the PostgreSQL server.
 */

export interface JournalSeedSize {
  classes: number;
  perClass: number;
  assignments: number;
}

export interface JournalFixture {
  schoolId: string;
  classId: string;
  subject: string;
  teacherCookie: string;
  parentCookie: string;
  counts: { students: number; assignments: number; submissions: number; marks: number };
}

export const subjects = ['Математика', 'Русский язык', 'Литература', 'История', 'Физика', 'Химия', 'Биология', 'География', 'Английский язык', 'Информатика'];
const firstNames = ['Анна', 'Иван', 'Мария', 'Пётр', 'Ольга', 'Сергей', 'Елена', 'Дмитрий', 'Максим', 'Софья'];

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
/** A constant text[] literal (our own words, no quotes in them). */
const textArray = (xs: string[]) => sql.raw(`array[${xs.map((x) => `'${x}'`).join(', ')}]`);

/** Seeds one school; `tag` (digits) keeps its people's phone numbers apart from another school's in the same database. */
export async function seedJournal(db: Db, secret: string, size: JournalSeedSize, tag: string): Promise<JournalFixture> {
  const students = size.classes * size.perClass;
  const sp = `+79${tag}1`; // students: +79 <tag> 1 <6 digits>
  const tp = `+79${tag}2`; // teachers
  const pp = `+79${tag}3`; // the parent
  const [school] = rowsOf<{ id: string }>(await db.execute(sql`
    insert into schools (name, country, city) values (${`Школа бенчмарка №${tag}`}, 'Россия', 'Москва') returning id`));
  const schoolId = school!.id;
  await db.execute(sql`
    insert into classes (school_id, grade, letter)
    select ${schoolId}, 1 + k / 4, (array['А','Б','В','Г'])[1 + k % 4] from generate_series(0, ${size.classes - 1}) k`);
  await db.execute(sql`
    insert into users (phone, password_hash, first_name, last_name, gender, birth_date)
    select ${sp} || lpad(i::text, 6, '0'), 'bench', (${textArray(firstNames)})[1 + i % 10], 'Ученик' || i, 'male', '2012-01-01'
    from generate_series(0, ${students - 1}) i`);
  await db.execute(sql`
    insert into users (phone, password_hash, first_name, last_name, gender, birth_date)
    select ${tp} || lpad(i::text, 6, '0'), 'bench', 'Учитель', (${textArray(subjects)})[1 + i], 'female', '1980-01-01'
    from generate_series(0, 9) i`);
  await db.execute(sql`
    insert into users (phone, password_hash, first_name, last_name, gender, birth_date)
    values (${`${pp}000000`}, 'bench', 'Родитель', 'Бенчмарков', 'female', '1980-01-01')`);
  // Class k = student i / perClass.
  await db.execute(sql`
    insert into memberships (school_id, user_id, role, class_id)
    select ${schoolId}, u.id, 'student', c.id
    from users u
    join (select id, (row_number() over (order by grade, letter) - 1)::int as k from classes where school_id = ${schoolId}) c
      on c.k = substring(u.phone from ${sp.length + 1}::int)::int / ${size.perClass}::int
    where u.phone like ${`${sp}%`}`);
  await db.execute(sql`
    insert into memberships (school_id, user_id, role) select ${schoolId}, id, 'teacher' from users where phone like ${`${tp}%`}`);
  await db.execute(sql`
    insert into class_teachers (class_id, user_id, subject)
    select c.id, u.id, (${textArray(subjects)})[1 + substring(u.phone from ${tp.length + 1})::int]
    from classes c cross join users u where c.school_id = ${schoolId} and u.phone like ${`${tp}%`}`);
  // Assignment j of a class: subject j % 10 by its teacher, due j − 180 days from now (the last 20 still to come).
  await db.execute(sql`
    insert into homework_assignments (school_id, class_id, teacher_id, subject, title, body_text, due_at, created_at)
    select ${schoolId}, c.id, u.id, (${textArray(subjects)})[1 + j % 10], 'Задание ' || j || ': упражнения', 'Решите упражнения',
      now() + (j - ${Math.floor(size.assignments * 0.9)}) * interval '1 day', now() + (j - ${Math.floor(size.assignments * 0.9)} - 7) * interval '1 day'
    from classes c cross join generate_series(0, ${size.assignments - 1}) j
    join users u on u.phone = ${tp} || lpad((j % 10)::text, 6, '0')
    where c.school_id = ${schoolId}`);
  await db.execute(sql`
    insert into homework_submissions (assignment_id, student_id, text, submitted_at, late)
    select a.id, m.user_id, 'Ответ', a.due_at - interval '1 hour', false
    from homework_assignments a join memberships m on m.class_id = a.class_id and m.role = 'student'
    where a.school_id = ${schoolId} and a.due_at < now()`);
  await db.execute(sql`
    insert into homework_marks (assignment_id, student_id, value, comment, given_by, given_at, updated_at)
    select a.id, m.user_id, (2 + abs(hashtext(m.user_id::text || a.id::text)) % 4)::text, '', a.teacher_id,
      least(now(), a.due_at + interval '1 day'), least(now(), a.due_at + interval '1 day')
    from homework_assignments a join memberships m on m.class_id = a.class_id and m.role = 'student'
    where a.school_id = ${schoolId} and a.due_at < now()`);
  // The parent of the first student of the first two classes (or twice in one class when there is one).
  const kids = rowsOf<{ id: string; class_id: string }>(await db.execute(sql`
    select u.id, m.class_id from users u join memberships m on m.user_id = u.id and m.role = 'student'
    where u.phone in (${`${sp}000000`}, ${`${sp}${String(Math.min(size.perClass, students - 1)).padStart(6, '0')}`})`));
  const parent = rowsOf<{ id: string }>(await db.execute(sql`select id from users where phone = ${`${pp}000000`}`))[0]!.id;
  await db.execute(sql`insert into memberships (school_id, user_id, role) values (${schoolId}, ${parent}, 'parent')`);
  for (const k of kids) {
    await db.execute(sql`insert into parent_links (school_id, parent_id, child_id, class_id) values (${schoolId}, ${parent}, ${k.id}, ${k.class_id})`);
  }
  const teacher = rowsOf<{ id: string }>(await db.execute(sql`select id from users where phone = ${`${tp}000000`}`))[0]!.id;
  const firstClass = rowsOf<{ id: string }>(await db.execute(sql`select id from classes where school_id = ${schoolId} order by grade, letter limit 1`))[0]!.id;
  const count = async (table: string) =>
    Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${sql.raw(table)} t
      where exists (select 1 from homework_assignments a where a.id = t.${sql.raw(table === 'homework_assignments' ? 'id' : 'assignment_id')} and a.school_id = ${schoolId})`))[0]!.n);
  const session = (userId: string) => createSession({ db, clock: { now: () => new Date() }, secret }, userId, 'bench:journal');
  return {
    schoolId,
    classId: firstClass,
    subject: subjects[0]!,
    teacherCookie: `parta_session=${await session(teacher)}`,
    parentCookie: `parta_session=${await session(parent)}`,
    counts: {
      students,
      assignments: await count('homework_assignments'),
      submissions: await count('homework_submissions'),
      marks: await count('homework_marks'),
    },
  };
}
