import { z } from 'zod';
import { chatEvent, message } from './chats.js';
import { id } from './common.js';
import { lessonEvent, mediaState } from './lessons.js';

/**
 * The WebSocket protocol at /api/socket (one socket per tab, authenticated by the session cookie).
 * Frames are JSON objects with a `t` tag.
 *
 * As built (server/src/realtime/): the upgrade is refused with 401 without a valid session and 403
 * when Origin is another site. The server sends `ready` once the socket is in its rooms; the client
 * then sends `resume` at once (with `{}` when it knows no positions): live chat events are held until
 * the first resume (at most ~1 s), so replayed events never follow newer live ones. Chat events come
 * in seq order per chat, each seq once per socket. A socket too slow to drain (megabytes unsent) is
 * closed; it reconnects and resumes. The server pings every 30 s and closes a socket that did not
 * answer the previous ping (browsers answer pings by themselves).
 */

export { socketCloseCodes } from './constants.js';

/** Client → server. */
export const clientFrame = z.discriminatedUnion('t', [
  /** After (re)connecting: the last seq seen per chat; the server sends exactly what was missed. */
  z.object({ t: z.literal('resume'), chats: z.record(z.string(), z.number().int().nonnegative()) }),
  /** Send a message; answered by `ack` (after commit) or `nack` with the same ref. */
  z.object({
    t: z.literal('send'),
    ref: z.string().max(64),
    chatId: id,
    clientId: z.string().min(1).max(64),
    text: z.string().max(4000),
    replyToId: id.nullable().optional(),
    fileIds: z.array(id).max(10).optional(),
  }),
  z.object({ t: z.literal('typing'), chatId: id }),
  z.object({ t: z.literal('read'), chatId: id, seq: z.number().int().nonnegative() }),
  z.object({ t: z.literal('ping') }),
  /**
   * The chat this tab shows while it is visible (null: none, or the tab is hidden): its person gets no push for that
   * chat's messages while it stays so. Sent on every change and again after each `ready`; unanswered.
   */
  z.object({ t: z.literal('viewing'), chatId: id.nullable() }),
  /**
   * Video lessons (VID-3/4): after `POST /lessons/:id/join`, the tab enters the lesson's room (answered by the
   * `feeds` event), publishes its send-only offer (answered by `lesson.answer`), asks for the feeds it shows
   * (answered by `lesson.offer` when something changed) and answers that offer. Failures come back as `nack` with
   * the frame's `t` as ref.
   */
  z.object({ t: z.literal('lesson.enter'), lessonId: id }),
  z.object({ t: z.literal('lesson.publish'), lessonId: id, sdp: z.string().max(100_000), state: mediaState }),
  /** What I show: the pictures of the tiles on screen, the sound of open microphones (not everything of everyone). */
  z.object({
    t: z.literal('lesson.subscribe'),
    lessonId: id,
    feeds: z
      .array(
        z.object({
          feedId: z.string().max(64),
          audio: z.boolean(),
          video: z.boolean(),
          /** With simulcast: 0 the smallest picture (a thumbnail), 2 the largest (the speaker). */
          layer: z.number().int().min(0).max(2).optional(),
          /** The feed's publication as last seen in `feeds`: a new one is subscribed anew. */
          publication: z.string().max(64).optional(),
        }),
      )
      .max(100),
  }),
  z.object({ t: z.literal('lesson.answer'), lessonId: id, sdp: z.string().max(100_000) }),
  /** My microphone, camera, screen switched: shown on my tile (unmuting while everyone is muted is refused). */
  z.object({ t: z.literal('lesson.state'), lessonId: id, state: mediaState }),
  /** A message in the call's chat. */
  z.object({ t: z.literal('lesson.chat'), lessonId: id, text: z.string().trim().min(1).max(1000) }),
  /** The tab leaves the lesson's media (the stay is closed by `POST /lessons/:id/leave`). */
  z.object({ t: z.literal('lesson.exit'), lessonId: id }),
]);
export type ClientFrame = z.infer<typeof clientFrame>;

/** Server → client. */
export const serverFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ready'), userId: id }),
  /** A chat event, in seq order per chat, each exactly once. */
  z.object({ t: z.literal('event'), chatId: id, seq: z.number().int(), event: chatEvent }),
  /** The client is too far behind in this chat: refetch its history instead of replaying. */
  z.object({ t: z.literal('resync'), chatId: id }),
  /** The backlog asked for by `resume` has been sent. */
  z.object({ t: z.literal('resumed') }),
  z.object({ t: z.literal('typing'), chatId: id, userId: id, name: z.string() }),
  /**
   * Something about me changed: `chats.changed` (added to or removed from a chat: the socket's rooms are
   * already updated), `chat.read` (another tab moved a read mark), a request decided: refetch lists.
   */
  z.object({ t: z.literal('user'), event: z.object({ type: z.string() }).passthrough() }),
  /**
   * Something new in a school the person belongs to (news posted, an article published, a document
   * added, a poll outside chats updated): the event says what, the client refetches or patches.
   * Sockets join their schools' rooms when they connect. The event never names who voted in a poll.
   */
  z.object({ t: z.literal('school'), schoolId: id, event: z.object({ type: z.string() }).passthrough() }),
  /**
   * Something in a class I learn or teach in. Sockets stand in their schools' and classes' rooms (and a school's
   * administration in its `school-admin:` room, whose events come as `school` frames); when the person's
   * memberships change (`member.joined`, `memberships.changed`, `chats.changed` in their `user:` room) the server
   * moves their open sockets before that event is written, so no reconnect is needed.
   */
  z.object({ t: z.literal('class'), classId: id, event: z.object({ type: z.string() }).passthrough() }),
  z.object({ t: z.literal('ack'), ref: z.string(), message }),
  z.object({
    t: z.literal('nack'),
    ref: z.string(),
    error: z.object({
      code: z.string(),
      message: z.string(),
      /** For rate_limited (a chat's flood limit): seconds to wait before sending again. */
      retryInSeconds: z.number().optional(),
      /** For write_banned: when the ban ends. */
      until: z.string().optional(),
    }),
  }),
  z.object({ t: z.literal('pong') }),
  /** Something in a lesson I am in (the room I entered with `lesson.enter`). */
  z.object({ t: z.literal('lesson'), lessonId: id, event: lessonEvent }),
  /** The SFU's answer to my publication. */
  z.object({ t: z.literal('lesson.answer'), lessonId: id, sdp: z.string() }),
  /** The SFU's offer for my receiving connection: which m-line carries whose audio or video (sdp null: nothing changed). */
  z.object({
    t: z.literal('lesson.offer'),
    lessonId: id,
    sdp: z.string().nullable(),
    streams: z.array(z.object({ mid: z.string(), feedId: z.string(), kind: z.enum(['audio', 'video']) })),
  }),
  /** This tab is out of the lesson's media: it ended, I was removed, left, or opened it in another tab. */
  z.object({ t: z.literal('lesson.closed'), lessonId: id, reason: z.enum(['ended', 'removed', 'left', 'elsewhere']) }),
]);
export type ServerFrame = z.infer<typeof serverFrame>;
