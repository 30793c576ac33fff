import { formatSize } from './formatSize.js';

/**
 * Every 4xx the API answers carries one of these stable codes. The server sends the message in
 * the request's language; the web UI maps the code to its own i18n text, so both stay in step.
 */
export const errorMessages = {
  invalid_input: { ru: 'Проверьте введённые данные', en: 'Please check what you entered' },
  invalid_phone: { ru: 'Введите номер мобильного телефона полностью, например +7 900 000-00-00', en: 'Enter the full mobile number, e.g. +7 900 000-00-00' },
  unauthenticated: { ru: 'Войдите в аккаунт', en: 'Please sign in' },
  forbidden: { ru: 'Недостаточно прав', en: 'You are not allowed to do this' },
  not_found: { ru: 'Не найдено', en: 'Not found' },
  bad_origin: { ru: 'Запрос отклонён: неверный источник', en: 'Request refused: wrong origin' },
  rate_limited: { ru: 'Слишком много попыток. Попробуйте позже', en: 'Too many attempts. Try again later' },
  otp_resend_too_soon: { ru: 'Новый код можно запросить чуть позже', en: 'You can request a new code a little later' },
  otp_invalid: { ru: 'Неверный код', en: 'Wrong code' },
  otp_expired: { ru: 'Срок действия кода истёк. Запросите новый код', en: 'The code has expired. Request a new one' },
  otp_attempts_exceeded: { ru: 'Слишком много неверных попыток. Запросите новый код', en: 'Too many wrong tries. Request a new code' },
  otp_required: { ru: 'Подтвердите вход кодом из SMS', en: 'Confirm sign-in with the SMS code' },
  verification_invalid: { ru: 'Подтверждение номера устарело. Начните заново', en: 'Phone confirmation has expired. Please start again' },
  phone_taken: { ru: 'Аккаунт с этим номером уже есть. Войдите в него', en: 'An account with this number exists. Please sign in' },
  account_not_found: { ru: 'Аккаунт с этим номером не найден', en: 'No account with this number' },
  wrong_password: { ru: 'Неверный пароль', en: 'Wrong password' },
  password_too_weak: { ru: 'Пароль слишком простой: не меньше 8 символов, не только цифры и не распространённый пароль', en: 'The password is too weak: at least 8 characters, not only digits and not a common password' },
  password_mismatch: { ru: 'Пароли не совпадают', en: 'Passwords do not match' },
  invite_invalid: { ru: 'Приглашение недействительно: срок истёк, ссылка отозвана или использована', en: 'The invitation is no longer valid: expired, revoked or used up' },
  already_member: { ru: 'Вы уже состоите в этом учебном заведении с этой ролью', en: 'You already have this role in this school' },
  request_pending: { ru: 'Ваша заявка в это учебное заведение уже на рассмотрении', en: 'Your request to this school is already being reviewed' },
  request_already_decided: { ru: 'Заявка уже рассмотрена', en: 'The request has already been decided' },
  class_exists: { ru: 'Такой класс уже есть', en: 'This class already exists' },
  class_required: { ru: 'Выберите класс', en: 'Choose a class' },
  subject_required: { ru: 'Выберите хотя бы один предмет', en: 'Choose at least one subject' },
  last_admin: { ru: 'Нельзя убрать последнего администратора школы', en: 'The last administrator of a school cannot be removed' },
  sms_failed: { ru: 'Не удалось отправить SMS. Попробуйте ещё раз через минуту', en: 'The SMS could not be sent. Please try again in a minute' },
  file_too_large: { ru: 'Файл слишком большой', en: 'The file is too large' },
  storage_quota_exceeded: { ru: 'Превышена квота хранилища', en: 'Storage quota exceeded' },
  file_type_forbidden: { ru: 'Такие файлы загружать нельзя: исполняемые файлы и скрипты запрещены', en: 'This type of file cannot be uploaded: programs and scripts are not allowed' },
  poll_closed: { ru: 'Голосование завершено', en: 'Voting has ended' },
  poll_vote_final: { ru: 'В этом опросе голос нельзя изменить или отменить', en: 'In this poll a vote cannot be changed or taken back' },
  video_type_unsupported: { ru: 'Загрузите видео в формате MP4 или WebM', en: 'Upload a video in MP4 or WebM format' },
  uploads_too_many: { ru: 'Слишком много незавершённых загрузок: дождитесь окончания одной из них или отмените её', en: 'Too many unfinished uploads: wait for one to finish or cancel it' },
  image_invalid: { ru: 'Это не изображение: загрузите фото в формате JPEG, PNG, GIF или WebP', en: 'This is not a picture: upload a JPEG, PNG, GIF or WebP photo' },
  folder_exists: { ru: 'Папка с таким названием уже есть', en: 'A folder with this name already exists' },
  lesson_full: { ru: 'В уроке уже 100 участников — это максимум. Попробуйте позже или попросите учителя', en: 'The lesson already has 100 participants, the maximum. Try later or ask the teacher' },
  lesson_locked: { ru: 'Учитель закрыл урок для новых участников', en: 'The teacher has closed the lesson to newcomers' },
  lesson_removed: { ru: 'Учитель удалил вас из урока', en: 'The teacher has removed you from the lesson' },
  lesson_ended: { ru: 'Урок уже закончился', en: 'The lesson has already ended' },
  lesson_muted: { ru: 'Учитель выключил микрофоны всем участникам', en: 'The teacher has muted everyone' },
  chat_owner_role: { ru: 'Роль владельца чата изменить нельзя', en: 'The chat owner’s role cannot be changed' },
  time_zone_invalid: { ru: 'Неизвестный часовой пояс', en: 'Unknown time zone' },
  setup_local_only: {
    ru: 'Сервер настраивается только с компьютера, на котором он запущен: откройте адрес http://127.0.0.1 на нём',
    en: 'The server can be set up only from the machine it runs on: open http://127.0.0.1 there',
  },
  setup_not_empty: { ru: 'Демо-школу можно загрузить только в пустую базу данных', en: 'The demo school can be loaded only into an empty database' },
  homework_marked: { ru: 'Работа уже оценена: её нельзя забрать или сдать заново', en: 'The work has already been marked: it cannot be taken back or handed in again' },
  mark_scale: { ru: 'Эта оценка не подходит к заданию: выберите из его шкалы', en: 'This mark does not fit the assignment: choose from its scale' },
  homework_subject: { ru: 'Вы не ведёте этот предмет в этом классе', en: 'You do not teach this subject in this class' },
  not_a_teacher: { ru: 'Классным руководителем может быть только учитель этой школы', en: 'Only a teacher of this school can be a class teacher' },
  children_required: { ru: 'Отметьте своего ребёнка', en: 'Tick your child' },
  already_linked: { ru: 'Вы уже родитель этого ученика в этом классе', en: 'You are already this student’s parent in this class' },
  write_banned: { ru: 'Вам запрещено писать в этом чате', en: 'You may not write in this chat' },
  chat_blocked: { ru: 'Собеседник ограничил сообщения от вас в этом чате', en: 'This person has blocked your messages in this chat' },
  personal_chat_restricted: {
    ru: 'Ученики пишут лично только одноклассникам и учителям своего класса',
    en: 'Students may write personally only to classmates and the teachers of their class',
  },
  report_already_decided: { ru: 'Жалоба уже рассмотрена', en: 'The report has already been decided' },
  internal: { ru: 'Что-то пошло не так. Попробуйте ещё раз', en: 'Something went wrong. Please try again' },
} as const satisfies Record<string, { ru: string; en: string }>;

export type ErrorCode = keyof typeof errorMessages;

/**
 * The message of an error in a language, with the facts it carries: a file too large says the limit
 * («Файл слишком большой: можно не больше 50 МБ»), in the words and size format of the web app.
 */
export function errorMessage(
  code: ErrorCode,
  lang: 'ru' | 'en',
  details: { maxBytes?: unknown; usedBytes?: unknown; limitBytes?: unknown; retryInSeconds?: unknown; until?: unknown; perChat?: unknown } = {},
): string {
  const text = errorMessages[code][lang];
  // SAFE-1 flood control in a chat: «Слишком часто — подождите 12 с».
  if (code === 'rate_limited' && details.perChat === true && typeof details.retryInSeconds === 'number') {
    return lang === 'en' ? `Too often — wait ${details.retryInSeconds} s` : `Слишком часто — подождите ${details.retryInSeconds} с`;
  }
  if (code === 'write_banned' && typeof details.until === 'string') {
    return `${text} ${lang === 'en' ? 'until' : 'до'} ${formatUntil(details.until, lang)}`;
  }
  if (code === 'file_too_large' && typeof details.maxBytes === 'number') {
    return `${text}: ${lang === 'en' ? 'at most' : 'можно не больше'} ${formatSize(details.maxBytes, lang)}`;
  }
  if (code === 'storage_quota_exceeded' && typeof details.usedBytes === 'number' && typeof details.limitBytes === 'number') {
    const used = formatSize(details.usedBytes, lang);
    const limit = formatSize(details.limitBytes, lang);
    const said = lang === 'en' ? `${used} of ${limit} used. Delete files you no longer need` : `занято ${used} из ${limit}. Удалите ненужные файлы`;
    return `${text}: ${said}`;
  }
  return text;
}

/** A ban's end as the reader reads it: «08.12.2026, 14:05» (Moscow time when the server writes it; the web words its own). */
function formatUntil(iso: string, lang: 'ru' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'ru-RU', {
    day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Moscow',
  });
}

/** The body of every error response. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** For invalid_input: which fields and why. */
    fields?: { path: string; message: string }[];
    /** For otp_resend_too_soon: seconds until a new code may be asked for. */
    retryInSeconds?: number;
    /** For otp_invalid: wrong tries left on this code before otp_attempts_exceeded. */
    attemptsLeft?: number;
    /** For password_too_weak: 'too_short' | 'only_digits' | 'common' | 'repeated'. */
    reason?: string;
    /** For file_too_large: the limit in bytes. */
    maxBytes?: number;
    /** For storage_quota_exceeded: the bytes this person's files take, and their quota. */
    usedBytes?: number;
    limitBytes?: number;
  };
}
