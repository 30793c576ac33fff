import { sql } from 'drizzle-orm';
import {
  bigint, boolean, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum('role', ['admin', 'leader', 'teacher', 'student', 'parent']);
export const genderEnum = pgEnum('gender', ['female', 'male']);
export const otpPurposeEnum = pgEnum('otp_purpose', ['signup', 'login', 'reset']);
export const requestStatusEnum = pgEnum('request_status', ['pending', 'approved', 'rejected']);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** E.164, the sign-in identity. */
  phone: text('phone').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  middleName: text('middle_name'),
  gender: genderEnum('gender').notNull(),
  birthDate: date('birth_date', { mode: 'string' }).notNull(),
  locale: text('locale').notNull().default('ru'),
  /** The platform operator: runs the installation's school registry. */
  isOperator: boolean('is_operator').notNull().default(false),
  termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/** One row per SMS code sent: the code only as a keyed hash. Also the ledger for send and failure limits. */
export const otpCodes = pgTable('otp_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  phone: text('phone').notNull(),
  purpose: otpPurposeEnum('purpose').notNull(),
  codeHash: text('code_hash').notNull(),
  ip: text('ip').notNull(),
  /**
   * Keyed hash of the device cookie that asked for the code: only that browser may try it, so a stranger's wrong
   * guesses never use up the five tries of the owner's code. Null for a code asked for without a cookie.
   */
  deviceHash: text('device_hash'),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  consumedAt: timestamp('consumed_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  index('otp_codes_phone_idx').on(t.phone, t.createdAt),
  index('otp_codes_ip_idx').on(t.ip, t.createdAt),
]);

/**
 * The sign-in throttle's ledger: one row per counted event (a wrong code or password, an SMS asked for from a
 * device), in a named bucket such as `ip:<address>` or `device:<phone>:<device hash>`. Counted in the database,
 * like otp_codes, so every server node sees the same counts; rows older than a day are pruned.
 */
export const authAttempts = pgTable('auth_attempts', {
  id: uuid('id').primaryKey().defaultRandom(),
  bucket: text('bucket').notNull(),
  createdAt: createdAt(),
}, (t) => [index('auth_attempts_bucket_idx').on(t.bucket, t.createdAt)]);

/** A short-lived proof that a phone was confirmed by code, spent by the next step (sign-up, sign-in, reset). */
export const verificationTickets = pgTable('verification_tickets', {
  tokenHash: text('token_hash').primaryKey(),
  phone: text('phone').notNull(),
  purpose: otpPurposeEnum('purpose').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  consumedAt: timestamp('consumed_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  userAgent: text('user_agent'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: createdAt(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/** Devices a person has signed in on; sign-in from one of them needs no SMS code (ACC-2). */
export const knownDevices = pgTable('known_devices', {
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  deviceHash: text('device_hash').notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.userId, t.deviceHash] })]);

export const schools = pgTable('schools', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  country: text('country').notNull(),
  city: text('city').notNull(),
  address: text('address'),
  phone: text('phone'),
  site: text('site'),
  email: text('email'),
  description: text('description'),
  /** «Максимальный размер видео»: the largest «Видео школы» upload, in bytes (2 GB unless the administration changes it). */
  videoMaxBytes: bigint('video_max_bytes', { mode: 'number' }).notNull().default(2 * 1024 * 1024 * 1024),
  /**
   * «Место для файлов»: how much one person of this school may keep uploaded, in bytes (1 GB unless the administration
   * changes it). A person in several schools gets the largest of theirs; the school's documents and videos do not count.
   */
  storageQuotaBytes: bigint('storage_quota_bytes', { mode: 'number' }).notNull().default(1024 * 1024 * 1024),
  /** SAFE-1 «Ученики пишут лично только одноклассникам и учителям класса» (on unless the administration turns it off). */
  studentsWriteWithinClass: boolean('students_write_within_class').notNull().default(true),
  /** SAFE-1 flood control: messages one person may send to one chat in a minute. */
  messagesPerMinute: integer('messages_per_minute').notNull().default(20),
  createdAt: createdAt(),
}, (t) => [index('schools_place_idx').on(t.country, t.city)]);

export const classes = pgTable('classes', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  grade: integer('grade').notNull(),
  letter: text('letter').notNull(),
  profile: text('profile'),
  /** PAR-1 «Классный руководитель»: at most one per class, a teacher of the school, set by the administration. */
  classTeacherId: uuid('class_teacher_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('classes_school_name_uq').on(t.schoolId, t.grade, t.letter)]);

/** A role a person holds in a school. A student's membership names their class. */
export const memberships = pgTable('memberships', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: roleEnum('role').notNull(),
  classId: uuid('class_id').references(() => classes.id, { onDelete: 'set null' }),
  /** A leader's position: «Директор», «Заместитель директора по УВР». */
  title: text('title'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('memberships_school_user_role_uq').on(t.schoolId, t.userId, t.role),
  index('memberships_user_idx').on(t.userId),
  index('memberships_class_idx').on(t.classId),
]);

/** The subjects a teacher teaches in a class (CLS-2). */
export const classTeachers = pgTable('class_teachers', {
  classId: uuid('class_id').notNull().references(() => classes.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  subject: text('subject').notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.classId, t.userId, t.subject] }), index('class_teachers_user_idx').on(t.userId)]);

/**
 * PAR-1: a parent linked to a child of a class, made only by approving the parent's request (the class teacher or
 * the administration approves: nobody becomes a child's parent by their own or the child's word). Removing the row
 * unlinks at once.
 */
export const parentLinks = pgTable('parent_links', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  parentId: uuid('parent_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  childId: uuid('child_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  classId: uuid('class_id').notNull().references(() => classes.id, { onDelete: 'cascade' }),
  approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
  approvedAt: timestamp('approved_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('parent_links_parent_child_class_uq').on(t.parentId, t.childId, t.classId),
  index('parent_links_class_idx').on(t.classId),
  index('parent_links_child_idx').on(t.childId),
]);

/** The subjects a teacher named at join, before picking classes (ORG-5). */
export const teacherSubjects = pgTable('teacher_subjects', {
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  subject: text('subject').notNull(),
}, (t) => [primaryKey({ columns: [t.schoolId, t.userId, t.subject] })]);

/** ORG-3: invitation links; only the token's hash is kept. */
export const invites = pgTable('invites', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  role: roleEnum('role').notNull(),
  classId: uuid('class_id').references(() => classes.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  maxUses: integer('max_uses'),
  uses: integer('uses').notNull().default(0),
  /**
   * The link only asks to join: «Присоединиться» files a join request the administration approves. For links whose
   * token is public (the demo's), so that knowing it makes nobody a teacher.
   */
  needsApproval: boolean('needs_approval').notNull().default(false),
  /**
   * PAR-1 «Пригласить родителя»: a student's one-time link for a parent, that child already chosen. The parent still
   * only asks: the class teacher confirms, so a child alone never makes an adult their parent.
   */
  childId: uuid('child_id').references(() => users.id, { onDelete: 'cascade' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** Null when the platform operator made it for a new school's first administrator. */
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [index('invites_school_idx').on(t.schoolId)]);

/** ORG-4: a request to join without an invitation. */
export const joinRequests = pgTable('join_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: roleEnum('role').notNull(),
  classIds: uuid('class_ids').array().notNull().default(sql`'{}'::uuid[]`),
  subjects: text('subjects').array().notNull().default(sql`'{}'::text[]`),
  /** A parent's request (PAR-1): the children of `classIds[0]` they ask to be linked to. */
  childIds: uuid('child_ids').array().notNull().default(sql`'{}'::uuid[]`),
  comment: text('comment'),
  status: requestStatusEnum('status').notNull().default('pending'),
  decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  /** Why the administration rejected it, if they said: shown to the applicant. */
  rejectReason: text('reject_reason'),
  createdAt: createdAt(),
}, (t) => [
  index('join_requests_school_status_idx').on(t.schoolId, t.status),
  index('join_requests_user_idx').on(t.userId),
  uniqueIndex('join_requests_one_pending_uq').on(t.schoolId, t.userId).where(sql`status = 'pending'`),
]);

/** Installation-wide settings, e.g. the generated secret key shared by every node. */
export const instanceSettings = pgTable('instance_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
