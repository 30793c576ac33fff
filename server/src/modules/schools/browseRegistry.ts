import type { z } from 'zod';
import type { registryClassesResponse, registrySearchQuery, registrySearchResponse } from '@parta/contracts';
import { and, asc, eq, ilike } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { classes, schools } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { findSchool } from './queries.js';
import { className } from './people.js';

/** How many schools one search shows: a person narrows by city or name rather than scrolling. */
const SEARCH_LIMIT = 50;

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** ORG-1: the countries that have schools in the registry. Signed in only. */
export async function listCountries(db: Db, actor: Actor | null): Promise<string[]> {
  requireActor(actor);
  const rows = await db.selectDistinct({ v: schools.country }).from(schools).orderBy(asc(schools.country));
  return rows.map((r) => r.v);
}

/** ORG-1: the cities of a country that have schools. */
export async function listCities(db: Db, actor: Actor | null, country: string | undefined): Promise<string[]> {
  requireActor(actor);
  const rows = await db
    .selectDistinct({ v: schools.city })
    .from(schools)
    .where(country ? eq(schools.country, country) : undefined)
    .orderBy(asc(schools.city));
  return rows.map((r) => r.v);
}

/** ORG-1: schools by country and city, and by a part of the name in any case. */
export async function searchSchools(
  db: Db,
  actor: Actor | null,
  query: z.infer<typeof registrySearchQuery>,
): Promise<z.infer<typeof registrySearchResponse>['data']> {
  requireActor(actor);
  return db
    .select({ id: schools.id, name: schools.name, country: schools.country, city: schools.city, address: schools.address })
    .from(schools)
    .where(
      and(
        query.country ? eq(schools.country, query.country) : undefined,
        query.city ? eq(schools.city, query.city) : undefined,
        query.q ? ilike(schools.name, likePattern(query.q)) : undefined,
      ),
    )
    .orderBy(asc(schools.name))
    .limit(SEARCH_LIMIT);
}

/**
 * Step 5 «Учебное заведение»: the classes an applicant picks from. Names only: who is in them
 * stays inside the school.
 */
export async function listRegistryClasses(
  db: Db,
  actor: Actor | null,
  schoolId: string,
): Promise<z.infer<typeof registryClassesResponse>['data']> {
  requireActor(actor);
  if (!(await findSchool(db, schoolId))) throw notFound();
  const rows = await db
    .select({ id: classes.id, grade: classes.grade, letter: classes.letter, profile: classes.profile })
    .from(classes)
    .where(eq(classes.schoolId, schoolId))
    .orderBy(asc(classes.grade), asc(classes.letter));
  return rows.map((c) => ({ id: c.id, name: className(c.grade, c.letter), profile: c.profile }));
}
