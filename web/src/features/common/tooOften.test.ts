import { describe, expect, it } from 'vitest';
import { parseErrorBody } from '../../api/client';
import { i18n, initI18n } from '../../i18n';
import { sendErrorText } from './tooOften';

initI18n('ru');
const t = i18n.getFixedT('ru');

describe('a refused send of a question, feedback or appeal', () => {
  it('says «Слишком часто — подождите N с» with the server’s wait', () => {
    const e = parseErrorBody(429, { error: { code: 'rate_limited', message: 'x', retryInSeconds: 42 } });
    expect(sendErrorText(t, e)).toBe('Слишком часто — подождите 42 с');
    expect(sendErrorText(t, parseErrorBody(429, null, '17'))).toBe('Слишком часто — подождите 17 с');
  });

  it('any other refusal reads as usual', () => {
    expect(sendErrorText(t, parseErrorBody(400, { error: { code: 'invalid_input', message: 'x' } }))).toBe('Проверьте введённые данные');
  });
});
