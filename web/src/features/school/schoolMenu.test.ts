import { describe, expect, it } from 'vitest';
import ru from '../../i18n/ru.json';
import { visibleMenu } from './schoolMenu';

const none = { manage: false, invite: false, reviewRequests: false, createClass: false };

describe('the school menu', () => {
  it('an administrator sees the guide’s eleven items in its order, then «Новости школы», «Сообщество», «Жалобы» and «Журнал действий»', () => {
    const items = visibleMenu({ manage: true, invite: true, reviewRequests: true, createClass: true });
    expect(items.map((k) => ru.schoolMenu[k])).toEqual([
      'Документы школы', 'Видео школы', 'Статьи', 'Участники', 'Классы', 'Публичные чаты', 'Информация',
      'Обращения в школу', 'Руководители', 'Заявки', 'Приглашения по ссылке', 'Новости школы', 'Сообщество', 'Жалобы',
      'Журнал действий',
    ]);
  });

  it('a student does not see «Заявки», «Приглашения по ссылке», «Жалобы» or «Журнал действий»', () => {
    const items = visibleMenu(none);
    expect(items).not.toContain('requests');
    expect(items).not.toContain('invites');
    expect(items).not.toContain('reports');
    expect(items).not.toContain('audit');
    expect(items).toHaveLength(11);
    expect(items.slice(-2)).toEqual(['news', 'community']);
  });
});
