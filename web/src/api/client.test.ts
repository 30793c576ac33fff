import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, initI18n, loadLanguage } from '../i18n';
import { ApiError, parseErrorBody, toErrorCode } from './client';
import { errorText, fieldErrors } from './errorText';

initI18n('ru');
// English is fetched when chosen (i18n/index.ts); these tests read it too.
beforeAll(() => loadLanguage('en'));
const t = i18n.getFixedT('ru');

describe('error codes to messages', () => {
  it('reads the server error shape', () => {
    const e = parseErrorBody(401, { error: { code: 'wrong_password', message: 'Неверный пароль' } });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('wrong_password');
    expect(e.status).toBe(401);
  });

  it('shows the Russian text for the code, not the server message', () => {
    const e = parseErrorBody(400, { error: { code: 'otp_invalid', message: 'Wrong code' } });
    expect(errorText(t, e)).toBe('Неверный код');
  });

  it('an unknown code or a foreign body becomes the generic text, never raw', () => {
    expect(toErrorCode('SQLITE_BUSY')).toBe('internal');
    const e = parseErrorBody(500, '<html>Stack trace: at Object.<anonymous></html>');
    expect(errorText(t, e)).toBe('Что-то пошло не так. Попробуйте ещё раз');
    expect(errorText(t, new TypeError('Failed to fetch'))).toBe('Что-то пошло не так. Попробуйте ещё раз');
  });

  it('a file too large says the limit, in the one size format of the app', () => {
    const e = parseErrorBody(413, { error: { code: 'file_too_large', message: 'x', maxBytes: 50 * 1024 * 1024 } });
    expect(e.maxBytes).toBe(50 * 1024 * 1024);
    expect(errorText(t, e)).toBe('Файл слишком большой: можно не больше 50 МБ');
    expect(errorText(t, parseErrorBody(413, { error: { code: 'file_too_large', message: 'x' } }))).toBe('Файл слишком большой');
  });

  it('a 404 or 429 without a body still gets its own text', () => {
    expect(parseErrorBody(404, null).code).toBe('not_found');
    expect(errorText(t, parseErrorBody(429, null))).toBe('Слишком много попыток. Попробуйте позже');
  });

  it('too many requests says how long to wait, from the body or else from Retry-After', () => {
    const body = { error: { code: 'rate_limited', message: 'x', retryInSeconds: 8 } };
    expect(errorText(t, parseErrorBody(429, body, '8'))).toBe('Слишком много запросов. Попробуйте снова через 8 с');
    expect(errorText(t, parseErrorBody(429, { error: { code: 'rate_limited', message: 'x' } }, '540'))).toBe(
      'Слишком много запросов. Попробуйте снова через 9 мин',
    );
    expect(errorText(t, parseErrorBody(429, null, '30'))).toBe('Слишком много запросов. Попробуйте снова через 30 с');
    // No wait known (or a date, which the API never sends): the plain text.
    expect(errorText(t, parseErrorBody(429, null, 'Wed, 21 Oct 2026 07:28:00 GMT'))).toBe('Слишком много попыток. Попробуйте позже');
    expect(errorText(i18n.getFixedT('en'), parseErrorBody(429, body))).toBe('Too many requests. Try again in 8 s');
  });

  it('field errors map codes to texts and anything else to a generic hint', () => {
    const e = parseErrorBody(400, {
      error: {
        code: 'invalid_input',
        message: 'x',
        fields: [
          { path: 'adminPhone', message: 'invalid_phone' },
          { path: 'email', message: 'Invalid string: must match pattern' },
        ],
      },
    });
    expect(fieldErrors(t, e)).toEqual({
      adminPhone: 'Введите номер мобильного телефона полностью, например +7 900 000-00-00',
      email: 'Проверьте это поле',
    });
  });

  it('English texts come from the same codes', () => {
    const en = i18n.getFixedT('en');
    expect(errorText(en, new ApiError('wrong_password', 401))).toBe('Wrong password');
  });
});
