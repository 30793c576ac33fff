import { type APIRequestContext, expect, request } from '@playwright/test';
import type { TestPhone } from './accounts.js';
import { baseUrl } from './paths.js';
import { markLog, readSmsCode } from './sms.js';

export interface NewAccount {
  phone: TestPhone;
  password: string;
  firstName: string;
  lastName: string;
}

async function post(api: APIRequestContext, path: string, data: object): Promise<Record<string, unknown>> {
  const res = await api.post(`/api${path}`, { data });
  const body = (await res.json()) as Record<string, unknown>;
  expect(res.ok(), `POST ${path} → ${res.status()} ${JSON.stringify(body)}`).toBe(true);
  return body;
}

/**
 * Creates an account through the API (its own cookie jar, so the browser stays a device the
 * account has never used). For tests whose subject is sign-in, not sign-up.
 */
export async function createAccountViaApi(account: NewAccount): Promise<void> {
  const api = await request.newContext({ baseURL: baseUrl });
  try {
    const mark = markLog();
    const identified = await post(api, '/auth/identify', { phone: account.phone.e164 });
    expect(identified).toMatchObject({ next: 'code', purpose: 'login' });
    const code = await readSmsCode(account.phone.e164, mark);
    const verified = await post(api, '/auth/verify', { phone: account.phone.e164, purpose: 'login', code });
    expect(verified).toMatchObject({ account: 'new' });
    await post(api, '/auth/signup', {
      verificationToken: verified.verificationToken,
      password: account.password,
      firstName: account.firstName,
      lastName: account.lastName,
      gender: 'male',
      birthDate: '1985-03-14',
      acceptTerms: true,
    });
  } finally {
    await api.dispose();
  }
}
