import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, initI18n, loadLanguage } from '../../i18n';
import { roleTitle, roleWithClass } from './roleLabel';

initI18n('ru');
// English is fetched when chosen (i18n/index.ts); these tests read it too.
beforeAll(() => loadLanguage('en'));

describe('role labels', () => {
  it('words the invitation role as the guide does', () => {
    const t = i18n.getFixedT('ru');
    expect(roleWithClass(t, 'teacher', '7А')).toBe('учитель в 7А класс');
    expect(roleWithClass(t, 'student', '11А')).toBe('ученик в 11А класс');
    expect(roleWithClass(t, 'admin', null)).toBe('администратор');
    expect(roleWithClass(t, 'leader', null)).toBe('руководитель');
    expect(roleTitle(t, 'admin')).toBe('Администратор');
  });

  it('has an English form', () => {
    expect(roleWithClass(i18n.getFixedT('en'), 'teacher', '7А')).toBe('teacher in class 7А');
  });
});
