import { type APIRequestContext, type Browser, expect } from '@playwright/test';
import { createAccountViaApi } from '../support/api.js';
import { demo, randomPhone } from '../support/accounts.js';
import { cyrillicTag } from '../support/names.js';
import { type Person, personIn } from './chat-support.js';

async function json<T>(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(res.ok(), `${res.url()} → ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** Гимназия №1 and the ids of its classes by name, as the administrator's own API calls see them. */
export async function gym1(api: APIRequestContext): Promise<{ schoolId: string; classes: Record<string, string> }> {
  const me = await json<{ data: { memberships: { schoolId: string; schoolName: string }[] } }>(await api.get('/api/me'));
  const schoolId = me.data.memberships.find((m) => m.schoolName === 'Гимназия №1')?.schoolId ?? '';
  const list = await json<{ data: { id: string; name: string }[] }>(await api.get(`/api/schools/${schoolId}/classes`));
  return { schoolId, classes: Object.fromEntries(list.data.map((c) => [c.name, c.id])) };
}

/**
 * A new parent (a Cyrillic name unique to the run) linked to two demo children of Гимназия №1 — Максим Волков of 7А
 * and Дарья Попова of 11А — the way people are linked: a parent's invitation per class, the parent ticks the child,
 * the administrator approves. The parent is signed in in a browser of their own; the administrator's browser closes.
 */
export async function parentOfTwo(browser: Browser): Promise<{ parent: Person; schoolId: string; classes: Record<string, string>; children: Record<string, string>; lastName: string }> {
  const admin = await personIn(browser, demo.admin);
  try {
    const { schoolId, classes } = await gym1(admin.page.request);
    const lastName = `Родителева${cyrillicTag(4).toLowerCase()}`;
    const phone = randomPhone();
    const password = 'Roditel-Dvoih-1';
    await createAccountViaApi({ phone, password, firstName: 'Тамара', lastName });
    const parent = await personIn(browser, phone, { password });
    const me = await json<{ data: { id: string } }>(await parent.page.request.get('/api/me'));
    const children: Record<string, string> = {};
    for (const [className, childName] of [['7А', 'Волков'], ['11А', 'Попова']] as const) {
      const invite = await json<{ data: { token: string } }>(
        await admin.page.request.post(`/api/schools/${schoolId}/invites`, { data: { role: 'parent', classId: classes[className] } }),
      );
      const students = await json<{ data: { students: { id: string; lastName: string }[] } }>(
        await parent.page.request.get(`/api/invites/${invite.data.token}/students`),
      );
      const child = students.data.students.find((s) => s.lastName === childName);
      expect(child, childName).toBeTruthy();
      children[className] = child!.id;
      await json(await parent.page.request.post(`/api/invites/${invite.data.token}/accept`, { data: { childIds: [child!.id] } }));
      const pending = await json<{ data: { id: string; applicant: { id: string } }[] }>(
        await admin.page.request.get(`/api/schools/${schoolId}/join-requests?status=pending`),
      );
      const mine = pending.data.find((r) => r.applicant.id === me.data.id);
      expect(mine, 'the parent’s request').toBeTruthy();
      await json(await admin.page.request.post(`/api/join-requests/${mine!.id}/approve`));
    }
    // The approvals gave the parent a new role: the page learns it on load.
    await parent.page.reload();
    return { parent, schoolId, classes, children, lastName };
  } finally {
    await admin.context.close();
  }
}

/** The mathematics teacher of 7А gives the whole class an assignment due tomorrow; returns its id. */
export async function giveMathsHomework(api: APIRequestContext, classId: string, title: string): Promise<string> {
  const res = await api.post(`/api/classes/${classId}/assignments`, {
    data: { subject: 'Математика', title, bodyHtml: '<p>Решите задачи из учебника</p>', dueAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
  return (await json<{ data: { id: string } }>(res)).data.id;
}
