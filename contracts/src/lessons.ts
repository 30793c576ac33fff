import { z } from 'zod';
import { id, isoDateTime, personSummary } from './common.js';

/**
 * VID-1..5, CHT-4, DASH-1/2, ATT-1: video lessons. A lesson is started for a class (its students are called; its
 * other teachers see it going on and may come in) or from a chat (everyone, «Позвонить всем», or chosen members). Media never passes through the
 * API: after `join` the browser publishes and subscribes over the socket (`lesson.*` frames in realtime.ts).
 */

/** The most people in a lesson at once (VID-1); the next one is refused with `lesson_full`. */
export const LESSON_CAPACITY = 100;

export const startLessonRequest = z.discriminatedUnion('kind', [
  /** «Главная» → «Начать урок» → the class: every student of the class is called. */
  z.object({ kind: z.literal('class'), classId: id }),
  /** The camera icon in a chat: `userIds` empty means «Позвонить всем» (every member is called). */
  z.object({ kind: z.literal('chat'), chatId: id, userIds: z.array(id).max(200).default([]) }),
]);
export type StartLessonRequest = z.infer<typeof startLessonRequest>;

/** A lesson as a list shows it: «Главная», the chat's header, the incoming call. */
export const lessonSummary = z.object({
  id,
  schoolId: id,
  /** «7А» for a class lesson, the chat's name for a chat lesson. */
  title: z.string(),
  classId: id.nullable(),
  chatId: id.nullable(),
  host: personSummary,
  startedAt: isoDateTime,
  endedAt: isoDateTime.nullable(),
  /** People in the call now. */
  presentCount: z.number().int(),
});
export type LessonSummary = z.infer<typeof lessonSummary>;

export const lessonSummaryResponse = z.object({ data: lessonSummary });

/** Lessons going on that I may join, newest first (DASH-1, VID-5). */
export const liveLessonsResponse = z.object({ data: z.array(lessonSummary) });

export const lessonParticipant = z.object({
  person: personSummary,
  host: z.boolean(),
  /** In the call now. */
  present: z.boolean(),
  /** When the hand went up; raised hands are listed oldest first. */
  handRaisedAt: isoDateTime.nullable(),
});
export type LessonParticipant = z.infer<typeof lessonParticipant>;

/** TURN/STUN servers for the browser's RTCPeerConnection; TURN credentials expire (coturn use-auth-secret). */
export const iceServer = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});

export const lessonDetails = z.object({
  lesson: lessonSummary,
  locked: z.boolean(),
  /** Everyone but the host is muted and may not unmute until the host allows it. */
  mutedAll: z.boolean(),
  /** People called or in the call; raised hands carry their time. */
  participants: z.array(lessonParticipant),
  can: z.object({
    /** The host's control panel: mute everyone, cameras, remove, lock, lower hands, invite. */
    manage: z.boolean(),
    /** See and export attendance (ATT-1). */
    attendance: z.boolean(),
    /** Turn my microphone on (false while the host keeps everyone muted). */
    unmute: z.boolean(),
  }),
  /** For the browser's peer connections. */
  iceServers: z.array(iceServer),
  /** The SFU takes simulcast: publish three sizes of the picture (Janus); viewers get the one their tile needs. */
  simulcast: z.boolean(),
});
export type LessonDetails = z.infer<typeof lessonDetails>;
export const lessonDetailsResponse = z.object({ data: lessonDetails });

/** The host's switches (VID-4 (9)). */
export const updateLessonRequest = z
  .object({ locked: z.boolean().optional(), mutedAll: z.boolean().optional() })
  .refine((v) => v.locked !== undefined || v.mutedAll !== undefined, { message: 'nothing_to_change' });

export const raiseHandRequest = z.object({ raised: z.boolean() });

/** The host turns a participant's camera or microphone off (they may turn it on again unless everyone is muted). */
export const participantMediaRequest = z.object({ camera: z.literal(false).optional(), microphone: z.literal(false).optional() });

/** VID-4 (4): call more people of the school into the lesson. */
export const inviteToLessonRequest = z.object({ userIds: z.array(id).min(1).max(100) });

/** ATT-1: one person's attendance of one lesson. */
export const attendanceRow = z.object({
  person: personSummary,
  host: z.boolean(),
  /** Called when the lesson started or invited later. */
  called: z.boolean(),
  /**
   * Counts in «пришли X из Y»: called or invited, or (a class lesson) a student of the class. Someone who came
   * uninvited — another teacher of the class, an administrator, the host — is listed as present but not counted.
   */
  counted: z.boolean(),
  /** 'present' joined at least once, 'absent' counted but never came (the uncounted who never came are not listed). */
  status: z.enum(['present', 'absent']),
  intervals: z.array(z.object({ joinedAt: isoDateTime, leftAt: isoDateTime.nullable() })),
  firstJoinedAt: isoDateTime.nullable(),
  /** Time in the call, summed over intervals (an open one counts until now or the lesson's end). */
  seconds: z.number().int(),
});
export type AttendanceRow = z.infer<typeof attendanceRow>;

export const attendanceResponse = z.object({
  data: z.object({
    lesson: lessonSummary,
    rows: z.array(attendanceRow),
    /** «пришли {came} из {expected}»: of the counted rows, those present and all of them. */
    came: z.number().int(),
    expected: z.number().int(),
  }),
});
export type AttendanceResponse = z.infer<typeof attendanceResponse>;

/**
 * The CSV export's times are written in `tz`, the IANA zone of the person downloading it (the browser's, so the file
 * and the screen agree); an unknown zone is refused with `time_zone_invalid`. Without it: Europe/Moscow.
 */
export const attendanceCsvQuery = z.object({ tz: z.string().max(64).optional() });

/** Past lessons of a school I may see attendance of, newest first. */
export const lessonHistoryQuery = z.object({ schoolId: id, limit: z.coerce.number().int().min(1).max(100).default(30) });
export const lessonHistoryResponse = z.object({ data: z.array(lessonSummary) });

/** What a participant's client says about its own media; shown as icons on tiles. */
export const mediaState = z.object({ audio: z.boolean(), video: z.boolean(), screen: z.boolean() });
export type MediaState = z.infer<typeof mediaState>;

/** A published stream: one per participant who publishes. */
export const lessonFeed = z.object({
  feedId: z.string(),
  userId: id,
  state: mediaState,
  /** Changes each time the person publishes again (a reconnect): viewers subscribe anew. */
  publication: z.string(),
});
export type LessonFeed = z.infer<typeof lessonFeed>;

/**
 * Events in a lesson's room (`{t:'lesson', lessonId, event}`), after commit. Permission-sensitive changes
 * carry ids; clients refetch the lesson for names.
 */
export const lessonEvent = z.discriminatedUnion('type', [
  /** Someone joined or left, a hand went up or down, the host changed a switch: refetch the lesson. */
  z.object({ type: z.literal('lesson.changed') }),
  z.object({ type: z.literal('lesson.ended') }),
  /** The published streams now (sent on every change; clients subscribe to what they show). */
  z.object({ type: z.literal('feeds'), feeds: z.array(lessonFeed) }),
  /** A message of the call's chat (VID-4 (1)); kept only for the call. */
  z.object({ type: z.literal('chat'), from: personSummary, text: z.string(), at: isoDateTime }),
]);
export type LessonEvent = z.infer<typeof lessonEvent>;

/**
 * Events to a person (`{t:'user', event}`): `lesson.calling` rings (VID-2), `lessons.changed` makes «Главная» and chats
 * refetch live lessons, `lesson.removed` / `lesson.media` are the host's actions on me.
 */
export const lessonUserEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lesson.calling'), lesson: lessonSummary }),
  z.object({ type: z.literal('lessons.changed') }),
  z.object({ type: z.literal('lesson.removed'), lessonId: id }),
  z.object({ type: z.literal('lesson.media'), lessonId: id, camera: z.boolean().optional(), microphone: z.boolean().optional() }),
]);
export type LessonUserEvent = z.infer<typeof lessonUserEvent>;
