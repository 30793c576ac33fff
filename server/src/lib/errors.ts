import type { ErrorCode } from '@parta/contracts';

const statusByCode: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  invalid_phone: 400,
  password_too_weak: 400,
  password_mismatch: 400,
  class_required: 400,
  subject_required: 400,
  not_a_teacher: 400,
  children_required: 400,
  already_linked: 409,
  otp_invalid: 400,
  otp_expired: 400,
  unauthenticated: 401,
  otp_required: 401,
  wrong_password: 401,
  verification_invalid: 401,
  forbidden: 403,
  bad_origin: 403,
  setup_local_only: 403,
  setup_not_empty: 409,
  not_found: 404,
  account_not_found: 404,
  invite_invalid: 410,
  phone_taken: 409,
  already_member: 409,
  request_pending: 409,
  request_already_decided: 409,
  class_exists: 409,
  last_admin: 409,
  chat_owner_role: 409,
  file_type_forbidden: 400,
  file_too_large: 413,
  storage_quota_exceeded: 413,
  video_type_unsupported: 400,
  image_invalid: 400,
  folder_exists: 409,
  poll_closed: 409,
  poll_vote_final: 409,
  lesson_full: 409,
  lesson_ended: 409,
  lesson_locked: 403,
  lesson_removed: 403,
  lesson_muted: 403,
  time_zone_invalid: 400,
  homework_marked: 409,
  mark_scale: 400,
  homework_subject: 400,
  write_banned: 403,
  chat_blocked: 403,
  personal_chat_restricted: 403,
  report_already_decided: 409,
  rate_limited: 429,
  uploads_too_many: 429,
  otp_resend_too_soon: 429,
  otp_attempts_exceeded: 429,
  // The SMS gateway refused or did not answer: nothing of ours is wrong, and a retry may pass.
  sms_failed: 503,
};

/**
 * The one error a use-case throws for an expected refusal. The HTTP layer turns it into
 * `{error: {code, message}}` with the status below; nothing below a route knows about HTTP beyond this.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Extra facts for the client, e.g. seconds to wait. */
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.status = statusByCode[code] ?? 400;
  }
}

/** "Not there" and "not yours" are one answer, so ids cannot be probed. */
export const notFound = () => new AppError('not_found');
