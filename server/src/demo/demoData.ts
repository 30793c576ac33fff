import type { Role } from '@parta/contracts';
import type { schools } from '../db/schema.js';

export interface DemoSchool {
  key: string;
  info: typeof schools.$inferInsert;
  classes: { grade: number; letter: string; profile?: string }[];
}

export interface DemoPerson {
  phone: string;
  firstName: string;
  lastName: string;
  middleName: string;
  gender: 'female' | 'male';
  birthDate: string;
  isOperator?: boolean;
  roles?: { school: string; role: Role; classes?: string[]; subjects?: string[]; title?: string }[];
  requests?: { school: string; role: 'teacher' | 'student' | 'parent'; classes: string[]; subjects: string[]; comment: string };
}

export const demoSchools: DemoSchool[] = [
  {
    key: 'gym1',
    info: {
      name: 'Гимназия №1',
      country: 'Россия',
      city: 'Москва',
      address: 'ул. Тверская, 15',
      phone: '+7 495 123-45-67',
      site: 'https://gym1.example.ru',
      email: 'info@gym1.example.ru',
      description:
        'Государственная гимназия с углублённым изучением гуманитарных предметов. 5–11 классы, ' +
        'профильные классы социально-гуманитарного направления, кружки и олимпиадная подготовка.',
    },
    classes: [
      { grade: 7, letter: 'А' },
      { grade: 11, letter: 'А', profile: 'социально-гуманитарный' },
    ],
  },
  {
    key: 'school57',
    info: { name: 'Школа №57', country: 'Россия', city: 'Москва', address: 'Малый Знаменский пер., 7/10' },
    classes: [
      { grade: 5, letter: 'А' },
      { grade: 9, letter: 'Б', profile: 'физико-математический' },
    ],
  },
  {
    key: 'spb239',
    info: { name: 'Президентский физико-математический лицей №239', country: 'Россия', city: 'Санкт-Петербург', address: 'Кирочная ул., 8' },
    classes: [
      { grade: 8, letter: 'А' },
      { grade: 10, letter: 'В', profile: 'физико-математический' },
    ],
  },
];

/** The four accounts the README lists come first; the rest fill the school with life. */
export const demoPeople: DemoPerson[] = [
  { phone: '+79000000000', firstName: 'Андрей', lastName: 'Соколов', middleName: 'Викторович', gender: 'male', birthDate: '1982-03-14', isOperator: true },
  {
    phone: '+79000000001', firstName: 'Елена', lastName: 'Смирнова', middleName: 'Сергеевна', gender: 'female', birthDate: '1978-11-02',
    roles: [{ school: 'gym1', role: 'admin' }],
  },
  {
    phone: '+79000000002', firstName: 'Ирина', lastName: 'Кузнецова', middleName: 'Александровна', gender: 'female', birthDate: '1985-06-21',
    roles: [{ school: 'gym1', role: 'teacher', classes: ['7А'], subjects: ['Математика'] }],
  },
  {
    phone: '+79000000003', firstName: 'Максим', lastName: 'Волков', middleName: 'Андреевич', gender: 'male', birthDate: '2013-02-09',
    roles: [{ school: 'gym1', role: 'student', classes: ['7А'] }],
  },
  {
    phone: '+79000000004', firstName: 'Наталья', lastName: 'Орлова', middleName: 'Владимировна', gender: 'female', birthDate: '1970-09-30',
    roles: [
      { school: 'gym1', role: 'leader', title: 'Директор' },
      { school: 'gym1', role: 'teacher', classes: ['11А'], subjects: ['Русский язык', 'Литература'] },
    ],
  },
  {
    phone: '+79000000005', firstName: 'Павел', lastName: 'Лебедев', middleName: 'Игоревич', gender: 'male', birthDate: '1988-01-17',
    roles: [
      { school: 'gym1', role: 'leader', title: 'Заместитель директора по УВР' },
      { school: 'gym1', role: 'teacher', classes: ['7А', '11А'], subjects: ['История', 'Обществознание'] },
    ],
  },
  {
    phone: '+79000000006', firstName: 'Ольга', lastName: 'Козлова', middleName: 'Николаевна', gender: 'female', birthDate: '1991-04-05',
    roles: [{ school: 'gym1', role: 'teacher', classes: ['7А', '11А'], subjects: ['Английский язык'] }],
  },
  ...[
    ['+79000000011', 'Анна', 'Морозова', 'Дмитриевна', 'female', '2013-05-12', '7А'],
    ['+79000000012', 'Артём', 'Новиков', 'Сергеевич', 'male', '2012-12-01', '7А'],
    ['+79000000013', 'София', 'Фёдорова', 'Павловна', 'female', '2013-08-23', '7А'],
    ['+79000000014', 'Дарья', 'Попова', 'Алексеевна', 'female', '2008-03-19', '11А'],
    ['+79000000015', 'Кирилл', 'Васильев', 'Михайлович', 'male', '2008-10-07', '11А'],
    ['+79000000016', 'Полина', 'Егорова', 'Игоревна', 'female', '2009-01-28', '11А'],
  ].map(([phone, firstName, lastName, middleName, gender, birthDate, cls]) => ({
    phone: phone!, firstName: firstName!, lastName: lastName!, middleName: middleName!,
    gender: gender as 'female' | 'male', birthDate: birthDate!,
    roles: [{ school: 'gym1', role: 'student' as const, classes: [cls!] }],
  })),
  {
    phone: '+79000000010', firstName: 'Сергей', lastName: 'Зайцев', middleName: 'Петрович', gender: 'male', birthDate: '1984-07-11',
    requests: { school: 'gym1', role: 'teacher', classes: ['11А'], subjects: ['Физика'], comment: 'Преподаю физику 12 лет, готов вести 11А.' },
  },
];
