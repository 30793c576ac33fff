import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { PhoneStep } from './PhoneStep';

afterEach(() => vi.unstubAllGlobals());

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('PhoneStep', () => {
  it('shows the Russian error for an incomplete number and sends nothing', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderWithApp(<PhoneStep initial="" onIdentified={() => {}} />);
    fireEvent.change(screen.getByLabelText('Номер телефона'), { target: { value: '+7 900' } });
    fireEvent.click(screen.getByRole('button', { name: 'Войти или создать аккаунт' }));
    expect(await screen.findByText('Введите номер мобильного телефона полностью, например +7 900 000-00-00')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends a valid number and hands the answer on', async () => {
    const answer = { phone: '+79000000001', next: 'password', purpose: null, resendInSeconds: 0, displayName: 'Илья Ч.' };
    const fetchMock = vi.fn().mockResolvedValue(jsonResponse(200, answer));
    vi.stubGlobal('fetch', fetchMock);
    const onIdentified = vi.fn();
    renderWithApp(<PhoneStep initial="" onIdentified={onIdentified} />);
    fireEvent.change(screen.getByLabelText('Номер телефона'), { target: { value: '8 900 000-00-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Войти или создать аккаунт' }));
    await waitFor(() => expect(onIdentified).toHaveBeenCalledWith(answer));
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/auth/identify');
  });

  it('shows a refusal from the server in Russian, whatever the server wrote', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(jsonResponse(429, { error: { code: 'rate_limited', message: 'Too many' } })));
    renderWithApp(<PhoneStep initial="" onIdentified={() => {}} />);
    fireEvent.change(screen.getByLabelText('Номер телефона'), { target: { value: '+79000000001' } });
    fireEvent.click(screen.getByRole('button', { name: 'Войти или создать аккаунт' }));
    expect(await screen.findByText('Слишком много попыток. Попробуйте позже')).toBeTruthy();
    expect(screen.queryByText('Too many')).toBeNull();
  });
});
