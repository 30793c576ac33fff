import type { Me, MyClass } from '@parta/contracts';

/** A class I teach (or learn in), as `me` carries it: name, school, my subjects there. */
export type TeachingClass = MyClass;

/** The classes a teacher teaches, straight from `me` (no request per school and class). */
export function teachingClasses(me: Me | undefined | null): TeachingClass[] {
  return (me?.classes ?? []).filter((c) => c.role === 'teacher');
}
