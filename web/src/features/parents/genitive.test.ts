import { describe, expect, it } from 'vitest';
import { genitiveName } from './genitive';

describe('genitiveName', () => {
  it('declines common Russian names', () => {
    expect(genitiveName('Мария', 'Волкова', 'female')).toBe('Марии Волковой');
    expect(genitiveName('Анна', 'Смирнова', 'female')).toBe('Анны Смирновой');
    expect(genitiveName('Ольга', 'Толстая', 'female')).toBe('Ольги Толстой');
    expect(genitiveName('Иван', 'Волков', 'male')).toBe('Ивана Волкова');
    expect(genitiveName('Андрей', 'Левицкий', 'male')).toBe('Андрея Левицкого');
    expect(genitiveName('Игорь', 'Толстой', 'male')).toBe('Игоря Толстого');
    expect(genitiveName('Никита', 'Черных', 'male')).toBe('Никиты Черных');
    expect(genitiveName('Илья', 'Шевченко', 'male')).toBe('Ильи Шевченко');
  });
  it('leaves names it does not know as written', () => {
    expect(genitiveName('Любовь', 'Гаврилюк', 'female')).toBe('Любовь Гаврилюк');
  });
});
