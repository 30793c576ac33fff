import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { LoginPage, safeNext } from './LoginPage';

afterEach(() => vi.unstubAllGlobals());
// Each step after the phone loads its own code when it comes (LoginPage.tsx), as the number's check does: the first
// import of a module in this test runner can take seconds on a busy machine.
configure({ asyncUtilTimeout: 10_000 });

const me = {
  id: '00000000-0000-4000-8000-000000000001',
  phone: '+79005550011',
  firstName: 'Яна',
  lastName: 'Рощина',
  middleName: null,
  gender: 'female',
  birthDate: '1992-07-22',
  locale: 'ru',
  isOperator: false,
  memberships: [],
  classes: [],
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A fake API: answers by method and path, records what was sent. */
function fakeApi(routes: Record<string, (body: unknown) => Response>) {
  const calls: { key: string; body: unknown }[] = [];
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${url.replace(/^\/api/, '').replace(/\?.*$/, '')}`;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ key, body });
    const handler = routes[key];
    return handler ? handler(body) : json(404, { error: { code: 'not_found', message: 'x' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}
function press(name: string) {
  fireEvent.click(screen.getByRole('button', { name }));
}

describe('«Войти или создать аккаунт»', () => {
  it('a new person goes phone → code → password → information → school', async () => {
    const calls = fakeApi({
      'GET /me': () => json(401, { error: { code: 'unauthenticated', message: 'x' } }),
      'POST /auth/identify': () =>
        json(200, { phone: '+79005550011', next: 'code', purpose: 'login', resendInSeconds: 106, displayName: null }),
      'POST /auth/verify': () => json(200, { verificationToken: 'ticket', account: 'new' }),
      'POST /auth/signup': () => json(200, { data: me }),
      'GET /registry/countries': () => json(200, { data: ['Россия'] }),
    });
    renderWithApp(<LoginPage />, { route: '/login' });

    await screen.findByLabelText('Номер телефона');
    fill('Номер телефона', '+7 900 555-00-11');
    press('Войти или создать аккаунт');
    expect(await screen.findByText('Подтвердите номер')).toBeTruthy();
    expect(screen.getByText('SMS придёт в течение 01:46')).toBeTruthy();

    fill('Код подтверждения', '123456');
    press('Далее');
    expect(await screen.findByText('Придумайте пароль')).toBeTruthy();
    // Mismatch is caught before anything is sent.
    fill('Введите пароль', 'Krepkiy-parol-7');
    fill('Подтвердите пароль', 'Krepkiy-parol-8');
    press('Далее');
    expect(await screen.findByText('Пароли не совпадают')).toBeTruthy();
    fill('Подтвердите пароль', 'Krepkiy-parol-7');
    press('Далее');

    expect(await screen.findByText('Информация')).toBeTruthy();
    fill('Имя', 'Яна');
    fill('Фамилия', 'Рощина');
    fireEvent.click(screen.getByRole('radio', { name: 'Женский' }));
    // The calendar's code loads with this step (common/DateFields.tsx): the field is editable once it has.
    await waitFor(() => expect(screen.getByLabelText('Дата рождения').hasAttribute('disabled')).toBe(false));
    fill('Дата рождения', '22.07.1992');
    press('Продолжить');

    expect(await screen.findByRole('heading', { name: 'Учебное заведение' })).toBeTruthy();
    const signup = calls.find((c) => c.key === 'POST /auth/signup');
    expect(signup?.body).toMatchObject({
      verificationToken: 'ticket',
      password: 'Krepkiy-parol-7',
      firstName: 'Яна',
      lastName: 'Рощина',
      gender: 'female',
      birthDate: '1992-07-22',
      acceptTerms: true,
    });
    expect(calls.find((c) => c.key === 'POST /auth/verify')?.body).toEqual({ phone: '+79005550011', purpose: 'login', code: '123456' });
  }, 30_000);

  it('an existing account on a known device goes straight to the password; «Это не я» goes back', async () => {
    fakeApi({
      'GET /me': () => json(401, { error: { code: 'unauthenticated', message: 'x' } }),
      'POST /auth/identify': () =>
        json(200, { phone: '+79000000001', next: 'password', purpose: null, resendInSeconds: 0, displayName: 'Вадим Ж.' }),
      'POST /auth/signin': () => json(401, { error: { code: 'wrong_password', message: 'Wrong password' } }),
    });
    renderWithApp(<LoginPage />, { route: '/login' });
    await screen.findByLabelText('Номер телефона');
    fill('Номер телефона', '+7 900 000-00-01');
    press('Войти или создать аккаунт');
    expect(await screen.findByText('Войти в аккаунт')).toBeTruthy();
    expect(screen.getByText('Вадим Ж.')).toBeTruthy();
    fill('Введите пароль', 'not-it');
    press('Войти');
    expect(await screen.findByText('Неверный пароль')).toBeTruthy();
    press('Это не я');
    expect(await screen.findByLabelText('Номер телефона')).toBeTruthy();
  });

  it('«Забыли пароль?» asked too soon counts the server\'s wait down and offers the link again at zero', async () => {
    let now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const calls = fakeApi({
      'GET /me': () => json(401, { error: { code: 'unauthenticated', message: 'x' } }),
      'POST /auth/identify': () =>
        json(200, { phone: '+79000000001', next: 'password', purpose: null, resendInSeconds: 0, displayName: 'Вадим Ж.' }),
      'POST /auth/code': () =>
        json(429, { error: { code: 'otp_resend_too_soon', message: 'x', retryInSeconds: 107 } }),
    });
    renderWithApp(<LoginPage />, { route: '/login' });
    await screen.findByLabelText('Номер телефона');
    fill('Номер телефона', '+7 900 000-00-01');
    press('Войти или создать аккаунт');
    await screen.findByText('Войти в аккаунт');
    press('Забыли пароль?');
    expect(await screen.findByText('Новый код можно запросить через 1:47')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Забыли пароль?' })).toBeNull();
    expect(screen.queryByText('Новый код можно запросить чуть позже')).toBeNull();
    now += 60_000;
    expect(await screen.findByText('Новый код можно запросить через 0:47')).toBeTruthy();
    now += 47_000;
    expect(await screen.findByRole('button', { name: 'Забыли пароль?' })).toBeTruthy();
    expect(calls.filter((c) => c.key === 'POST /auth/code')).toEqual([
      { key: 'POST /auth/code', body: { phone: '+79000000001', purpose: 'reset' } },
    ]);
    vi.restoreAllMocks();
  });

  it('«запросите ещё один» refused as too soon says how long to wait, not «чуть позже»', async () => {
    fakeApi({
      'GET /me': () => json(401, { error: { code: 'unauthenticated', message: 'x' } }),
      'POST /auth/identify': () =>
        json(200, { phone: '+79000000001', next: 'code', purpose: 'login', resendInSeconds: 0, displayName: null }),
      'POST /auth/code': () =>
        json(429, { error: { code: 'otp_resend_too_soon', message: 'x', retryInSeconds: 30 } }),
    });
    renderWithApp(<LoginPage />, { route: '/login' });
    await screen.findByLabelText('Номер телефона');
    fill('Номер телефона', '+7 900 000-00-01');
    press('Войти или создать аккаунт');
    await screen.findByText('Подтвердите номер');
    press('запросите ещё один');
    expect(await screen.findByText(/Новый код можно запросить через 0:(30|29)/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'запросите ещё один' })).toBeNull();
    expect(screen.queryByText('Новый код можно запросить чуть позже')).toBeNull();
  });

  it('an existing account on a new device: the same code screen, then the password with the ticket', async () => {
    const calls = fakeApi({
      'GET /me': () => json(401, { error: { code: 'unauthenticated', message: 'x' } }),
      'POST /auth/identify': () =>
        json(200, { phone: '+79000000001', next: 'code', purpose: 'login', resendInSeconds: 120, displayName: null }),
      'POST /auth/verify': () => json(200, { verificationToken: 'ticket', account: 'existing' }),
      'POST /auth/signin': () => json(401, { error: { code: 'wrong_password', message: 'x' } }),
    });
    renderWithApp(<LoginPage />, { route: '/login' });
    await screen.findByLabelText('Номер телефона');
    fill('Номер телефона', '+7 900 000-00-01');
    press('Войти или создать аккаунт');
    await screen.findByText('Подтвердите номер');
    fill('Код подтверждения', '123456');
    press('Далее');
    expect(await screen.findByText('Войти в аккаунт')).toBeTruthy();
    fill('Введите пароль', 'not-it');
    press('Войти');
    expect(await screen.findByText('Неверный пароль')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /auth/signin')?.body).toEqual({ phone: '+79000000001', password: 'not-it', verificationToken: 'ticket' });
  });

  it('a limit with a wait says it in Russian: «Слишком много попыток. Попробуйте через 0:30»', async () => {
    fakeApi({
      'GET /me': () => json(401, { error: { code: 'unauthenticated', message: 'x' } }),
      'POST /auth/identify': () =>
        json(200, { phone: '+79000000001', next: 'password', purpose: null, resendInSeconds: 0, displayName: 'Вадим Ж.' }),
      'POST /auth/signin': () => json(429, { error: { code: 'rate_limited', message: 'x', retryInSeconds: 30 } }),
    });
    renderWithApp(<LoginPage />, { route: '/login' });
    await screen.findByLabelText('Номер телефона');
    fill('Номер телефона', '+7 900 000-00-01');
    press('Войти или создать аккаунт');
    await screen.findByText('Войти в аккаунт');
    fill('Введите пароль', 'parta-demo');
    press('Войти');
    expect(await screen.findByText('Слишком много попыток. Попробуйте через 0:30')).toBeTruthy();
  });

  it('from an invitation, sign-in goes back to the invitation', async () => {
    fakeApi({
      'GET /me': () => json(401, { error: { code: 'unauthenticated', message: 'x' } }),
      'POST /auth/identify': () =>
        json(200, { phone: '+79000000002', next: 'password', purpose: null, resendInSeconds: 0, displayName: null }),
      'POST /auth/signin': () => json(200, { data: me }),
    });
    renderWithApp(
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/invite/:token" element={<p>invite page</p>} />
      </Routes>,
      { route: '/login?invite=abc' },
    );
    await screen.findByLabelText('Номер телефона');
    fill('Номер телефона', '+7 900 000-00-02');
    press('Войти или создать аккаунт');
    await screen.findByText('Войти в аккаунт');
    fill('Введите пароль', 'parta-demo');
    press('Войти');
    await waitFor(() => expect(screen.getByText('invite page')).toBeTruthy());
  });

  it('follows only same-site paths after sign-in', () => {
    expect(safeNext('/schools/1')).toBe('/schools/1');
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
